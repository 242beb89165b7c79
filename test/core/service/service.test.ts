/**
 * createService in-process: memory KV, captured publishes, the real alert app or a scripted one.
 * Every WebhookEvent must end in FireEvent(s) or exactly one WebhookEventResponse, whatever happens.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { ServiceApp } from '../../../app/core/app.js';
import { dedupeStoreKey } from '../../../app/core/pipeline/dedupe.js';
import { advanceUntil, answerBody, configure, fires, isAnswerOf, OUT, postAlert, responses, send, startService } from '../../helpers/service-harness.js';

test('oversized or malformed headers are acknowledged and answered with a reason of the table', async () => {
  const h = startService();
  await configure(h);
  const many = Array.from({ length: 1001 }, (_, i) => ({ name: `h${i}`, value: 'v' }));
  send(h, { command: 'WebhookEvent', triggerId: 1, requestKey: 'many', headers: many });
  send(h, { command: 'WebhookEvent', triggerId: 1, requestKey: 'long', headers: [{ name: 'X', value: 'v'.repeat(65 * 1024) }] });
  send(h, { command: 'WebhookEvent', triggerId: 1, requestKey: 'bad', headers: 'nope' });
  for (const [key, status, reason] of [
    ['many', 431, 'headers_too_large'],
    ['long', 431, 'headers_too_large'],
    ['bad', 400, 'malformed_request'],
  ] as const) {
    const [answer] = await h.until(isAnswerOf(key));
    assert.ok(h.sent.some((m) => m.command === 'Acknowledged' && m.type === 'WebhookEvent' && m.requestKey === key));
    assert.equal(answer!.command, 'WebhookEventResponse');
    assert.equal((answer as { statusCode: number }).statusCode, status);
    assert.equal((await answerBody(h, answer!)).reason, reason);
  }
});

test('every Object.prototype name as a command is ignored without a handler error', async () => {
  const h = startService();
  for (const name of [...Object.getOwnPropertyNames(Object.prototype), '__proto__']) {
    send(h, { command: name, triggerId: 1 });
    h.service.receive(`{"command":"Heartbeat","${name}":1}`);
  }
  await h.service.settled();
  assert.equal(h.lines.filter((l) => l.message.includes('handler-error')).length, 0);
  assert.equal(h.sent.filter((m) => m.command === 'Heartbeat').length, Object.getOwnPropertyNames(Object.prototype).length + 1);
});

test('one decision line per event, whatever the outcome', async () => {
  const h = startService();
  await configure(h);
  const fired = await postAlert(h, JSON.stringify({ id: 'a-1', title: 'Login from 8.8.8.8', severity: 'high' }));
  const refused = await postAlert(h, 'not json at all {', randomUUID());
  await h.until(isAnswerOf(fired));
  await h.until(isAnswerOf(refused));
  await h.service.settled();
  for (const key of [fired, refused]) {
    assert.equal(h.lines.filter((l) => l.message.includes('event=decision') && l.fields.requestKey === key).length, 1, key);
  }
});

test('a FireEvent that cannot be published releases its dedupe claim and the caller gets 503', async () => {
  const h = startService();
  await configure(h);
  const alert = JSON.stringify({ id: 'dup-1', title: 'Malware on host', severity: 'high' });
  h.failPublish.add('FireEvent');
  const first = await postAlert(h, alert);
  const [answer] = await h.until(isAnswerOf(first));
  assert.equal(answer!.command, 'WebhookEventResponse');
  assert.equal((answer as { statusCode: number }).statusCode, 503);
  assert.equal((await answerBody(h, answer!)).reason, 'fire_not_published');
  assert.ok(h.lines.some((l) => l.message.includes('event=fire-failed') && l.fields.stage === 'publish'));
  // The claim was released: the retry of the same alert fires.
  h.failPublish.clear();
  const retry = await postAlert(h, alert);
  const [again] = await h.until(isAnswerOf(retry));
  assert.equal(again!.command, 'FireEvent');
  assert.ok(h.service.state.metrics.errors >= 1);
});

/** A scripted app that fires `n` alerts, each with its claim `claim:<i>` (already taken). */
async function batchOf(n: number) {
  const app: ServiceApp = {
    features: [],
    createConfig: async () => ({ status: 'Success', settings: {} }),
    webhookEvent: async () => ({
      kind: 'fire',
      fires: Array.from({ length: n }, (_, i) => ({ 'alert_intake.results.alert.title': { type: 'String', value: `alert ${i}` } })),
      reason: 'fired',
      claims: Array.from({ length: n }, (_, i) => [`claim:${i}`]),
    }),
  };
  const h = startService(app);
  await configure(h);
  for (let i = 0; i < n; i++) await h.kv.setIfAbsent(`claim:${i}`, '1', 60);
  const released = async () => {
    const free: number[] = [];
    for (let i = 0; i < n; i++) if (await h.kv.setIfAbsent(`claim:${i}`, '1', 60)) free.push(i);
    return free;
  };
  return { h, released };
}

