/**
 * The Redis-protocol store the e2e tests run against: a throw-away real redis-server on a free port
 * when installed (required under CI=true), else the simulator's in-memory RESP server.
 */
import { startKvServer } from '../../../app/simulator/kv-server.js';
import { startRedisServer } from '../../../scripts/lib/real-servers.js';

export interface TestKv {
  host: string;
  port: number;
  kind: 'redis-server' | 'simulator-kv-server';
  close(): Promise<void>;
}

export async function startTestKv(): Promise<TestKv> {
  const redis = await startRedisServer();
  if (redis) return { host: redis.host, port: redis.port, kind: 'redis-server', close: () => redis.close() };
  console.warn("\n!!! redis-server is not installed: e2e tests use the simulator's in-memory RESP server instead.\n");
  const server = await startKvServer({});
  return { host: server.host, port: server.port, kind: 'simulator-kv-server', close: () => server.close() };
}
