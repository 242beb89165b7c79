/**
 * Smoke tests of the built service (`node dist/run.js`) as its own process: an in-process aedes
 * broker, a real Redis-protocol store, every sent message checked against ThreatConnect's
 * services-specification.json (with the tabled deviations only). Each test spawns its own process
 * and runs alone (`node --test --test-name-pattern`). Every decision path of the runtime is tested
 * in-process: test/core/service/every-event-ends.test.ts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startTestBroker, type TestBroker } from './harness/broker.js';
import { startTestKv, type TestKv } from './harness/kv.js';
import { TestPlatform, reap, readInstallJson, type Message } from './harness/platform.js';
import { startPauseProxy } from './harness/pause-proxy.js';
import { loadSpecCheck, SPEC_PATH, type SpecCheck } from './harness/spec.js';
import { eventually } from '../helpers/eventually.js';
import { ALERT_BODY, OUTPUT_KEYS, acceptedConfig, outVariables, refusedConfig } from './harness/triggers.js';

const API_TOKEN = 'SVC:8:secret-api-token-value:1700000000000:387:c2lnbmF0dXJl';
const is =
  (command: string, extra: (m: Message) => boolean = () => true) =>
  (m: Message) =>
    m.command === command && extra(m);
const ack =
  (type: string, extra: (m: Message) => boolean = () => true) =>
  (m: Message) =>
    m.command === 'Acknowledged' && m.type === type && extra(m);

let broker: TestBroker;
let kv: TestKv;
let specCheck: SpecCheck | null;

before(async () => {
  specCheck = loadSpecCheck();
  if (!specCheck) console.warn(`\n!!! ${SPEC_PATH} not found: messages are not validated against the spec (outside CI only).\n`);
  broker = await startTestBroker();
  kv = await startTestKv();
});

after(async () => {
  await broker?.close();
  await kv?.close();
});

async function platform(): Promise<TestPlatform> {
  const p = new TestPlatform({ brokerPort: broker.port, kvHost: kv.host, kvPort: kv.port, specCheck });
  await p.connect();
  return p;
}

/** How many fired sessions in the store hold the title output of `triggerId` (written just before each FireEvent). */
async function sessionsWithOutputs(p: TestPlatform, triggerId: number): Promise<number> {
  let n = 0;
  for (const key of await p.redis.keys('*')) {
    if ((await p.redis.type(key)) === 'hash' && (await p.redis.hexists(key, `#Trigger:${triggerId}:${OUTPUT_KEYS.title}`))) n += 1;
  }
  return n;
}

function createConfig(id: number | string, config: Record<string, unknown>): Message {
  return {
    command: 'CreateConfig',
    triggerId: id,
    config,
    apiToken: API_TOKEN,
    expireSeconds: Math.floor(Date.now() / 1000) + 86_400,
    appId: 387,
    url: `https://tc.example/api/playbook/${id}`,
  };
}

