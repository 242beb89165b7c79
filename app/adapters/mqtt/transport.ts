/**
 * MQTT transport (protocol §2): MQTT 3.1.1, username "" + token, TLS only with the CA file,
 * keepalive = tc_svc_broker_conn_timeout. Where we differ from tcex (docs/runtime.md): a persistent
 * session (stable client id, clean session off, QoS 1 subscription) so commands published during a
 * broker blip are delivered after reconnect; QoS 1 publishes, kept across reconnects; reconnect at
 * once, then backing off to at most `maxReconnectMs`. A broker that rejects the client id gets the
 * tcex session (empty id, clean) instead. Errors are logged here, never thrown into mqtt.js.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { Logger } from '../../core/ports.js';

export interface TransportOptions {
  host: string;
  port: number;
  token?: string | null;
  caFile?: string | null;
  keepaliveSeconds: number;
  connectTimeoutSeconds: number;
  clientTopic: string;
  serverTopic: string;
  logger: Logger;
  /** The first retry is immediate; then `minReconnectMs` and up (see reconnectDelay) to `maxReconnectMs`; reset on connect. */
  minReconnectMs?: number;
  maxReconnectMs?: number;
  /** Persistent session (default true): stable client id, clean session off, QoS 1 subscription. */
  persistentSession?: boolean;
}

/** The stable client id of a persistent session: one per server topic (one per service instance), ≤ 23 characters. */
export function sessionClientId(serverTopic: string): string {
  return `ai-${createHash('sha256').update(serverTopic).digest('hex').slice(0, 20)}`;
}

/**
 * Delay before reconnect attempt `attempt` (0-based): at once, then `minMs` growing ×1.5 but at most
 * `FAST_MS` for the first `FAST_ATTEMPTS` attempts (≈ 5 s: a restart or blip costs ≤ 250 ms more than
 * itself), then ×1.5 per attempt up to `maxMs` for a longer outage.
 */
const FAST_MS = 250;
const FAST_ATTEMPTS = 20;

export function reconnectDelay(attempt: number, minMs: number, maxMs: number): number {
  if (attempt <= 0) return 0;
  if (attempt <= FAST_ATTEMPTS) return Math.min(FAST_MS, maxMs, Math.round(minMs * 1.5 ** (attempt - 1)));
  return Math.min(maxMs, Math.round(FAST_MS * 1.5 ** (attempt - FAST_ATTEMPTS)));
}

export interface Transport {
  /**
   * Resolves once connected and subscribed the first time. When the connect deadline passes first,
   * that is logged and the client keeps trying (as tcex: the heartbeat watchdog ends a service that
   * never gets through).
   */
  readonly connected: Promise<void>;
  onMessage(handler: (payload: Buffer) => void): void;
  /** QoS 1 publish; resolves on PUBACK (queued while offline); rejects (and logs) when it cannot be published. */
  publish(topic: 'client' | 'server', message: object): Promise<void>;
  /** Unsubscribe and disconnect, waiting (bounded) for in-flight publishes. */
  close(timeoutMs?: number): Promise<void>;
}

/** mqtt.js's trace logger when DEBUG is unset. */
const noTrace = (): void => {};

