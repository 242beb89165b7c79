/**
 * The core rule, table-driven over every path a webhook event can take in the runtime and the
 * pipeline: each WebhookEvent is acknowledged once and ends in exactly one set of FireEvents or
 * exactly one WebhookEventResponse (never both, never none), with one decision log line; a
 * WebhookMarshallEvent ends in exactly one WebhookEventResponse. In-process: memory KV, captured
 * publishes, manual time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServiceApp } from '../../../app/core/app.js';
import {
  answerBody,
  configure,
  fires,
  isAnswerOf,
  postAlert,
  responses,
  send,
  startService,
  type Harness,
  type HarnessOptions,
} from '../../helpers/service-harness.js';

const alert = (id: string, extra: Record<string, unknown> = {}) => JSON.stringify({ id, title: `Alert ${id}`, severity: 'high', ...extra });

/** A scripted app whose events wait for `open()`; `fail` makes every event throw. */
function gatedApp(fail = false): { app: ServiceApp; open(): void } {
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  return {
    open,
    app: {
      features: [],
      createConfig: async () => ({ status: 'Success', settings: {} }),
      webhookEvent: async () => {
        if (fail) throw new Error('app bug');
        await gate;
        return { kind: 'respond', statusCode: 204, reason: 'done' };
      },
    },
  };
}

type Outcome = { fires: number } | { status: number; reason?: string };

interface Case {
  name: string;
  /** Trigger inputs for CreateConfig (default: none, i.e. every default). */
  inputs?: Record<string, unknown>;
  app?: () => { app: ServiceApp; open(): void };
  options?: HarnessOptions;
  /** Sends the event(s); returns the request keys to check, the case's own event last. */
  run(h: Harness, open: () => void): Promise<string[]>;
  expect: Outcome;
}

const waitFor = async (h: Harness, key: string): Promise<void> => void (await h.until(isAnswerOf(key)));

const CASES: Case[] = [
  { name: 'fired', run: async (h) => [await postAlert(h, alert('f-1'))], expect: { fires: 1 } },
  { name: 'fan-out of an array payload', run: async (h) => [await postAlert(h, `[${alert('a-1')},${alert('a-2')}]`)], expect: { fires: 2 } },
  {
    name: 'auth failure',
    inputs: { auth_mode: 'Shared Secret Header', auth_secret: 'correct-horse' },
    run: async (h) => [await postAlert(h, alert('x'))],
    expect: { status: 401, reason: 'auth_missing' },
  },
  { name: 'parse failure', run: async (h) => [await postAlert(h, 'not json at all {')], expect: { status: 400, reason: 'unparsable' } },
  { name: 'no body to map', run: async (h) => [await postAlert(h, '')], expect: { status: 422, reason: 'mapping_failed' } },
  {
    name: 'body over the limit',
    run: async (h) => [await postAlert(h, alert('big', { d: 'd'.repeat(1024 * 1024) }))],
    expect: { status: 413, reason: 'body_too_large' },
  },
  {
    name: 'filtered (below minimum severity)',
    inputs: { min_severity: 'critical' },
    run: async (h) => [await postAlert(h, alert('low', { severity: 'low' }))],
    expect: { status: 200, reason: 'below_min_severity' },
  },
  {
    name: 'resolved notification ignored',
    run: async (h) => [await postAlert(h, alert('r-1', { status: 'resolved' }))],
    expect: { status: 200, reason: 'resolved' },
  },
  {
    name: 'duplicate',
    run: async (h) => {
      const first = await postAlert(h, alert('d-1'));
      await waitFor(h, first);
      return [first, await postAlert(h, alert('d-1'))];
    },
    expect: { status: 200, reason: 'duplicate' },
  },
  {
    name: 'over the hourly cap',
    inputs: { hourly_cap: '1' },
    run: async (h) => {
      const first = await postAlert(h, alert('c-1'));
      await waitFor(h, first);
      return [first, await postAlert(h, alert('c-2'))];
    },
    expect: { status: 429, reason: 'over_hourly_cap' },
  },
  ...(
    [
      ['reading the body', 'hgetBuffer'],
      ['claiming the dedupe key', 'setIfAbsent'],
      ['writing the outputs', 'hsetAll'],
    ] as const
  ).map(
    ([stage, operation]): Case => ({
      name: `store down ${stage}`,
      run: async (h) => {
        h.failKv.add(operation);
        return [await postAlert(h, alert(operation))];
      },
      expect: { status: 503, reason: 'store_unavailable' },
    }),
  ),
  {
    name: 'FireEvent not published',
    run: async (h) => {
      h.failPublish.add('FireEvent');
      return [await postAlert(h, alert('p-1'))];
    },
    expect: { status: 503, reason: 'fire_not_published' },
  },
  {
    name: 'busy (over the concurrency bound)',
    app: () => gatedApp(),
    options: { maxConcurrentEvents: 1, maxQueuedEvents: 0 },
    run: async (h, open) => {
      const first = await postAlert(h, '{}');
      const second = await postAlert(h, '{}');
      await waitFor(h, second);
      open();
      return [first, second];
    },
    expect: { status: 503, reason: 'service_busy' },
  },
  {
    name: 'stopping (arrives while the service drains)',
    app: () => gatedApp(),
    run: async (h, open) => {
      const first = await postAlert(h, '{}');
      await h.until((m) => m.command === 'Acknowledged' && m.type === 'WebhookEvent' && m.requestKey === first);
      const stopping = h.service.shutdown('stop', { acknowledge: false });
      const late = await postAlert(h, '{}');
      await waitFor(h, late);
      open();
      await stopping;
      return [first, late];
    },
    expect: { status: 503, reason: 'service_stopping' },
  },
  {
    name: 'malformed headers',
    run: async (h) => [await postAlert(h, '{}', 'malformed', { headers: 'nope' })],
    expect: { status: 400, reason: 'malformed_request' },
  },
  {
    name: 'oversized headers',
    run: async (h) => [await postAlert(h, '{}', 'oversized', { headers: [{ name: 'X', value: 'v'.repeat(65 * 1024) }] })],
    expect: { status: 431, reason: 'headers_too_large' },
  },
  {
    name: 'trigger not configured',
    run: async (h) => [await postAlert(h, alert('n-1'), 'unknown-trigger', { triggerId: 99 })],
    expect: { status: 503, reason: 'trigger_not_configured' },
  },
  {
    name: 'trigger whose CreateConfig failed',
    run: async (h) => {
      assert.equal(await configure(h, { auth_mode: 'No Such Mode' }), 'Failed');
      return [await postAlert(h, alert('n-2'))];
    },
    expect: { status: 503, reason: 'trigger_not_configured' },
  },
  {
    name: 'trigger deleted',
    run: async (h) => {
      send(h, { command: 'DeleteConfig', triggerId: 1 });
      await h.until((m) => m.command === 'Acknowledged' && m.type === 'DeleteConfig');
      return [await postAlert(h, alert('n-3'))];
    },
    expect: { status: 503, reason: 'trigger_not_configured' },
  },
  {
    name: 'trigger deleted while the event waited in the queue',
    app: () => gatedApp(),
    options: { maxConcurrentEvents: 1, maxQueuedEvents: 1 },
    run: async (h, open) => {
      const first = await postAlert(h, '{}');
      const queued = await postAlert(h, '{}');
      await h.until((m) => m.command === 'Acknowledged' && m.type === 'WebhookEvent' && m.requestKey === queued);
      send(h, { command: 'DeleteConfig', triggerId: 1 });
      await h.until((m) => m.command === 'Acknowledged' && m.type === 'DeleteConfig');
      open();
      return [first, queued];
    },
    expect: { status: 503, reason: 'trigger_not_configured' },
  },
  { name: 'app error', app: () => gatedApp(true), run: async (h) => [await postAlert(h, '{}')], expect: { status: 500, reason: 'internal_error' } },
  {
    name: 'redelivered copy (same request key)',
    run: async (h) => {
      const key = await postAlert(h, alert('once'));
      send(h, { command: 'WebhookEvent', triggerId: 1, requestKey: key, headers: [] });
      return [key];
    },
    expect: { fires: 1 },
  },
];

