/**
 * The App Service core: decode → dispatch → handlers, plus Ready, the heartbeat watchdog and the
 * shutdown sequence. Transport-free: the MQTT adapter feeds it payloads and carries its messages.
 */
import { decodeMessage } from '../../protocol/decode.js';
import { brokerCheck, ready, shutdownAck } from '../../protocol/encode.js';
import { appDepsFor, errorText, type ServiceContext, type ServiceDeps, type ServiceState, type ShutdownOptions } from './context.js';
import { createDispatcher } from './dispatcher.js';
import { createLimiter } from './limiter.js';
import { createMetrics } from './metrics.js';
import { createTriggerRegistry } from '../trigger/registry.js';
import { createRecentKeys } from './recent-keys.js';
import type { Timers } from '../ports.js';

/** How many WebhookEvent request keys are remembered to recognise a redelivered copy (~1 MB). */
const RECENT_REQUEST_KEYS = 10_000;

export interface Service {
  /** One broker payload from the server topic. Never throws; work continues in the background. */
  receive(payload: Buffer | string): void;
  /** Publishes Ready — once; later calls do nothing (protocol §1.4 step 7). */
  announceReady(): Promise<void>;
  /** Starts the heartbeat watchdog (protocol §3.3), counted from now. */
  startWatchdog(hbTimeoutSeconds: number, brokerCheckGraceMs?: number): void;
  /**
   * The full shutdown path: ack (unless told not to), stop intake, answer queued events 503
   * service_stopping, drain running ones (bounded; the rest are answered 503), app callback, then
   * `onStopped`. Signals take it too.
   */
  shutdown(reason: string, options?: Partial<ShutdownOptions>): Promise<void>;
  readonly state: ServiceState;
  /** Settles when every message received so far has been handled (tests, drain). */
  settled(): Promise<void>;
}

/** The watchdog's timers never keep the process alive on their own. */
const BACKGROUND = { background: true };

/** How long shutdown waits for the 503 answers of events it refused or abandoned to be published. */
const ANSWER_GRACE_MS = 2000;

async function settledWithin(timers: Timers, work: Promise<unknown>, ms: number): Promise<void> {
  let cancel = (): void => undefined;
  await Promise.race([work.catch(() => undefined), new Promise<void>((resolve) => (cancel = timers.after(ms, resolve)))]);
  cancel();
}

export function createService(deps: ServiceDeps): Service {
  const state: ServiceState = {
    registry: createTriggerRegistry(),
    metrics: createMetrics(),
    limiter: createLimiter(
      deps.options.maxConcurrentEvents,
      deps.options.maxQueuedEvents,
      (err) => {
        state.metrics.errors += 1;
        deps.logger.error('feature=service, event=task-failed', { error: errorText(err) });
      },
      deps.timers,
    ),
    heartbeatWatchdog: 0,
    shuttingDown: false,
    closed: false,
    answering: new Set(),
    inFlight: new Set(),
    recentRequestKeys: createRecentKeys(RECENT_REQUEST_KEYS),
  };
  const dispatch = createDispatcher([...deps.options.features, ...deps.app.features]);
  let readySent = false;
  /** Cancels the watchdog's next tick; undefined when it is not running. */
  let stopWatchdog: (() => void) | undefined;
  const clearWatchdog = (): void => {
    stopWatchdog?.();
    stopWatchdog = undefined;
  };
  const pending = new Set<Promise<void>>();

  const ctx: ServiceContext = {
    ...deps,
    state,
    shutdown: async (reason, options = {}) => {
      if (state.shuttingDown) return;
      state.shuttingDown = true;
      clearWatchdog();
      const { acknowledge = true, drainTimeoutMs = deps.options.drainTimeoutMs } = options;
      deps.logger.info('feature=service, event=shutdown', { reason, active: state.limiter.active, queued: state.limiter.queued });
      // Every wait is bounded: with the broker down nothing can be published.
      if (acknowledge) {
        const acked = deps
          .publish(shutdownAck())
          .catch((err: unknown) => deps.logger.error('feature=service, event=shutdown-ack-failed', { error: errorText(err) }));
        await settledWithin(deps.timers, acked, ANSWER_GRACE_MS);
      }
      // New events are answered service_stopping on arrival; waiting ones now; running ones may finish.
      const refusing = state.limiter.refuseQueued();
      const drained = await state.limiter.idle(drainTimeoutMs);
      if (!drained) {
        deps.logger.error('feature=service, event=drain-timeout', { active: state.limiter.active });
        await settledWithin(deps.timers, Promise.allSettled([...state.inFlight].map((e) => e.abandon())), ANSWER_GRACE_MS);
      }
      await settledWithin(deps.timers, refusing, ANSWER_GRACE_MS);
      // From here on nothing new is acknowledged; what was acknowledged meanwhile gets its answer out.
      state.closed = true;
      await settledWithin(deps.timers, Promise.allSettled([...state.answering]), ANSWER_GRACE_MS);
      if (deps.app.shutdown) {
        try {
          await deps.app.shutdown(appDepsFor(ctx, deps.logger));
        } catch (err) {
          deps.logger.error('feature=service, event=shutdown-callback-error', { error: errorText(err) });
        }
      }
      deps.onStopped(reason);
    },
  };

  return {
    state,
    receive(payload) {
      const decoded = decodeMessage(payload);
      if (!decoded.ok) {
        deps.logger.warn('feature=service, event=parsing-issue', { reason: decoded.reason, detail: decoded.detail });
        return;
      }
      deps.logger.trace('feature=service, event=message-received', { command: decoded.message.command });
      const work = dispatch(decoded.message, ctx);
      pending.add(work);
      void work.finally(() => pending.delete(work));
    },
    async announceReady() {
      if (readySent) return;
      readySent = true;
      await deps.publish(ready());
      deps.logger.info('feature=service, event=ready');
    },
    startWatchdog(hbTimeoutSeconds, brokerCheckGraceMs = 5000) {
      clearWatchdog();
      state.heartbeatWatchdog = 0;
      const tick = (): void => {
        state.heartbeatWatchdog += 1;
        if (state.shuttingDown) {
          clearWatchdog();
          return;
        }
        if (state.heartbeatWatchdog <= hbTimeoutSeconds) {
          stopWatchdog = deps.timers.after(1000, tick, BACKGROUND);
          return;
        }
        stopWatchdog = undefined;
        deps.logger.error('feature=service, event=missed-heartbeats', { seconds: state.heartbeatWatchdog });
        deps.publishToServer(brokerCheck(new Date(deps.clock.now()), state.heartbeatWatchdog)).catch((err: unknown) => {
          deps.logger.error('feature=service, event=broker-check-failed', { error: errorText(err) });
        });
        deps.timers.after(brokerCheckGraceMs, () => void ctx.shutdown('Missed heartbeat commands.'), BACKGROUND);
      };
      stopWatchdog = deps.timers.after(1000, tick, BACKGROUND);
    },
    shutdown: (reason, options) => ctx.shutdown(reason, options),
    async settled() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
      await state.limiter.idle(60_000);
    },
  };
}
