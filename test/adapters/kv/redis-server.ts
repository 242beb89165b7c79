/** Finds the real Redis the adapter tests need: REDIS_URL, else 127.0.0.1:6379; required under CI. */
import { createConnection } from 'node:net';

export async function realRedisUrl(): Promise<string | null> {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const u = new URL(url);
  const ok = await new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: u.hostname, port: Number(u.port || 6379) });
    socket.setTimeout(500, () => (socket.destroy(), resolve(false)));
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
  if (ok) return url;
  if (process.env.CI === 'true') throw new Error(`CI: no redis-server at ${url} (.ci/run starts one)`);
  console.warn(`\n!!! SKIPPING real-Redis tests: no redis-server at ${url}. Install redis-server or set REDIS_URL.\n`);
  return null;
}
