/**
 * The Redis-protocol store the e2e tests run against: a real redis-server (REDIS_URL, or
 * 127.0.0.1:6379) when reachable, else the simulator's in-memory RESP server. Under CI a real
 * redis-server is required.
 */
import { createConnection } from 'node:net';
import { startKvServer } from '../../../app/simulator/kv-server.js';

export interface TestKv {
  host: string;
  port: number;
  kind: 'redis-server' | 'simulator-kv-server';
  close(): Promise<void>;
}

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('connect', () => {
      socket.write('PING\r\n');
      socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
    });
    socket.once('error', () => done(false));
  });
}

export async function startTestKv(): Promise<TestKv> {
  const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const host = url.hostname || '127.0.0.1';
  const port = Number(url.port || 6379);
  if (await reachable(host, port)) return { host, port, kind: 'redis-server', close: async () => undefined };
  if (process.env.CI === 'true') throw new Error(`CI: no Redis at ${host}:${port} (.ci/run starts one)`);
  console.warn(`\n!!! No redis-server at ${host}:${port}: e2e tests use the simulator's in-memory RESP server instead.\n`);
  const server = await startKvServer({});
  return { host: server.host, port: server.port, kind: 'simulator-kv-server', close: () => server.close() };
}
