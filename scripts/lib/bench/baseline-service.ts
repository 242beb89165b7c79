/**
 * The bench's do-nothing service: the floor any service built on the same clients can reach.
 * It reads the encrypted params the platform hands over, connects the same mqtt and ioredis
 * clients the app uses, says Ready, acknowledges CreateConfig, and for every WebhookEvent does the
 * least a firing service must: acknowledge, HGET the body, HSET one output, publish FireEvent.
 * No parsing, no logging, no checks. Run: `node build/scripts/lib/bench/baseline-service.js`.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import mqtt from 'mqtt';
import { Redis } from 'ioredis';
import { decryptParams } from '../../../app/config/param-crypto.js';

const file = process.env['TC_APP_PARAM_FILE'] ?? '';
const params = decryptParams(readFileSync(file), process.env['TC_APP_PARAM_KEY'] ?? '');
unlinkSync(file);
const clientTopic = String(params['tc_svc_client_topic']);
const serverTopic = String(params['tc_svc_server_topic']);
const redis = new Redis({ host: String(params['tc_kvstore_host']), port: Number(params['tc_kvstore_port']), lazyConnect: false });
const client = mqtt.connect({
  host: String(params['tc_svc_broker_host']),
  port: Number(params['tc_svc_broker_port']),
  protocolVersion: 4,
  clean: true,
  resubscribe: false,
});
const publish = (message: Record<string, unknown>) =>
  new Promise<void>((resolve) => client.publish(clientTopic, JSON.stringify(message), { qos: 1 }, () => resolve()));

async function onWebhookEvent(m: { triggerId: number; requestKey: string }): Promise<void> {
  await publish({ command: 'Acknowledged', type: 'WebhookEvent', triggerId: m.triggerId, requestKey: m.requestKey });
  const body = await redis.hgetBuffer(m.requestKey, 'request.body');
  const sessionId = randomUUID();
  await redis.hset(sessionId, `#Trigger:${m.triggerId}:alert.bytes!String`, JSON.stringify(String(body?.length ?? 0)));
  await publish({ command: 'FireEvent', triggerId: m.triggerId, sessionId, requestKey: m.requestKey });
}

client.on('connect', () => {
  (client.stream as { setNoDelay?: (v: boolean) => void } | undefined)?.setNoDelay?.(true);
  client.subscribe(serverTopic, { qos: 1 }, () => void publish({ command: 'Ready' }));
});
client.on('message', (_topic, payload) => {
  const m = JSON.parse(payload.toString('utf8')) as { command: string; triggerId: number; requestKey: string };
  if (m.command === 'WebhookEvent') void onWebhookEvent(m);
  else if (m.command === 'CreateConfig')
    void publish({ command: 'Acknowledged', type: 'CreateConfig', triggerId: m.triggerId, status: 'Success', message: '', logFile: '' });
  else if (m.command === 'Heartbeat') void publish({ command: 'Heartbeat', metric: {} });
  else if (m.command === 'Shutdown') {
    void publish({ command: 'Acknowledged', type: 'Shutdown' }).then(() => {
      client.end(false, {}, () => process.exit(0));
      redis.disconnect();
    });
  }
});
