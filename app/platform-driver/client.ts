/**
 * The platform's broker connection, for every platform stand-in (the simulator, the e2e tests, the
 * bench, the soak and memory scripts): MQTT 3.1.1 with TCP_NODELAY, subscribed at QoS 1 to the
 * client topic (what the service says), publishing commands at QoS 1 on the server topic. Each reply
 * is routed by its key (`replyKeyOf`), so a waiter costs O(1) per message however many are in flight.
 */
import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import type { PlatformMessage } from './conversation.js';

export interface PlatformClientOptions {
  host: string;
  port: number;
  clientTopic: string;
  serverTopic: string;
  /**
   * A persistent session (clean: false, a stable client id, reconnecting every 100 ms): what the
   * service publishes while the platform is cut off is delivered after the reconnect. Default: a
   * clean session reconnecting every 500 ms.
   */
  persistent?: boolean;
  /** The MQTT client id (default: `platform-<uuid>`). */
  clientId?: string;
}

export interface PlatformClient {
  readonly clientTopic: string;
  readonly serverTopic: string;
  /** Publishes on the server topic at QoS 1: a message as JSON, text or bytes as they are. */
  publish(message: PlatformMessage | string | Buffer): Promise<void>;
  /** Called with every JSON object the service publishes on the client topic, in order. */
  onMessage(listener: (message: PlatformMessage) => void): void;
  /** Called with every payload on the client topic that is not a JSON object. */
  onMalformed(listener: (text: string) => void): void;
  /** The next message with this reply key (see `replyKey`); register before sending the command. Rejects after timeoutMs. */
  expect(key: string, timeoutMs?: number): Promise<PlatformMessage>;
  close(): Promise<void>;
}

/** The keys replies are routed by. */
export const replyKey = {
  ready: 'Ready',
  /** The Acknowledged of a command: by request key (WebhookEvent) or trigger id (CreateConfig, DeleteConfig). */
  ack: (type: string, id: string | number): string => `ack:${type}:${String(id)}`,
  /** The FireEvent or WebhookEventResponse that ends a WebhookEvent. */
  answer: (requestKey: string): string => `answer:${requestKey}`,
};

/** The routing key of a message from the service. */
export function replyKeyOf(m: PlatformMessage): string {
  if (m.command === 'Acknowledged') return replyKey.ack(String(m.type), String(m.requestKey ?? m.triggerId ?? ''));
  if (typeof m.requestKey === 'string' && m.requestKey !== '') return replyKey.answer(m.requestKey);
  return String(m.command);
}

function parseObject(payload: Buffer): PlatformMessage | null {
  try {
    const value: unknown = JSON.parse(payload.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as PlatformMessage) : null;
  } catch {
    return null;
  }
}

/** One waiter per key and promise; resolves or times out once. */
class ReplyRouter {
  private readonly waiting = new Map<string, Array<(m: PlatformMessage) => void>>();

  expect(key: string, timeoutMs?: number): Promise<PlatformMessage> {
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter = (m: PlatformMessage) => {
        clearTimeout(timer);
        resolve(m);
      };
      this.waiting.set(key, [...(this.waiting.get(key) ?? []), waiter]);
      if (timeoutMs === undefined) return;
      timer = setTimeout(() => {
        this.remove(key, waiter);
        reject(new Error(`${key}: nothing within ${timeoutMs} ms`));
      }, timeoutMs);
    });
  }

  route(m: PlatformMessage): void {
    const key = replyKeyOf(m);
    const waiters = this.waiting.get(key);
    if (!waiters) return;
    this.waiting.delete(key);
    for (const w of waiters) w(m);
  }

  private remove(key: string, waiter: (m: PlatformMessage) => void): void {
    const rest = (this.waiting.get(key) ?? []).filter((w) => w !== waiter);
    if (rest.length > 0) this.waiting.set(key, rest);
    else this.waiting.delete(key);
  }
}

function setNoDelay(client: MqttClient): void {
  (client.stream as { setNoDelay?: (v: boolean) => void } | undefined)?.setNoDelay?.(true);
}

/** Connects, subscribes to the client topic and resolves once both are done. */
export async function connectPlatformClient(options: PlatformClientOptions): Promise<PlatformClient> {
  const persistent = options.persistent ?? false;
  const client = await mqtt.connectAsync({
    host: options.host,
    port: options.port,
    clientId: options.clientId ?? `platform-${randomUUID()}`,
    clean: !persistent,
    reconnectPeriod: persistent ? 100 : 500,
    protocolVersion: 4,
  });
  client.on('error', () => undefined);
  setNoDelay(client);
  client.on('connect', () => setNoDelay(client));
  const router = new ReplyRouter();
  const listeners: Array<(m: PlatformMessage) => void> = [];
  const malformed: Array<(text: string) => void> = [];
  client.on('message', (topic, payload) => {
    if (topic !== options.clientTopic) return;
    const m = parseObject(payload);
    if (!m) {
      for (const l of malformed) l(payload.toString('utf8'));
      return;
    }
    for (const l of listeners) l(m);
    router.route(m);
  });
  await client.subscribeAsync(options.clientTopic, { qos: 1 });
  return {
    clientTopic: options.clientTopic,
    serverTopic: options.serverTopic,
    async publish(message) {
      const payload = typeof message === 'string' || Buffer.isBuffer(message) ? message : JSON.stringify(message);
      await client.publishAsync(options.serverTopic, payload, { qos: 1 });
    },
    onMessage: (listener) => void listeners.push(listener),
    onMalformed: (listener) => void malformed.push(listener),
    expect: (key, timeoutMs) => router.expect(key, timeoutMs),
    close: () => client.endAsync(true).catch(() => undefined),
  };
}
