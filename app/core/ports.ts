/**
 * The outside world as the core sees it: interfaces only, no implementations.
 * Adapters (app/adapters/*) implement them; the core never imports an adapter.
 */

/** Key-value store with the Redis semantics Alert Intake uses (protocol §5.3). */
export interface KvStore {
  /** HGET as bytes (a request body may be raw, non-UTF-8 bytes). null when absent. */
  hgetBuffer(key: string, field: string): Promise<Buffer | null>;
  /** HGET as a UTF-8 string. null when absent. */
  hget(key: string, field: string): Promise<string | null>;
  /** HSET of one field. */
  hset(key: string, field: string, value: string | Buffer): Promise<void>;
  /**
   * HSET of several fields in one command (atomic, one round trip): an object, or [field, value]
   * pairs (what the output writer builds: no object to make per event). Nothing is written for none.
   */
  hsetAll(key: string, fields: Record<string, string> | ReadonlyArray<readonly [field: string, value: string | Buffer]>): Promise<void>;
  /** HGETALL; {} when the key is absent. */
  hgetall(key: string): Promise<Record<string, string>>;
  /** SET key value NX EX ttl: true when this call created the key (dedupe / replay claims). */
  setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  /** INCRBY key `by` (default 1), and EXPIRE it when the increment created it. Returns the new count. */
  incrementWithTtl(key: string, ttlSeconds: number, by?: number): Promise<number>;
  /** DEL key. */
  del(key: string): Promise<void>;
  /** Round trip to the store; rejects when it is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type LogFields = Record<string, unknown>;

/** Structured logger; implementations redact secrets before anything is written. */
export interface Logger {
  trace(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger whose lines carry these fields too (e.g. triggerId, sessionId). */
  child(fields: LogFields): Logger;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * HTTP to third parties (e.g. confirming an AWS SNS subscription): honours the proxy settings
 * and the trigger's Verify SSL choice. Rejects only on transport failure, not on HTTP status.
 */
export interface ExternalHttp {
  request(req: HttpRequest, options?: { verifySsl?: boolean }): Promise<HttpResponse>;
}

/** The ThreatConnect API, signed with the given trigger's token. */
export interface TcApi {
  get(path: string, triggerId: number): Promise<HttpResponse>;
}

/** Timers the runtime schedules (heartbeat watchdog, grace periods); tests inject a manual one. */
export interface Timers {
  /**
   * Calls `fn` once after `ms`; returns a cancel function. A `background` timer (the heartbeat
   * watchdog) does not keep the process alive on its own; a deadline being awaited does.
   */
  after(ms: number, fn: () => void, options?: { background?: boolean }): () => void;
}

export const systemClock: Clock = { now: () => Date.now() };

export const systemTimers: Timers = {
  after(ms, fn, options) {
    const t = setTimeout(fn, ms);
    if (options?.background) t.unref();
    return () => clearTimeout(t);
  },
};
