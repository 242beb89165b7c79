/**
 * KvStore on Redis (ioredis), configured the way tcex does it (protocol §1.3, §9 item 13):
 * non-TLS → host:port, db 0, no AUTH; TLS → tc_kvstore_tls_port, tc_playbook_kvstore_id, user and
 * password, CA from tc_svc_broker_cacert_file, client cert/key from tc_svc_broker_cert/key_file.
 * When Redis is down, calls reject within a few seconds (the pipeline answers 503) and the client
 * keeps reconnecting; connection errors are logged, never thrown.
 */
import { readFileSync } from 'node:fs';
import { Redis, type RedisOptions } from 'ioredis';
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

export function createRedisKvFromOptions(options: RedisOptions, logger?: Logger): KvStore {
  const client = new Redis(options);
  let lastError = '';
  client.on('error', (err: Error) => {
    // One line per distinct error, not one per reconnect attempt.
    if (err.message !== lastError) logger?.error('feature=kvstore, event=error', { error: err.message });
    lastError = err.message;
  });
  client.on('ready', () => {
    if (lastError) logger?.info('feature=kvstore, event=reconnected');
    lastError = '';
  });
  return {
    async hgetBuffer(key, field) {
      return client.hgetBuffer(key, field);
    },
    async hget(key, field) {
      return client.hget(key, field);
    },
    async hset(key, field, value) {
      await client.hset(key, field, value);
    },
    async hsetAll(key, fields) {
      if (Object.keys(fields).length > 0) await client.hset(key, fields);
    },
    async hgetall(key) {
      return client.hgetall(key);
    },
    async setIfAbsent(key, value, ttlSeconds) {
      return (await client.set(key, value, 'EX', Math.max(1, Math.ceil(ttlSeconds)), 'NX')) === 'OK';
    },
    async incrementWithTtl(key, ttlSeconds) {
      const results = await client.multi().incr(key).ttl(key).exec();
      const count = Number(results?.[0]?.[1]);
      const ttl = Number(results?.[1]?.[1]);
      // Also heals a counter left without expiry by a crash between INCR and EXPIRE.
      if (ttl === -1) await client.expire(key, Math.max(1, Math.ceil(ttlSeconds)));
      return count;
    },
    async del(key) {
      await client.del(key);
    },
    async ping() {
      await client.ping();
    },
    async close() {
      try {
        await Promise.race([client.quit(), new Promise((r) => setTimeout(r, 1000).unref())]);
      } catch {
        // already gone
      }
      client.disconnect();
    },
  };
}

export function createRedisKv(params: RedisKvParams, logger?: Logger): KvStore {
  return createRedisKvFromOptions(redisOptionsFromParams(params), logger);
}

/** redis://[user:pass@]host:port[/db] or rediss://… (simulator flags, tests). */
export function createRedisKvFromUrl(url: string, logger?: Logger): KvStore {
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
