/**
 * KvStore in memory with the Redis semantics Alert Intake uses: hashes, strings, SET NX with TTL,
 * INCR with TTL on creation, lazy expiry by the injected clock. Values are bytes, so binary bodies
 * survive. Used by the simulator (behind its RESP server) and by unit tests.
 */
import type { Clock, KvStore } from '../../core/ports.js';
import { systemClock } from '../../core/ports.js';

type Entry = { kind: 'hash'; value: Map<string, Buffer>; expiresAt?: number } | { kind: 'string'; value: Buffer; expiresAt?: number };

/** One key as `dump()` shows it: values decoded as UTF-8 (for inspection, not byte-exact). */
export type MemoryKvDumpEntry = { type: 'hash'; value: Record<string, string>; ttlMs?: number } | { type: 'string'; value: string; ttlMs?: number };

export class WrongTypeError extends Error {
  constructor() {
    super('WRONGTYPE Operation against a key holding the wrong kind of value');
  }
}

export interface MemoryKv extends KvStore {
  /** Raw access for the RESP server. */
  get(key: string): Buffer | null;
  set(key: string, value: Buffer, options?: { nx?: boolean; ttlMs?: number }): boolean;
  hset(key: string, field: string, value: string | Buffer): Promise<void>;
  hsetMany(key: string, pairs: Array<[string, Buffer]>): number;
  hdel(key: string, fields: string[]): number;
  hgetallBuffers(key: string): Map<string, Buffer>;
  exists(key: string): boolean;
  expire(key: string, ttlMs: number): boolean;
  /** Remaining TTL in ms: -1 no expiry, -2 no key. */
  ttl(key: string): number;
  keys(pattern: string): string[];
  incr(key: string, by?: number): number;
  flush(): void;
  /** Every live key with its value and remaining TTL, for the simulator and tests. */
  dump(): Record<string, MemoryKvDumpEntry>;
  /** Number of live keys. */
  readonly size: number;
}

/** Expired keys are dropped lazily on access, and swept after this many writes (no timers). */
const SWEEP_EVERY_WRITES = 1000;

const toBuffer = (v: string | Buffer): Buffer => (typeof v === 'string' ? Buffer.from(v, 'utf8') : Buffer.from(v));

/** Assigns own enumerable properties even for names like `__proto__` (as ioredis does). */
function putField<T>(target: Record<string, T>, name: string, value: T): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}

function globToRegExp(pattern: string): RegExp {
  let re = '^';
  for (const ch of pattern) {
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`${re}$`, 's');
}

