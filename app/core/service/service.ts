/**
 * The App Service core: decode → dispatch → handlers, plus Ready, the heartbeat watchdog and the
 * shutdown sequence. Transport-free: the MQTT adapter feeds it payloads and carries its messages.
 */
import { decodeMessage } from '../../protocol/decode.js';
import { brokerCheck, ready, shutdownAck } from '../../protocol/encode.js';
import { appDepsFor, errorText, type ServiceContext, type ServiceDeps, type ServiceState } from './context.js';
import { createDispatcher } from './dispatcher.js';
import { createLimiter } from './limiter.js';
import { createMetrics } from './metrics.js';
import { createTriggerRegistry } from './trigger-registry.js';

export interface Service {
  /** One broker payload from the server topic. Never throws; work continues in the background. */
  receive(payload: Buffer | string): void;
  /** Publishes Ready — once; later calls do nothing (protocol §1.4 step 7). */
  announceReady(): Promise<void>;
  /** Starts the heartbeat watchdog (protocol §3.3), counted from now. */
  startWatchdog(hbTimeoutSeconds: number, brokerCheckGraceMs?: number): void;
  /** The full shutdown path: ack, stop intake, drain, app callback, then `onStopped`. */
  shutdown(reason: string): Promise<void>;
  readonly state: ServiceState;
  /** Settles when every message received so far has been handled (tests, drain). */
  settled(): Promise<void>;
}

export function createService(deps: ServiceDeps): Service {
  const state: ServiceState = {
    registry: createTriggerRegistry(),
    metrics: createMetrics(),
    limiter: createLimiter(deps.options.maxConcurrentEvents, deps.options.maxQueuedEvents),
    heartbeatWatchdog: 0,
    shuttingDown: false,
  };
  const dispatch = createDispatcher([...deps.options.features, ...deps.app.features]);
  let readySent = false;
  let watchdog: NodeJS.Timeout | undefined;
  const pending = new Set<Promise<void>>();

  const ctx: ServiceContext = {
    ...deps,
    state,
    shutdown: async (reason: string) => {
      if (state.shuttingDown) return;
      state.shuttingDown = true;
      if (watchdog) clearInterval(watchdog);
      deps.logger.info('feature=service, event=shutdown', { reason });
      await deps.publish(shutdownAck());
      const drained = await state.limiter.idle(deps.options.drainTimeoutMs);
      if (!drained) {
        deps.logger.error('feature=service, event=drain-timeout', { active: state.limiter.active, queued: state.limiter.queued });
      }
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
      if (watchdog) clearInterval(watchdog);
      state.heartbeatWatchdog = 0;
      watchdog = setInterval(() => {
        state.heartbeatWatchdog += 1;
        if (state.heartbeatWatchdog <= hbTimeoutSeconds || state.shuttingDown) return;
        if (watchdog) clearInterval(watchdog);
        watchdog = undefined;
        deps.logger.error('feature=service, event=missed-heartbeats', { seconds: state.heartbeatWatchdog });
        void deps.publishToServer(brokerCheck(new Date(deps.clock.now()), state.heartbeatWatchdog));
        const grace = setTimeout(() => void ctx.shutdown('Missed heartbeat commands.'), brokerCheckGraceMs);
        grace.unref?.();
      }, 1000);
      watchdog.unref?.();
    },
    shutdown: (reason) => ctx.shutdown(reason),
    async settled() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
      await state.limiter.idle(60_000);
    },
  };
}