describe('the real process', () => {
  test('life cycle: Ready, CreateConfig, Heartbeat, FireEvent, WebhookEventResponse, DeleteConfig, Shutdown', async () => {
    const p = await platform();
    const svc = p.spawnService({}, { keyLength: 32 });
    try {
      await p.waitFor(is('Ready'), 15_000, 'Ready');
      assert.equal(existsSync(svc.paramFile), false, 'params file must be deleted after reading');

      await p.send(createConfig('1', acceptedConfig(1)));
      const ok = await p.waitFor(
        ack('CreateConfig', (m) => m.triggerId === 1),
        10_000,
        'CreateConfig ack',
      );
      assert.equal(ok.status, 'Success');
      assert.ok(existsSync(join(svc.logDir, String(ok.logFile))), `trigger log ${String(ok.logFile)} exists`);
      await p.send(createConfig(2, refusedConfig(2)));
      const failed = await p.waitFor(
        ack('CreateConfig', (m) => m.triggerId === 2),
        10_000,
        'refused ack',
      );
      assert.equal(failed.status, 'Failed');
      assert.ok(String(failed.message).length > 0);

      await p.send({ command: 'heartbeat', metric: {}, memoryPercent: 1, cpuPercent: 1 });
      const hb = await p.waitForNext(is('Heartbeat'), 10_000, 'Heartbeat reply');
      assert.deepEqual(Object.keys(hb.metric as object).sort(), ['Active Playbooks', 'Errors', 'Hits', 'Misses']);
      assert.equal((hb.metric as Record<string, number>)['Active Playbooks'], 1);

      // Ack first, then FireEvent once the requested outputs are in the real store.
      const requestKey = await p.webhook(1, ALERT_BODY);
      const fire = await p.waitFor(
        is('FireEvent', (m) => m.requestKey === requestKey),
        10_000,
        'FireEvent',
      );
      const ackIndex = p.received.findIndex(ack('WebhookEvent', (m) => m.requestKey === requestKey));
      assert.ok(ackIndex >= 0 && ackIndex < p.received.indexOf(fire), 'the ack precedes the FireEvent');
      const session = await p.session(String(fire.sessionId));
      assert.equal(session[`#Trigger:1:${OUTPUT_KEYS.raw}`], ALERT_BODY);
      assert.deepEqual(
        Object.keys(session).filter((k) => !outVariables(1).split(',').includes(k)),
        [],
        'only requested variables are written',
      );

      // A body staged raw (not base64), as `tcex run` does, still fires.
      const raw = `raw-${Date.now()}`;
      await p.redis.hset(raw, 'request.body', ALERT_BODY);
      await p.webhook(1, null, { requestKey: raw });
      await p.waitFor(
        is('FireEvent', (m) => m.requestKey === raw),
        10_000,
        'fire on raw body',
      );

      // A refusal: status, and the body stored as a JSON string of base64.
      const refused = await p.webhook(1, 'this is { not json');
      const res = await p.waitFor(
        is('WebhookEventResponse', (m) => m.requestKey === refused),
        10_000,
        'response',
      );
      assert.equal(res.bodyVariable, 'response.body');
      assert.equal(res.statusCode, 400);
      const stored = await p.redis.hget(String(res.sessionId), 'response.body');
      assert.equal((JSON.parse(Buffer.from(JSON.parse(stored!) as string, 'base64').toString('utf8')) as { reason: string }).reason, 'unparsable');

      await p.send({ command: 'DeleteConfig', triggerId: 1, appId: 387 });
      assert.equal(
        (
          await p.waitFor(
            ack('DeleteConfig', (m) => m.triggerId === 1),
            10_000,
            'DeleteConfig ack',
          )
        ).status,
        'Success',
      );

      await p.send({ command: 'Shutdown', reason: 'Service disabled by user.' });
      await p.waitFor(ack('Shutdown'), 10_000, 'Shutdown ack');
      const { code } = await svc.exited;
      assert.equal(code, 0, svc.output());
      assert.equal(readFileSync(join(svc.outDir, 'message.tc'), 'utf8').trim().length > 0, true);
      const logs = readdirSync(svc.logDir)
        .map((f) => readFileSync(join(svc.logDir, f), 'utf8'))
        .join('\n');
      assert.ok(logs.includes('create-config'), 'logs were written at trace level');
      for (const secret of ['broker-token-do-not-log', 'secret-api-token-value']) {
        assert.equal(logs.includes(secret), false, `log leaks ${secret}`);
        assert.equal(svc.output().includes(secret), false, `stdout/stderr leaks ${secret}`);
      }
      assert.deepEqual(p.specProblems, []);
      assert.equal(p.received.filter(is('Ready')).length, 1, 'Ready exactly once');
    } finally {
      await reap(svc);
      await p.close();
    }
  });
});