test('a batch whose outputs cannot be stored fires nothing, releases every claim and the caller gets 503', async () => {
  const { h, released } = await batchOf(3);
  h.failKv.add('hsetAll');
  const key = await postAlert(h, '{}');
  await h.until(isAnswerOf(key));
  await h.service.settled();
  const [answer] = responses(h, key);
  assert.equal(fires(h, key).length, 0);
  assert.equal((answer as { statusCode: number }).statusCode, 503);
  assert.equal((await answerBody(h, answer!)).reason, 'store_unavailable');
  assert.deepEqual(await released(), [0, 1, 2]);
});

test('a batch with one FireEvent not published: the others fire, only its claim goes back, the caller gets 503', async () => {
  const { h, released } = await batchOf(3);
  let n = 0;
  h.failPublishIf.test = (m) => m.command === 'FireEvent' && ++n === 2;
  const key = await postAlert(h, '{}');
  await h.until(isAnswerOf(key));
  await h.service.settled();
  const [answer] = responses(h, key);
  assert.equal(fires(h, key).length, 2);
  for (const f of fires(h, key))
    assert.equal(await h.kv.hget((f as { sessionId: string }).sessionId, OUT), JSON.stringify(`alert ${f === fires(h, key)[0] ? 0 : 2}`));
  assert.equal((answer as { statusCode: number }).statusCode, 503);
  const body = await answerBody(h, answer!);
  assert.equal(body.reason, 'fire_not_published');
  assert.deepEqual(await released(), [1]);
  const decision = h.lines.find((l) => l.message.includes('event=decision') && l.fields.requestKey === key);
  assert.equal(decision?.fields.fired, 2);
  assert.equal(h.service.state.metrics.hits, 2);
});

test('a large batch fires a group at a time: after a group with a FireEvent not published, nothing more is fired', async () => {
  const { h, released } = await batchOf(40);
  let n = 0;
  h.failPublishIf.test = (m) => m.command === 'FireEvent' && ++n === 2;
  const key = await postAlert(h, '{}');
  await h.until(isAnswerOf(key));
  await h.service.settled();
  // The first group (32 sessions) is sent; its second FireEvent fails; the last 8 alerts are not fired.
  assert.equal(fires(h, key).length, 31);
  assert.equal((await answerBody(h, responses(h, key)[0]!)).reason, 'fire_not_published');
  assert.deepEqual(await released(), [1, 32, 33, 34, 35, 36, 37, 38, 39]);
});

test('a failing task is logged and counted by the limiter, never swallowed', async () => {
  const h = startService();
  await configure(h);
  h.failPublish.add('WebhookEventResponse');
  await postAlert(h, 'not json {');
  await h.service.settled();
  assert.equal(h.service.state.limiter.failures, 1);
  assert.ok(h.lines.some((l) => l.level === 'error' && l.message.includes('event=task-failed')));
});