export function createTransport(options: TransportOptions): Transport {
  const { logger } = options;
  const minDelay = options.minReconnectMs ?? 100;
  const maxDelay = options.maxReconnectMs ?? 2000;
  const persistent = options.persistentSession ?? true;
  const clientOptions: IClientOptions = {
    protocolVersion: 4,
    clientId: persistent ? sessionClientId(options.serverTopic) : '',
    clean: !persistent,
    keepalive: options.keepaliveSeconds,
    connectTimeout: options.connectTimeoutSeconds * 1000,
    // Reconnects are scheduled here (mqtt.js retries on a fixed interval only).
    reconnectPeriod: 0,
    resubscribe: false,
    host: options.host,
    port: options.port,
    protocol: options.caFile ? 'mqtts' : 'mqtt',
    // mqtt.js traces through the `debug` package (off unless DEBUG names it), whose disabled logger
    // still gathers each call's arguments into an array: ~50 calls per event. Without DEBUG, a no-op.
    ...(process.env.DEBUG ? {} : { log: noTrace }),
  };
  if (options.token) {
    clientOptions.username = '';
    clientOptions.password = options.token;
  }
  if (options.caFile) {
    clientOptions.ca = readFileSync(options.caFile);
    clientOptions.rejectUnauthorized = true;
  }

  const client: MqttClient = mqtt.connect(clientOptions);
  let handler: ((payload: Buffer) => void) | undefined;
  let closing = false;
  let attempt = 0;
  let retry: NodeJS.Timeout | undefined;

  let resolveFirst!: () => void;
  const connected = new Promise<void>((resolve) => {
    resolveFirst = resolve;
  });
  const deadline = setTimeout(() => {
    logger.error('feature=message-broker, event=connect-timeout', {
      detail: `failed to connect to message broker host ${options.host}:${options.port}; still trying`,
    });
  }, options.connectTimeoutSeconds * 1000);
  deadline.unref();

  const scheduleReconnect = (): void => {
    if (closing || retry || client.connected) return;
    const delay = reconnectDelay(attempt, minDelay, maxDelay);
    attempt += 1;
    retry = setTimeout(() => {
      retry = undefined;
      if (closing || client.connected) return;
      logger.warn('feature=message-broker, event=reconnecting', { attempt });
      // Keep the stores: QoS 1 publishes queued while offline are sent after the reconnect.
      client.reconnect({ incomingStore: client.incomingStore, outgoingStore: client.outgoingStore });
    }, delay);
  };

  client.on('connect', (connack) => {
    clearTimeout(deadline);
    attempt = 0;
    // Small request/answer packets: never wait for Nagle + delayed ACK (a 40 ms stall per message).
    (client.stream as { setNoDelay?: (v: boolean) => void } | undefined)?.setNoDelay?.(true);
    logger.info('feature=message-broker, event=connected', { host: options.host, port: options.port, sessionPresent: connack.sessionPresent });
    client.subscribe(options.serverTopic, { qos: persistent ? 1 : 0 }, (err) => {
      if (err) logger.error('feature=message-broker, event=subscribe-failed', { error: err.message });
      else {
        logger.debug('feature=message-broker, event=subscribed', { topic: options.serverTopic });
        resolveFirst();
      }
    });
  });
  client.on('close', () => {
    if (attempt === 0 && !closing) logger.warn('feature=message-broker, event=offline');
    scheduleReconnect();
  });
  client.on('error', (err) => {
    logger.error('feature=message-broker, event=error', { error: err.message });
    // CONNACK 2 "identifier rejected": this broker will not keep a session for us; use tcex's.
    if ((err as { code?: unknown }).code === 2 && !client.options.clean) {
      logger.warn('feature=message-broker, event=persistent-session-refused', { detail: 'falling back to an empty client id and a clean session' });
      client.options.clientId = '';
      client.options.clean = true;
    }
  });
  client.on('message', (topic, payload) => {
    if (topic !== options.serverTopic || !handler) return;
    try {
      handler(payload);
    } catch (err) {
      logger.error('feature=message-broker, event=handler-error', { error: err instanceof Error ? err.message : String(err) });
    }
  });

  const topicOf = (t: 'client' | 'server'): string => (t === 'client' ? options.clientTopic : options.serverTopic);

  return {
    connected,
    onMessage(h) {
      handler = h;
    },
    publish(topic, message) {
      const payload = JSON.stringify(message);
      const command = (message as { command?: string }).command;
      return new Promise<void>((resolve, reject) => {
        if (closing && client.disconnected) {
          logger.error('feature=message-broker, event=publish-after-close', { command });
          reject(new Error(`the broker connection is closed; ${command ?? 'message'} not published`));
          return;
        }
        client.publish(topicOf(topic), payload, { qos: 1 }, (err) => {
          if (!err) return resolve();
          logger.error('feature=message-broker, event=publish-failed', { command, error: err.message });
          reject(err);
        });
      });
    },
    async close(timeoutMs = 5000) {
      closing = true;
      clearTimeout(deadline);
      if (retry) clearTimeout(retry);
      if (client.connected) {
        // With a persistent session this also tells the broker to stop queueing for us.
        await Promise.race([
          new Promise<void>((resolve) => client.unsubscribe(options.serverTopic, () => resolve())),
          new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref()),
        ]);
      }
      await Promise.race([
        new Promise<void>((resolve) => client.end(false, {}, () => resolve())),
        new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref()),
      ]);
      if (!client.disconnected) client.end(true);
    },
  };
}