describe('webhookResponseMarshall round trip', () => {
  test('FireEvent, then WebhookMarshallEvent → WebhookEventResponse with the playbook answer', async () => {
    const p = await platform();
    const install = readInstallJson() ?? {};
    const features = [...((install.features as string[] | undefined) ?? []), 'webhookResponseMarshall'];
    const svc = p.spawnService({}, { installJson: { ...install, features } });
    try {
      await p.waitFor(is('Ready'), 15_000, 'Ready');
      await p.send(createConfig(7, acceptedConfig(7)));
      await p.waitFor(
        ack('CreateConfig', (m) => m.triggerId === 7 && m.status === 'Success'),
        10_000,
        'ack',
      );
      const requestKey = await p.webhook(7, ALERT_BODY);
      await p.waitFor(
        is('FireEvent', (m) => m.requestKey === requestKey),
        10_000,
        'FireEvent',
      );
      const answer = JSON.stringify({ playbook: 'done' });
      await p.redis.hset(requestKey, 'request.body', Buffer.from(answer).toString('base64'));
      await p.send({
        command: 'WebhookMarshallEvent',
        triggerId: 7,
        requestKey,
        statusCode: 201,
        headers: [{ name: 'X-Playbook', value: 'yes' }],
        bodyVariable: 'request.body',
        appId: 387,
      });
      await p.waitFor(
        ack('WebhookMarshallEvent', (m) => m.requestKey === requestKey),
        10_000,
        'marshall ack',
      );
      const res = await p.waitFor(
        is('WebhookEventResponse', (m) => m.requestKey === requestKey),
        10_000,
        'response',
      );
      assert.equal(res.statusCode, 201);
      assert.deepEqual(res.headers, [{ name: 'X-Playbook', value: 'yes' }]);
      const stored = await p.redis.hget(String(res.sessionId), 'response.body');
      assert.equal(Buffer.from(JSON.parse(stored!) as string, 'base64').toString(), answer);
      assert.deepEqual(p.specProblems, []);
    } finally {
      await reap(svc);
      await p.close();
    }
  });
});

describe('tcex_testing_context hooks (protocol §5.5)', () => {
  test('fires are tracked for ThreatConnect profile harnesses', async () => {
    const p = await platform();
    const context = `ctx-${Date.now()}`;
    const svc = p.spawnService({ tcex_testing_context: context });
    try {
      await p.waitFor(is('Ready'), 15_000, 'Ready');
      await p.send(createConfig(8, acceptedConfig(8)));
      await p.waitFor(
        ack('CreateConfig', (m) => m.triggerId === 8 && m.status === 'Success'),
        10_000,
        'ack',
      );
      const rk = await p.webhook(8, ALERT_BODY);
      const fire = await p.waitFor(
        is('FireEvent', (m) => m.requestKey === rk),
        10_000,
        'FireEvent',
      );
      const sessionId = String(fire.sessionId);
      // The hooks write the tracker, then the session's _trigger_id (after its FireEvent): wait for the last write.
      await eventually(async () => (await p.redis.hget(sessionId, '_trigger_id')) !== null, 5000, "the session's _trigger_id");
      const tracker = JSON.parse((await p.redis.hget(context, '_context_tracker')) ?? '[]') as string[];
      assert.ok(tracker.includes(sessionId), 'session in _context_tracker');
      assert.equal(await p.redis.hget(sessionId, '_trigger_id'), '8');
      assert.equal(await p.redis.hget(sessionId, '#Trigger:9876:_fired!String'), '"true"');
    } finally {
      await reap(svc);
      await p.close();
    }
  });
});

