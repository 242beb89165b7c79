/**
 * MQTT transport (protocol §2): MQTT 3.1.1, empty client id, clean session, username "" + token,
 * TLS only with the CA file, keepalive = tc_svc_broker_conn_timeout, subscribe to the server topic on
 * every (re)connect, publish QoS 1 to the client topic so a message published while the broker is
 * away is delivered after reconnect. Errors are logged at this border, never thrown into mqtt.js.
 */
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
  /** First reconnect delay; doubles up to maxReconnectMs, reset after a successful connect. */
  minReconnectMs?: number;
  maxReconnectMs?: number;
}

export interface Transport {
  /**
   * Resolves once connected and subscribed the first time. When the connect deadline passes first,
   * that is logged and the client keeps trying (as tcex: the heartbeat watchdog ends a service that
   * never gets through).
   */
  readonly connected: Promise<void>;
  onMessage(handler: (payload: Buffer) => void): void;
  /** QoS 1 publish; resolves on PUBACK (queued while offline). Never rejects: failures are logged. */
  publish(topic: 'client' | 'server', message: object): Promise<void>;
  /** Unsubscribe and disconnect, waiting (bounded) for in-flight publishes. */
  close(timeoutMs?: number): Promise<void>;
}

export function createTransport(options: TransportOptions): Transport {
  const { logger } = options;
  const minDelay = options.minReconnectMs ?? 1000;
  const maxDelay = options.maxReconnectMs ?? 60_000;
  const clientOptions: IClientOptions = {
    protocolVersion: 4,
    clientId: '',
    clean: true,
    keepalive: options.keepaliveSeconds,
    connectTimeout: options.connectTimeoutSeconds * 1000,
    reconnectPeriod: minDelay,
    resubscribe: false,
    host: options.host,
    port: options.port,
    protocol: options.caFile ? 'mqtts' : 'mqtt',
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

  client.on('connect', () => {
    clearTimeout(deadline);
    // Small request/answer packets: never wait for Nagle + delayed ACK (a 40 ms stall per message).
    (client.stream as { setNoDelay?: (v: boolean) => void } | undefined)?.setNoDelay?.(true);
    client.options.reconnectPeriod = minDelay;
    logger.info('feature=message-broker, event=connected', { host: options.host, port: options.port });
    client.subscribe(options.serverTopic, { qos: 1 }, (err) => {
      if (err) logger.error('feature=message-broker, event=subscribe-failed', { error: err.message });
      else {
        logger.debug('feature=message-broker, event=subscribed', { topic: options.serverTopic });
        resolveFirst();
      }
    });
  });
  client.on('reconnect', () => {
    const current = client.options.reconnectPeriod ?? minDelay;
    client.options.reconnectPeriod = Math.min(current * 2, maxDelay);
    logger.warn('feature=message-broker, event=reconnecting');
  });
  client.on('offline', () => logger.warn('feature=message-broker, event=offline'));
  client.on('error', (err) => logger.error('feature=message-broker, event=error', { error: err.message }));
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
      return new Promise<void>((resolve) => {
        if (closing && client.disconnected) {
          logger.error('feature=message-broker, event=publish-after-close', { command: (message as { command?: string }).command });
          resolve();
          return;
        }
        client.publish(topicOf(topic), payload, { qos: 1 }, (err) => {
          if (err) logger.error('feature=message-broker, event=publish-failed', { error: err.message });
          resolve();
        });
      });
    },
    async close(timeoutMs = 5000) {
      closing = true;
      clearTimeout(deadline);
      if (client.connected) {
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
