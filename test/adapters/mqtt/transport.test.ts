/**
 * The MQTT transport against a real broker (aedes in-process, cut and restored on the same port as a
 * broker restart looks to a client): reconnect schedule, persistent session, publish failures.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import mqtt from 'mqtt';
import { createTransport, reconnectDelay, sessionClientId, type Transport } from '../../../app/adapters/mqtt/transport.js';
import type { Logger, LogFields } from '../../../app/core/ports.js';
import { startTestBroker } from '../../e2e/harness/broker.js';

/** A list that resolves `reach(n)` once it holds n entries. */
function collector(): { items: string[]; push(v: string): void; reach(n: number): Promise<void> } {
  const items: string[] = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  return {
    items,
    push(v) {
      items.push(v);
      for (const w of waiters.filter((x) => items.length >= x.n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    },
    reach: (n) => (items.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }))),
  };
}

function eventLogger(): { logger: Logger; next(event: string): Promise<LogFields> } {
  const waiting: Array<{ event: string; resolve: (f: LogFields) => void }> = [];
  const at = (message: string, fields: LogFields = {}): void => {
    for (const w of [...waiting]) {
      if (message.includes(`event=${w.event}`)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(fields);
      }
    }
  };
  const logger: Logger = { trace: at, debug: at, info: at, warn: at, error: at, child: () => logger };
  return { logger, next: (event) => new Promise((resolve) => waiting.push({ event, resolve })) };
}

test('reconnect is immediate, then backs off to at most 2 s', () => {
  const delays = Array.from({ length: 40 }, (_, i) => reconnectDelay(i, 100, 2000));
  assert.equal(delays[0], 0);
  assert.equal(delays[1], 100);
  assert.ok(delays.every((d, i) => i === 0 || d >= delays[i - 1]!));
  assert.equal(Math.max(...delays), 2000);
  // During the first seconds the attempts come at most 250 ms apart, so a 1 s blip costs ≤ 1.25 s.
  let t = 0;
  const attempts = delays.map((d) => (t += d));
  for (const outage of [500, 1000, 2000, 4000]) {
    const back = attempts.find((a) => a >= outage)!;
    assert.ok(back - outage <= 250, `after a ${outage} ms outage the next attempt comes at ${back} ms`);
  }
  assert.equal(sessionClientId('svc-server-1'), sessionClientId('svc-server-1'));
  assert.ok(sessionClientId('svc-server-1').length <= 23);
  assert.notEqual(sessionClientId('svc-server-1'), sessionClientId('svc-server-2'));
});

test('commands published while the service is away arrive after reconnect; its own publishes too', async () => {
  const broker = await startTestBroker();
  const { logger, next } = eventLogger();
  const received = collector();
  let transport: Transport | undefined;
  const core = mqtt.connect({ host: '127.0.0.1', port: broker.port, clientId: 'core-test', clean: false, protocolVersion: 4, reconnectPeriod: 50 });
  try {
    const coreGot = collector();
    core.on('message', (_t, p) => coreGot.push(JSON.parse(p.toString()).n));
    await new Promise<void>((resolve) => core.once('connect', () => resolve()));
    await core.subscribeAsync('client-topic', { qos: 1 });

    transport = createTransport({
      host: '127.0.0.1',
      port: broker.port,
      keepaliveSeconds: 30,
      connectTimeoutSeconds: 5,
      clientTopic: 'client-topic',
      serverTopic: 'server-topic',
      logger,
    });
    transport.onMessage((p) => received.push(JSON.parse(p.toString()).n));
    await transport.connected;

    // The broker goes away: the service's publish waits, it does not fail.
    const offline = next('offline');
    await broker.cut();
    await offline;
    const queued = transport.publish('client', { command: 'FireEvent', n: 'from-service' });

    // The broker is back; the platform publishes before the service has reconnected.
    const back = next('connected');
    await broker.restore();
    await new Promise<void>((resolve) => (core.connected ? resolve() : core.once('connect', () => resolve())));
    for (let i = 0; i < 20; i++) await core.publishAsync('server-topic', JSON.stringify({ n: `c${i}` }), { qos: 1 });
    const fields = await back;
    assert.equal(fields.sessionPresent, true);
    await queued;
    await Promise.all([received.reach(20), coreGot.reach(1)]);
    assert.deepEqual(
      received.items,
      Array.from({ length: 20 }, (_, i) => `c${i}`),
    );
    assert.deepEqual(coreGot.items, ['from-service']);
  } finally {
    await transport?.close(1000);
    await core.endAsync(true);
    await broker.close();
  }
});

test('a publish after close is reported as a failure, not silently dropped', async () => {
  const broker = await startTestBroker();
  const { logger } = eventLogger();
  const transport = createTransport({
    host: '127.0.0.1',
    port: broker.port,
    keepaliveSeconds: 30,
    connectTimeoutSeconds: 5,
    clientTopic: 'c',
    serverTopic: 's',
    logger,
  });
  try {
    await transport.connected;
    await transport.publish('client', { command: 'Ready' });
    await transport.close(1000);
    await assert.rejects(transport.publish('client', { command: 'FireEvent' }), /not published/);
  } finally {
    await broker.close();
  }
});

test('a broker that rejects the persistent client id gets the tcex session (empty id, clean) instead', async () => {
  const { Aedes } = await import('aedes');
  const { createServer } = await import('node:net');
  const aedes = await Aedes.createBroker({
    authenticate: (client, _u, _p, done) => {
      if (client.id.startsWith('ai-')) {
        const refused = Object.assign(new Error('identifier rejected'), { returnCode: 2 as const });
        done(refused, false);
      } else done(null, true);
    },
  });
  const server = createServer((socket) => aedes.handle(socket));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  const { logger, next } = eventLogger();
  const refused = next('persistent-session-refused');
  const transport = createTransport({ host: '127.0.0.1', port, keepaliveSeconds: 30, connectTimeoutSeconds: 5, clientTopic: 'c', serverTopic: 's', logger });
  try {
    await refused;
    await transport.connected;
    await transport.publish('client', { command: 'Ready' });
  } finally {
    await transport.close(1000);
    await new Promise<void>((r) => server.close(() => r()));
    await new Promise<void>((r) => aedes.close(() => r()));
  }
});