describe('failure paths', () => {
  test('heartbeat starvation: BrokerCheck on the server topic, Shutdown ack, exit 0', async () => {
    const p = await platform();
    const serverSeen: Message[] = [];
    const svc = p.spawnService({ tc_svc_hb_timeout_seconds: '1' });
    try {
      // The platform listens on the server topic too, to see the service's own BrokerCheck.
      const mqtt = await import('mqtt');
      const spy = await mqtt.default.connectAsync({ host: '127.0.0.1', port: broker.port, protocolVersion: 4 });
      spy.on('message', (_t, payload) => serverSeen.push(JSON.parse(payload.toString()) as Message));
      await spy.subscribeAsync(p.serverTopic, { qos: 1 });
      const { code } = await svc.exited;
      await spy.endAsync();
      assert.equal(code, 0, svc.output());
      assert.ok(
        serverSeen.some((m) => m.command === 'BrokerCheck'),
        'BrokerCheck published to the server topic',
      );
      assert.ok(p.received.some(ack('Shutdown')), 'Shutdown ack published');
    } finally {
      await reap(svc);
      await p.close();
    }
  });

  test('SIGTERM: exit 1 with the interrupt message in message.tc', async () => {
    const p = await platform();
    const svc = p.spawnService();
    try {
      await p.waitFor(is('Ready'), 15_000, 'Ready');
      svc.child.kill('SIGTERM');
      const { code } = await svc.exited;
      assert.equal(code, 1);
      assert.match(readFileSync(join(svc.outDir, 'message.tc'), 'utf8'), /interrupt/i);
    } finally {
      await reap(svc);
      await p.close();
    }
  });

  test('SIGTERM during a burst: every acknowledged WebhookEvent is answered before the exit', async () => {
    const p = await platform();
    const svc = p.spawnService();
    try {
      await p.waitFor(is('Ready'), 15_000, 'Ready');
      await p.send(createConfig(11, acceptedConfig(11)));
      await p.waitFor(
        ack('CreateConfig', (m) => m.triggerId === 11 && m.status === 'Success'),
        10_000,
        'ack',
      );
      const keys: string[] = [];
      for (let i = 0; i < 200; i++) keys.push(await p.webhook(11, JSON.stringify({ id: `burst-${i}`, title: 'Burst alert', severity: 'high' })));
      await p.waitFor(
        ack('WebhookEvent', (m) => m.requestKey === keys[19]),
        10_000,
        '20 acks',
      );
      svc.child.kill('SIGTERM');
      const { code } = await svc.exited;
      assert.equal(code, 1, svc.output());
      const acked = new Set(p.received.filter(ack('WebhookEvent')).map((m) => String(m.requestKey)));
      assert.ok(acked.size >= 20);
      const answered = (key: string) => (m: Message) => (m.command === 'FireEvent' || m.command === 'WebhookEventResponse') && m.requestKey === key;
      // What the service published before it exited is on its way from the broker to Core.
      await Promise.all([...acked].map((key) => p.waitFor(answered(key), 5000, `the answer to ${key}`)));
      for (const key of acked) {
        const answers = p.received.filter((m) => (m.command === 'FireEvent' || m.command === 'WebhookEventResponse') && m.requestKey === key);
        assert.equal(answers.length, 1, `${key}: ${JSON.stringify(answers)}`);
        if (answers[0]!.command === 'WebhookEventResponse') assert.equal(answers[0]!.statusCode, 503);
      }
    } finally {
      await reap(svc);
      await p.close();
    }
  });

  test('invalid params: exit 1 and an input-validation message', async () => {
    const p = await platform();
    const svc = p.spawnService({ tc_svc_client_topic: '', tc_svc_server_topic: '' });
    try {
      const { code } = await svc.exited;
      assert.equal(code, 1, svc.output());
      assert.match(readFileSync(join(svc.outDir, 'message.tc'), 'utf8'), /validation/i);
    } finally {
      await reap(svc);
      await p.close();
    }
  });

  test('broker restart mid-stream: every FireEvent is delivered after reconnect', async () => {
    const proxy = await startPauseProxy(kv.host, kv.port);
    const p = await platform();
    const svc = p.spawnService({ tc_kvstore_host: '127.0.0.1', tc_kvstore_port: String(proxy.port) });
    let brokerDown = false;
    try {
      await p.waitFor(is('Ready'), 15_000, 'Ready');
      await p.send(createConfig(5, acceptedConfig(5)));
      await p.waitFor(
        ack('CreateConfig', (m) => m.triggerId === 5 && m.status === 'Success'),
        10_000,
        'ack',
      );
      // Hold the service's store so the events are received and acked but cannot fire yet.
      proxy.pause();
      const keys: string[] = [];
      for (let i = 0; i < 20; i++) keys.push(await p.webhook(5, JSON.stringify({ id: `burst-${i}`, title: 'x' })));
      for (const k of keys)
        await p.waitFor(
          ack('WebhookEvent', (m) => m.requestKey === k),
          10_000,
          'ack',
        );
      await broker.cut(); // the broker goes away while the FireEvents are still to be published
      brokerDown = true;
      proxy.resume();
      // A session's outputs are written: its FireEvent is being published while the broker is away (the
      // others wait behind the service's concurrency bound until those are delivered).
      await eventually(async () => (await sessionsWithOutputs(p, 5)) > 0, 10_000, 'a fired session written');
      await broker.restore();
      brokerDown = false;
      for (const k of keys)
        await p.waitFor(
          is('FireEvent', (m) => m.requestKey === k),
          30_000,
          `FireEvent for ${k}`,
        );
      const fired = new Set(p.received.filter(is('FireEvent')).map((m) => m.requestKey));
      assert.equal(keys.filter((k) => fired.has(k)).length, keys.length);
    } finally {
      if (brokerDown) await broker.restore(); // the next tests need it
      await reap(svc);
      await p.close();
      await proxy.close();
    }
  });
});