test('a body over the limit is 413, also when its stored base64 is several MiB', async () => {
  const h = startService();
  await configure(h);
  const big = JSON.stringify({ id: 'big', title: 'x', description: 'd'.repeat(4 * 1024 * 1024) });
  const key = await postAlert(h, big);
  const [answer] = await h.until(isAnswerOf(key));
  assert.equal((answer as { statusCode: number }).statusCode, 413);
  assert.equal((await answerBody(h, answer!)).reason, 'body_too_large');
});

test('shutdown drains running events, answers queued ones 503 service_stopping and new ones too', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let started = 0;
  const app: ServiceApp = {
    features: [],
    createConfig: async () => ({ status: 'Success', settings: {} }),
    webhookEvent: async () => {
      started += 1;
      await gate;
      return { kind: 'respond', statusCode: 204, reason: 'done' };
    },
  };
  const h = startService(app, { maxConcurrentEvents: 2, maxQueuedEvents: 10 });
  await configure(h);
  const keys = [];
  for (let i = 0; i < 6; i++) keys.push(await postAlert(h, '{}', `k${i}`));
  await h.until((m) => m.command === 'Acknowledged' && m.type === 'WebhookEvent', 6);
  while (started < 2) await new Promise((r) => setImmediate(r));
  const stopping = h.service.shutdown('signal SIGTERM', { acknowledge: false, drainTimeoutMs: 5000 });
  const late = await postAlert(h, '{}', 'late');
  await h.until(isAnswerOf(late));
  release();
  await stopping;
  assert.deepEqual(h.stopped, ['signal SIGTERM']);
  assert.equal(h.sent.filter((m) => m.command === 'Acknowledged' && m.type === 'Shutdown').length, 0);
  for (const key of [...keys, late]) assert.equal(responses(h, key).length + fires(h, key).length, 1, key);
  const statuses = [...keys, late].map((k) => (responses(h, k)[0] as { statusCode: number }).statusCode);
  assert.deepEqual(statuses, [204, 204, 503, 503, 503, 503, 503]);
});

test('running events that outlast the drain are answered 503 once, and never fire afterwards', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const app: ServiceApp = {
    features: [],
    createConfig: async () => ({ status: 'Success', settings: {} }),
    webhookEvent: async () => {
      await gate;
      return { kind: 'fire', fires: [{}], reason: 'fired', claims: [['claim:0']] };
    },
  };
  const h = startService(app);
  await configure(h);
  await h.kv.setIfAbsent('claim:0', '1', 60);
  const key = await postAlert(h, '{}');
  await h.until((m) => m.command === 'Acknowledged' && m.type === 'WebhookEvent');
  await new Promise((r) => setImmediate(r));
  await advanceUntil(h, h.service.shutdown('stop', { drainTimeoutMs: 10 }), 10);
  release();
  await h.service.settled();
  assert.equal(responses(h, key).length, 1);
  assert.equal((responses(h, key)[0] as { statusCode: number }).statusCode, 503);
  assert.equal(fires(h, key).length, 0);
  assert.equal(await h.kv.setIfAbsent('claim:0', '1', 60), true, 'the runtime released the claim of the fire it did not make');
});

test('a redelivered WebhookEvent (same request key) is acknowledged and answered once', async () => {
  const h = startService();
  await configure(h);
  const key = await postAlert(h, JSON.stringify({ id: 'once', title: 'Once', severity: 'high' }));
  send(h, { command: 'WebhookEvent', triggerId: 1, requestKey: key, headers: [{ name: 'Content-Type', value: 'application/json' }] });
  await h.until(isAnswerOf(key));
  await h.service.settled();
  assert.equal(h.sent.filter((m) => m.command === 'Acknowledged' && m.type === 'WebhookEvent' && m.requestKey === key).length, 1);
  assert.equal(responses(h, key).length + fires(h, key).length, 1);
  assert.ok(h.lines.some((l) => l.message.includes('event=redelivered')));
});