async function check(h: Harness, key: string, expect: Outcome | undefined): Promise<void> {
  const f = fires(h, key).length;
  const r = responses(h, key);
  assert.equal(h.sent.filter((m) => m.command === 'Acknowledged' && m.type === 'WebhookEvent' && m.requestKey === key).length, 1, `${key}: one ack`);
  assert.ok((f >= 1 && r.length === 0) || (f === 0 && r.length === 1), `${key}: ${f} FireEvent(s) and ${r.length} response(s)`);
  assert.equal(h.lines.filter((l) => l.message.includes('event=decision') && l.fields.requestKey === key).length, 1, `${key}: one decision line`);
  if (!expect) return;
  if ('fires' in expect) return assert.equal(f, expect.fires, key);
  assert.equal((r[0] as { statusCode: number } | undefined)?.statusCode, expect.status, key);
  if (expect.reason) assert.equal((await answerBody(h, r[0]!)).reason, expect.reason, key);
}

for (const c of CASES) {
  test(`every WebhookEvent ends once: ${c.name}`, async () => {
    const scripted = c.app?.();
    const h = startService(scripted?.app, c.options);
    assert.equal(await configure(h, c.inputs), 'Success');
    const keys = await c.run(h, scripted?.open ?? (() => undefined));
    for (const key of keys) await waitFor(h, key);
    await h.service.settled();
    for (const [i, key] of keys.entries()) await check(h, key, i === keys.length - 1 ? c.expect : undefined);
  });
}

test('every WebhookMarshallEvent ends in exactly one WebhookEventResponse, the playbook status kept', async () => {
  const h = startService(undefined, { features: ['webhookResponseMarshall'] });
  assert.equal(await configure(h), 'Success');
  await h.kv.hset('m-1', 'request.body', Buffer.from('{"ok":true}').toString('base64'));
  send(h, { command: 'WebhookMarshallEvent', triggerId: 1, requestKey: 'm-1', statusCode: 202, headers: [] });
  await waitFor(h, 'm-1');
  await h.service.settled();
  assert.equal(h.sent.filter((m) => m.command === 'Acknowledged' && m.type === 'WebhookMarshallEvent' && m.requestKey === 'm-1').length, 1);
  assert.equal(fires(h, 'm-1').length, 0);
  assert.equal(responses(h, 'm-1').length, 1);
  assert.equal((responses(h, 'm-1')[0] as { statusCode: number }).statusCode, 202);
});

test('missed heartbeats: BrokerCheck after the timeout, shutdown after the grace, on manual time', async () => {
  const h = startService();
  h.service.startWatchdog(3, 500);
  h.time.advance(3000);
  send(h, { command: 'Heartbeat' });
  await h.service.settled();
  h.time.advance(3000);
  assert.equal(h.toServer.length, 0, 'a heartbeat reset the watchdog');
  h.time.advance(1000);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(
    h.toServer.map((m) => m.command),
    ['BrokerCheck'],
  );
  assert.deepEqual(h.stopped, []);
  h.time.advance(500);
  await h.until((m) => m.command === 'Acknowledged' && m.type === 'Shutdown');
  while (h.stopped.length === 0) await new Promise((r) => setImmediate(r));
  assert.deepEqual(h.stopped, ['Missed heartbeat commands.']);
  assert.equal(h.time.pending, 0, 'no timer left behind');
});