describe('hostile input', () => {
  test('1,000 malformed broker messages and bodies: the service stays up and keeps answering', async () => {
    const p = await platform();
    const svc = p.spawnService({ tc_log_level: 'warning' });
    try {
      await p.waitFor(is('Ready'), 15_000, 'Ready');
      await p.send(createConfig(3, acceptedConfig(3, { tc_playbook_out_variables: outVariables(3, [OUTPUT_KEYS.raw]) })));
      await p.waitFor(
        ack('CreateConfig', (m) => m.triggerId === 3),
        10_000,
        'ack',
      );
      let seed = 42;
      const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
      const junk = (): string | Buffer => {
        const kind = Math.floor(rnd() * 10);
        switch (kind) {
          case 0:
            return Buffer.from(Array.from({ length: 64 }, () => Math.floor(rnd() * 256)));
          case 1:
            return '{"command":';
          case 2:
            return JSON.stringify({ command: 'WebhookEvent', triggerId: { x: 1 }, requestKey: 5 });
          case 3:
            return JSON.stringify({ command: 'CreateConfig', triggerId: 'abc', config: 'x'.repeat(10_000) });
          case 4:
            return JSON.stringify({ command: 'WebhookEvent', triggerId: 3, requestKey: 'k'.repeat(1000), headers: 7 });
          case 5:
            return JSON.stringify({ command: 'Heartbeat', metric: [1, 2, 3] });
          case 6:
            return JSON.stringify([{ command: 'Shutdown' }]);
          case 7:
            return JSON.stringify({ command: 'LoggingChange', level: { no: 1 } });
          case 8:
            return JSON.stringify({ command: 'WebhookEvent', triggerId: 3, requestKey: `h-${rnd()}`, headers: [{ name: 'x', value: 'y'.repeat(100_000) }] });
          default:
            return JSON.stringify({ command: '\u0000\uffff', triggerId: Number.MAX_VALUE });
        }
      };
      for (let i = 0; i < 700; i++) await p.send(junk());
      // Hostile bodies through valid WebhookEvents.
      const bodies: Array<string | Buffer> = [
        'x'.repeat(2_000_000),
        Buffer.from([0xc3, 0x28, 0xa0, 0xa1]),
        '{'.repeat(100_000),
        '['.repeat(50_000) + ']'.repeat(50_000),
        '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}',
        '\u0000'.repeat(1000),
      ];
      const keys: string[] = [];
      for (let i = 0; i < 300; i++) keys.push(await p.webhook(3, bodies[i % bodies.length]!));
      for (let i = 0; i < 300; i += 29) {
        const k = keys[i]!;
        await p.waitFor((m) => (m.command === 'FireEvent' || m.command === 'WebhookEventResponse') && m.requestKey === k, 30_000, `answer ${i}`);
      }
      await p.send({ command: 'Heartbeat' });
      await p.waitForNext(is('Heartbeat'), 10_000, 'Heartbeat after the storm');
      const rk = await p.webhook(3, ALERT_BODY);
      await p.waitFor(
        is('FireEvent', (m) => m.requestKey === rk),
        10_000,
        'a valid event still fires',
      );
      assert.equal(svc.child.exitCode, null, 'still running');
    } finally {
      await reap(svc);
      await p.close();
    }
  });
});