test('after shutdown closed the service, a WebhookEvent is not acknowledged (not accepted), never left unanswered', async () => {
  const h = startService();
  await configure(h);
  await h.service.shutdown('stop', { acknowledge: false, drainTimeoutMs: 100 });
  assert.equal(h.service.state.closed, true);
  const key = await postAlert(h, '{}');
  await h.service.settled();
  assert.equal(h.sent.filter((m) => m.command === 'Acknowledged' && m.type === 'WebhookEvent' && m.requestKey === key).length, 0);
  assert.equal(responses(h, key).length + fires(h, key).length, 0);
  assert.ok(h.lines.some((l) => l.message.includes('event=not-accepted')));
});

test('over the bound the caller gets 503 service_busy; an unknown trigger 503 trigger_not_configured; an app error 500', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const app: ServiceApp = {
    features: [],
    createConfig: async () => ({ status: 'Success', settings: {} }),
    webhookEvent: async (input) => {
      if (input.requestKey === 'boom') throw new Error('app bug');
      await gate;
      return { kind: 'respond', statusCode: 204, reason: 'done' };
    },
  };
  const h = startService(app, { maxConcurrentEvents: 1, maxQueuedEvents: 0 });
  await configure(h);
  await postAlert(h, '{}', 'first');
  await h.until((m) => m.command === 'Acknowledged' && m.type === 'WebhookEvent' && m.requestKey === 'first');
  const busy = await postAlert(h, '{}', 'second');
  send(h, { command: 'WebhookEvent', triggerId: 99, requestKey: 'unknown' });
  for (const [key, status, reason] of [
    [busy, 503, 'service_busy'],
    ['unknown', 503, 'trigger_not_configured'],
  ] as const) {
    const [answer] = await h.until(isAnswerOf(key));
    assert.equal((answer as { statusCode: number }).statusCode, status, key);
    assert.equal((await answerBody(h, answer!)).reason, reason);
  }
  release();
  await h.until(isAnswerOf('first'));
  await h.service.settled();
  await postAlert(h, '{}', 'boom');
  const [failed] = await h.until(isAnswerOf('boom'));
  assert.equal((failed as { statusCode: number }).statusCode, 500);
  assert.equal((await answerBody(h, failed!)).reason, 'internal_error');
});

test('a batch: a repeated alert is a duplicate, alerts over the hourly cap are not fired and their claims go back', async () => {
  const h = startService();
  await configure(h, { dedupe_window: '60', hourly_cap: '2' });
  const item = (id: string) => ({ id, title: `Alert ${id}`, severity: 'high' });
  const key = await postAlert(h, JSON.stringify([item('a'), item('a'), item('b'), item('c'), item('d')]));
  await h.until(isAnswerOf(key), 2);
  await h.service.settled();
  assert.equal(fires(h, key).length, 2);
  const titles = await Promise.all(fires(h, key).map((f) => h.kv.hget((f as { sessionId: string }).sessionId, OUT)));
  assert.deepEqual(titles, [JSON.stringify('Alert a'), JSON.stringify('Alert b')]);
  const decision = h.lines.find((l) => l.message.includes('event=decision') && l.fields.requestKey === key);
  assert.match(
    String(decision?.fields.detail),
    /^2 of 5 alert\(s\) fired; alert 2 duplicate: .*; alert 4 limited \(over_hourly_cap\): .*; alert 5 limited \(over_hourly_cap\): /,
  );
  // The fired alerts keep their claims; the capped ones were released.
  const claimFree = (id: string) => h.kv.setIfAbsent(dedupeStoreKey(1, id), '1', 60);
  assert.deepEqual(await Promise.all(['a', 'b', 'c', 'd'].map(claimFree)), [false, false, true, true]);
});
