/**
 * KvStore on Redis (ioredis), configured the way tcex does it (protocol §1.3, §9 item 13):
 * non-TLS → host:port, db 0, no AUTH; TLS → tc_kvstore_tls_port, tc_playbook_kvstore_id, user and
 * password, CA from tc_svc_broker_cacert_file, client cert/key from tc_svc_broker_cert/key_file.
 * When Redis is down, calls reject within a few seconds (the pipeline answers 503) and the client
 * keeps reconnecting; connection errors are logged, never thrown.
 * ioredis is loaded and the connection opened on `connect()` or the first command, not at import:
 * the service says Ready first (as tcex, whose redis-py client connects on its first command), and
 * ~50 ms of module evaluation leaves the start-up (docs/performance.md).
 */
import { readFileSync } from 'node:fs';
import type { Redis, RedisOptions } from 'ioredis';
import type { KvStore, Logger } from '../../core/ports.js';
import type { ServiceParams } from '../../config/service-params.js';

/** The platform params the Redis connection is built from (protocol §1.3, §9 item 13). */
export type RedisKvParams = Pick<
  ServiceParams,
  | 'tc_kvstore_host'
  | 'tc_kvstore_port'
  | 'tc_kvstore_user'
  | 'tc_kvstore_pass'
  | 'tc_kvstore_tls_enabled'
  | 'tc_kvstore_tls_port'
  | 'tc_playbook_kvstore_id'
  | 'tc_svc_broker_cacert_file'
  | 'tc_svc_broker_cert_file'
  | 'tc_svc_broker_key_file'
>;

/** How long one command may take before it is failed (Redis down or unresponsive). */
export const COMMAND_TIMEOUT_MS = 3000;

const resilience: RedisOptions = {
  connectTimeout: 2000,
  commandTimeout: COMMAND_TIMEOUT_MS,
  maxRetriesPerRequest: 1,
  enableReadyCheck: false,
  retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 5), 2000),
};

/** The ioredis options for the platform params (pure; exported for tests). */
export function redisOptionsFromParams(params: RedisKvParams, readFile: (p: string) => Buffer = readFileSync): RedisOptions {
  if (!params.tc_kvstore_tls_enabled) {
    return { ...resilience, host: params.tc_kvstore_host, port: params.tc_kvstore_port, db: 0 };
  }
  return {
    ...resilience,
    host: params.tc_kvstore_host,
    port: params.tc_kvstore_tls_port,
    db: params.tc_playbook_kvstore_id,
    ...(params.tc_kvstore_user ? { username: params.tc_kvstore_user } : {}),
    ...(params.tc_kvstore_pass ? { password: params.tc_kvstore_pass } : {}),
    tls: {
      ...(params.tc_svc_broker_cacert_file ? { ca: readFile(params.tc_svc_broker_cacert_file) } : {}),
      ...(params.tc_svc_broker_cert_file ? { cert: readFile(params.tc_svc_broker_cert_file) } : {}),
      ...(params.tc_svc_broker_key_file ? { key: readFile(params.tc_svc_broker_key_file) } : {}),
    },
  };
}

/** The store could not be reached in time (Redis down, unreachable or unresponsive). */
export class KvStoreUnavailableError extends Error {
  override readonly name = 'KvStoreUnavailableError';
}

/** Redis answered with an error (e.g. WRONGTYPE): the store is up, the command was refused. */
export class KvStoreCommandError extends Error {
  override readonly name = 'KvStoreCommandError';
}

/** ioredis marks server replies with name 'ReplyError'; everything else is a transport problem. */
const isReplyError = (err: unknown): boolean => err instanceof Error && err.name === 'ReplyError';

/** Turns a failed command into one of the two errors above; never mentions keys, values or credentials. */
function describeFailure(command: string, target: string, err: unknown, lastConnectionError: string): Error {
  const cause = err instanceof Error ? err.message : String(err);
  if (isReplyError(err)) return new KvStoreCommandError(`key-value store refused ${command}: ${cause.split('\n')[0]!.slice(0, 200)}`);
  const why = /max retries|timed out|closed|connection/i.test(cause) && lastConnectionError ? lastConnectionError : cause;
  return new KvStoreUnavailableError(`key-value store unavailable at ${target} (${command}): ${why.slice(0, 200)}`);
}

