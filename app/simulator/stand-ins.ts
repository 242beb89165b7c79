/**
 * The simulator's key-value store and broker: a real Redis / MQTT broker when given by URL, else the
 * in-memory store behind a RESP server and aedes in-process ("nothing to install").
 */
import { createRedisKvFromUrl } from '../adapters/kv/redis.js';
import type { KvStore } from '../core/ports.js';
import { startEmbeddedBroker } from './broker.js';
import { startKvServer } from './kv-server.js';

export interface Endpoint {
  host: string;
  port: number;
}

export interface StandIns {
  kvAt: Endpoint;
  brokerAt: Endpoint;
  /** The platform's own client of the store (stages bodies, reads sessions). */
  kv: KvStore;
  /** Closes what was started here, the store client first. */
  close(): Promise<void>;
}

function endpointOf(url: string, defaultPort: number): Endpoint {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || defaultPort) };
}

export async function startStandIns(options: { redisUrl?: string; brokerUrl?: string }): Promise<StandIns> {
  const closers: Array<() => Promise<void>> = [];
  let kvUrl = options.redisUrl;
  if (!kvUrl) {
    const server = await startKvServer();
    closers.push(() => server.close());
    kvUrl = server.url;
  }
  const kv = createRedisKvFromUrl(kvUrl);
  closers.unshift(() => kv.close());
  let brokerAt: Endpoint;
  if (options.brokerUrl) {
    brokerAt = endpointOf(options.brokerUrl, 1883);
  } else {
    const broker = await startEmbeddedBroker();
    closers.push(() => broker.close());
    brokerAt = { host: broker.host, port: broker.port };
  }
  return {
    kvAt: endpointOf(kvUrl, 6379),
    brokerAt,
    kv,
    async close() {
      for (const close of closers) await close().catch(() => undefined);
    },
  };
}