export function createMemoryKv(options: { clock?: Clock } = {}): MemoryKv {
  const clock = options.clock ?? systemClock;
  const data = new Map<string, Entry>();
  let writes = 0;

  const expired = (e: Entry, now: number): boolean => e.expiresAt !== undefined && e.expiresAt <= now;
  const sweep = (): void => {
    const now = clock.now();
    for (const [k, e] of data) if (expired(e, now)) data.delete(k);
  };
  const wrote = (): void => {
    writes += 1;
    if (writes % SWEEP_EVERY_WRITES === 0) sweep();
  };
  const live = (key: string): Entry | undefined => {
    const e = data.get(key);
    if (e && expired(e, clock.now())) {
      data.delete(key);
      return undefined;
    }
    return e;
  };
  const hash = (key: string, create: boolean): Map<string, Buffer> | undefined => {
    const e = live(key);
    if (!e) {
      if (!create) return undefined;
      const value = new Map<string, Buffer>();
      data.set(key, { kind: 'hash', value });
      return value;
    }
    if (e.kind !== 'hash') throw new WrongTypeError();
    return e.value;
  };
  const remaining = (e: Entry): { ttlMs?: number } => (e.expiresAt === undefined ? {} : { ttlMs: Math.max(0, e.expiresAt - clock.now()) });

  const store: MemoryKv = {
    async hgetBuffer(key, field) {
      const v = hash(key, false)?.get(field);
      return v ? Buffer.from(v) : null;
    },
    async hget(key, field) {
      return hash(key, false)?.get(field)?.toString('utf8') ?? null;
    },
    async hset(key, field, value) {
      store.hsetMany(key, [[field, toBuffer(value)]]);
    },
    async hsetAll(key, fields) {
      const pairs = Array.isArray(fields) ? fields : Object.entries(fields);
      if (pairs.length === 0) return; // like Redis: no empty hash is created
      store.hsetMany(
        key,
        pairs.map(([f, v]) => [f, toBuffer(v)]),
      );
    },
    hsetMany(key, pairs) {
      const h = hash(key, true)!;
      let added = 0;
      for (const [f, v] of pairs) {
        if (!h.has(f)) added += 1;
        h.set(f, v);
      }
      wrote();
      return added;
    },
    hdel(key, fields) {
      const h = hash(key, false);
      if (!h) return 0;
      let n = 0;
      for (const f of fields) if (h.delete(f)) n += 1;
      if (h.size === 0) data.delete(key);
      return n;
    },
    async hgetall(key) {
      const out: Record<string, string> = {};
      for (const [f, v] of hash(key, false) ?? []) putField(out, f, v.toString('utf8'));
      return out;
    },
    hgetallBuffers(key) {
      return new Map(hash(key, false) ?? []);
    },
    get(key) {
      const e = live(key);
      if (!e) return null;
      if (e.kind !== 'string') throw new WrongTypeError();
      return e.value;
    },
    set(key, value, opts = {}) {
      if (opts.nx && live(key)) return false;
      data.set(key, { kind: 'string', value, ...(opts.ttlMs !== undefined ? { expiresAt: clock.now() + opts.ttlMs } : {}) });
      wrote();
      return true;
    },
    async setIfAbsent(key, value, ttlSeconds) {
      return store.set(key, toBuffer(value), { nx: true, ttlMs: ttlSeconds * 1000 });
    },
    incr(key, by = 1) {
      const e = live(key);
      if (e && e.kind !== 'string') throw new WrongTypeError();
      const text = e ? e.value.toString('utf8') : '0';
      const current = /^-?\d{1,19}$/.test(text) ? Number(text) : NaN;
      if (!Number.isSafeInteger(current + by)) throw new Error('ERR value is not an integer or out of range');
      const next = current + by;
      data.set(key, { kind: 'string', value: Buffer.from(String(next)), ...(e?.expiresAt !== undefined ? { expiresAt: e.expiresAt } : {}) });
      wrote();
      return next;
    },
    async incrementWithTtl(key, ttlSeconds, by = 1) {
      const next = store.incr(key, by);
      if (store.ttl(key) === -1) store.expire(key, ttlSeconds * 1000);
      return next;
    },
    exists(key) {
      return live(key) !== undefined;
    },
    expire(key, ttlMs) {
      const e = live(key);
      if (!e) return false;
      e.expiresAt = clock.now() + ttlMs;
      return true;
    },
    ttl(key) {
      const e = live(key);
      if (!e) return -2;
      return e.expiresAt === undefined ? -1 : Math.max(0, e.expiresAt - clock.now());
    },
    keys(pattern) {
      const re = globToRegExp(pattern);
      return [...data.keys()].filter((k) => live(k) !== undefined && re.test(k));
    },
    async del(key) {
      data.delete(key);
    },
    flush() {
      data.clear();
    },
    dump() {
      sweep();
      const out: Record<string, MemoryKvDumpEntry> = {};
      for (const [k, e] of data) {
        if (e.kind === 'string') {
          putField<MemoryKvDumpEntry>(out, k, { type: 'string', value: e.value.toString('utf8'), ...remaining(e) });
        } else {
          const value: Record<string, string> = {};
          for (const [f, v] of e.value) putField(value, f, v.toString('utf8'));
          putField<MemoryKvDumpEntry>(out, k, { type: 'hash', value, ...remaining(e) });
        }
      }
      return out;
    },
    async ping() {},
    async close() {},
    get size() {
      sweep();
      return data.size;
    },
  };
  return store;
}
