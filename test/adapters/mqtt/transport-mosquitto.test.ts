/**
 * The MQTT transport against a real mosquitto (protocol §2): MQTT 3.1.1 with an empty client id and
 * the token as password, messages on the server topic reach the handler, QoS 1 publishes reach the
 * client topic. (A broker cut and restore is played by the e2e tests with aedes, whose network side
 * can be cut while the sessions stay.)
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { createTransport, type Transport } from '../../../app/adapters/mqtt/transport.js';
import { skipReason, startMosquitto, type RealServer } from '../../../scripts/lib/real-servers.js';
import { memoryLogger } from '../http/loopback.js';

const skip = skipReason('mosquitto');
const cleanup: Array<() => Promise<unknown>> = [];
after(async () => {
  for (const step of cleanup.reverse()) await step();
});

async function peer(broker: RealServer, topic: string): Promise<{ client: MqttClient; next(): Promise<string> }> {
  const client = await mqtt.connectAsync(broker.url, { clientId: `peer-${randomUUID()}`, clean: false, reconnectPeriod: 0 });
  cleanup.push(() => client.endAsync(true));
  const queue: string[] = [];
  const waiting: Array<(m: string) => void> = [];
  client.on('message', (_topic, payload) => {
    const waiter = waiting.shift();
    if (waiter) waiter(payload.toString('utf8'));
    else queue.push(payload.toString('utf8'));
  });
  await client.subscribeAsync(topic, { qos: 1 });
  return { client, next: () => (queue.length > 0 ? Promise.resolve(queue.shift()!) : new Promise((resolve) => waiting.push(resolve))) };
}

function transportTo(broker: RealServer, topics: { clientTopic: string; serverTopic: string }): Transport {
  const transport = createTransport({
    host: broker.host,
    port: broker.port,
    token: 'SVC:8:token-value',
    keepaliveSeconds: 30,
    connectTimeoutSeconds: 10,
    minReconnectMs: 50,
    maxReconnectMs: 200,
    logger: memoryLogger(),
    ...topics,
  });
  cleanup.push(() => transport.close(1000));
  return transport;
}

test('server-topic messages reach the handler; publishes reach the client topic', { skip }, async () => {
  const broker = (await startMosquitto())!;
  cleanup.push(() => broker.close());
  const topics = { clientTopic: `client-${randomUUID()}`, serverTopic: `server-${randomUUID()}` };
  const platform = await peer(broker, topics.clientTopic);
  const transport = transportTo(broker, topics);
  const received = new Promise<string>((resolve) => transport.onMessage((payload) => resolve(payload.toString('utf8'))));
  await transport.connected;
  await platform.client.publishAsync(topics.serverTopic, '{"command":"CreateConfig"}', { qos: 1 });
  assert.equal(await received, '{"command":"CreateConfig"}');
  await transport.publish('client', { command: 'Ready' });
  assert.deepEqual(JSON.parse(await platform.next()), { command: 'Ready' });
});