/** The Redis KvStore; `connect()` loads ioredis and opens the connection now instead of at the first command. */
export interface RedisKvStore extends KvStore {
  connect(): void;
}

let ioredisLoaded: Promise<{ Redis: typeof Redis }> | undefined;
const loadIoredis = () => (ioredisLoaded ??= import('ioredis'));

export function createRedisKvFromOptions(options: RedisOptions, logger?: Logger): RedisKvStore {
  const target = `${options.host ?? 'localhost'}:${options.port ?? 6379}`;
  let lastError = '';
  let opened: Redis | undefined;
  let opening: Promise<Redis> | undefined;
  const open = (): Promise<Redis> =>
    (opening ??= loadIoredis().then(({ Redis }) => {
      const client = new Redis({ ...resilience, ...options });
      client.on('error', (err: Error) => {
        // One line per distinct error, not one per reconnect attempt. Never rethrown: no crash.
        if (err.message !== lastError) logger?.error('feature=kvstore, event=error', { target, error: err.message });
        lastError = err.message;
      });
      client.on('ready', () => {
        if (lastError) logger?.info('feature=kvstore, event=reconnected', { target });
        lastError = '';
      });
      opened = client;
      return client;
    }));
  const run = async <T>(command: string, call: (client: Redis) => Promise<T>): Promise<T> => {
    try {
      return await call(opened ?? (await open()));
    } catch (err) {
      throw describeFailure(command, target, err, lastError);
    }
  };
  const seconds = (ttl: number) => Math.max(1, Math.ceil(ttl));
  return {
    // A failure to load or open shows on the first command (answered 503), never as an unhandled rejection.
    connect: () => void open().catch(() => undefined),
    hgetBuffer: (key, field) => run('HGET', (client) => client.hgetBuffer(key, field)),
    hget: (key, field) => run('HGET', (client) => client.hget(key, field)),
    async hset(key, field, value) {
      await run('HSET', (client) => client.hset(key, field, value));
    },
    async hsetAll(key, fields) {
      // Flattened pairs: own fields such as `__proto__` are sent like any other.
      const flat: Array<string | Buffer> = [];
      for (const [f, v] of Array.isArray(fields) ? fields : Object.entries(fields)) flat.push(f, v);
      if (flat.length > 0) await run('HSET', (client) => client.hset(key, ...flat));
    },
    hgetall: (key) => run('HGETALL', (client) => client.hgetall(key)),
    setIfAbsent: (key, value, ttlSeconds) => run('SET NX', async (client) => (await client.set(key, value, 'EX', seconds(ttlSeconds), 'NX')) === 'OK'),
    incrementWithTtl: (key, ttlSeconds, by = 1) =>
      run('INCR', async (client) => {
        // One round trip (for a whole batch: INCRBY its alerts), no MULTI/EXEC (two commands fewer for Redis to run per alert): the TTL
        // read after the INCR only decides whether to set the expiry, which any order heals.
        const results = await client.pipeline().incrby(key, by).ttl(key).exec();
        const failed = results?.find(([e]) => e)?.[0];
        if (failed) throw failed;
        const count = Number(results?.[0]?.[1]);
        // Also heals a counter left without expiry by a crash between INCR and EXPIRE.
        if (Number(results?.[1]?.[1]) === -1) await client.expire(key, seconds(ttlSeconds));
        return count;
      }),
    async del(key) {
      await run('DEL', (client) => client.del(key));
    },
    async ping() {
      await run('PING', (client) => client.ping());
    },
    async close() {
      if (!opening) return;
      const client = await opening;
      try {
        await Promise.race([client.quit(), new Promise((r) => setTimeout(r, 1000).unref())]);
      } catch {
        // already gone
      }
      client.disconnect();
    },
  };
}

export function createRedisKv(params: RedisKvParams, logger?: Logger): RedisKvStore {
  return createRedisKvFromOptions(redisOptionsFromParams(params), logger);
}

/** redis://[user:pass@]host:port[/db] or rediss://… (simulator flags, tests). */
export function createRedisKvFromUrl(url: string, logger?: Logger): RedisKvStore {
  const u = new URL(url);
  return createRedisKvFromOptions(
    {
      ...resilience,
      host: u.hostname,
      port: Number(u.port || 6379),
      db: Number(u.pathname.slice(1) || 0),
      ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
      ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
      ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    },
    logger,
  );
}
