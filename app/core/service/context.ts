/** What every command handler gets: the service's state and its ports (no transport, no adapters). */
import type { AppDeps, ServiceApp, TriggerInputs } from '../app.js';
import type { OutboundMessage } from '../../protocol/messages.js';
import type { Clock, ExternalHttp, KvStore, Logger, TcApi, Timers } from '../ports.js';
import type { Limiter } from './limiter.js';
import type { Metrics } from './metrics.js';
import type { RecentKeys } from './recent-keys.js';
import type { TriggerRegistry } from '../trigger/registry.js';

export interface TokenSink {
  register(triggerId: number, token: string, expiresEpochSeconds: number | undefined): void;
  unregister(triggerId: number): void;
}

export interface ServiceOptions {
  /** install.json `features` (e.g. webhookResponseMarshall); unioned with the app's own. */
  features: readonly string[];
  /** install.json listDelimiter. */
  listDelimiter: string;
  /** Inputs declared MultiChoice/allowMultiple: split on listDelimiter. */
  multiValueInputs: ReadonlySet<string>;
  /** Inputs declared `encrypt: true`: masked in logs, their values registered as secrets. */
  encryptedInputs: ReadonlySet<string>;
  maxConcurrentEvents: number;
  maxQueuedEvents: number;
  /** How long Shutdown waits for in-flight events before it gives up. */
  drainTimeoutMs: number;
  /** tcex_testing_context (protocol §5.5), when set. */
  testingContext?: string;
}

export interface ServiceDeps {
  app: ServiceApp;
  kv: KvStore;
  http: ExternalHttp;
  tcApi: TcApi;
  clock: Clock;
  /** The watchdog's tick and the shutdown's grace periods. */
  timers: Timers;
  logger: Logger;
  serviceInputs: Record<string, unknown>;
  /** Publish to the client topic (QoS 1). Resolves once the broker has it; rejects when it could not be published. */
  publish(message: OutboundMessage): Promise<void>;
  /** Publish to the server topic (only BrokerCheck goes there). */
  publishToServer(message: OutboundMessage): Promise<void>;
  triggerLogger(triggerId: number): { logger: Logger; logFile: string };
  /** Closes a trigger's own log file (DeleteConfig). */
  closeTriggerLogger(triggerId: number): void;
  setLogLevel(level: string): boolean;
  tokens: TokenSink;
  /** `&{TC:…}` inputs resolved through the API with the trigger's token; returns secrets it found. */
  resolveVariables(inputs: TriggerInputs, triggerId: number): Promise<{ inputs: TriggerInputs; secrets: string[] }>;
  addSecret(value: string): void;
  newSessionId(): string;
  /** Called once the shutdown sequence inside the service is done: unsubscribe, disconnect, exit. */
  onStopped(reason: string): void;
  options: ServiceOptions;
}

export interface ServiceState {
  registry: TriggerRegistry;
  metrics: Metrics;
  limiter: Limiter;
  /** Seconds since the last Heartbeat (protocol §3.3 watchdog). */
  heartbeatWatchdog: number;
  shuttingDown: boolean;
  /** Request keys of recent WebhookEvents: a redelivered copy is not processed twice. */
  recentRequestKeys: RecentKeys;
  /** Set once shutdown has answered everything it drained: later webhook messages are not acknowledged. */
  closed: boolean;
  /** Webhook handlers between their ack and their answer (or hand-off to the limiter); shutdown waits for them. */
  answering: Set<Promise<void>>;
  /** Webhook events accepted into the limiter and not yet ended (bounded by the limiter's bounds). */
  inFlight: Set<InFlightEvent>;
}

/** An accepted webhook event, as shutdown sees it. */
export interface InFlightEvent {
  /** Answers 503 service_stopping unless the event already ended or is firing. */
  abandon(): Promise<void>;
}

export interface ShutdownOptions {
  /** Publish the Shutdown ack (the platform's Shutdown and heartbeat loss, as tcex; not for a signal). */
  acknowledge: boolean;
  drainTimeoutMs: number;
}

export interface ServiceContext extends ServiceDeps {
  state: ServiceState;
  shutdown(reason: string, options?: Partial<ShutdownOptions>): Promise<void>;
}

/** The AppDeps a callback gets, with a logger scoped to the event. */
export function appDepsFor(ctx: ServiceContext, logger: Logger): AppDeps {
  return {
    kv: ctx.kv,
    http: ctx.http,
    tcApi: ctx.tcApi,
    clock: ctx.clock,
    logger,
    serviceInputs: ctx.serviceInputs,
  };
}

/**
 * Runs a webhook handler so that shutdown can wait for its answer; after shutdown closed the
 * service the message is not acknowledged at all (the platform sees it was not accepted).
 */
export function answering(ctx: ServiceContext, command: string, requestKey: string, handler: () => Promise<void>): Promise<void> {
  if (ctx.state.closed) {
    ctx.logger.warn('feature=webhook, event=not-accepted', { command, requestKey, detail: 'the service has stopped' });
    return Promise.resolve();
  }
  const work = handler();
  ctx.state.answering.add(work);
  const done = (): void => void ctx.state.answering.delete(work);
  work.then(done, done);
  return work;
}

/** Error text safe for logs: the message only, cut short (never a stack with values in it). */
export function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.slice(0, 500);
}
