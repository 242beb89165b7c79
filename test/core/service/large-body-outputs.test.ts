/*
 * The outputs of a request, through the real service (in-process, the real alert app, memory KV):
 * the raw output is the body byte for byte for a single alert and for a small batch (encoded once
 * for all of its sessions); a large batch gives each session its own alert's JSON instead of the
 * body × alerts (app/core/pipeline/item-raw.ts); the other outputs stay bounded whatever the size.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configure, fires, postAlert, startService } from '../../helpers/service-harness.js';

const OUTPUTS = ['response.json.raw!String', 'results.alert.description!String', 'results.alert.json!String', 'results.fields!KeyValueArray']
  .map((o) => `#Trigger:1:alert_intake.${o}`)
  .join(',');

test('a 900 KB batch of 3 alerts: each session holds its own alert as JSON; the rest stays under 64 KiB', async () => {
  const h = startService();
  assert.equal(await configure(h, { tc_playbook_out_variables: OUTPUTS, dedupe_window: '0' }), 'Success');
  const text = (i: number) => `alert ${i} "quoted" \\ 😀 from 45.33.32.${i} ${'lorem ipsum '.repeat(12_000)}`;
  const alerts = [0, 1, 2].map((i) => ({ id: `a-${i}`, title: `Alert ${i}`, severity: 'high', description: text(i), note: text(i) }));
  const body = JSON.stringify(alerts);
  assert.ok(body.length > 800_000 && body.length < 1024 * 1024);
  const key = await postAlert(h, body);
  const fired = await h.until((m) => m.command === 'FireEvent' && m.requestKey === key, 3);
  await h.service.settled();
  assert.equal(fires(h, key).length, 3);
  const raws: string[] = [];
  for (const m of fired) {
    const session = await h.kv.hgetall((m as { sessionId: string }).sessionId);
    const raw = session['#Trigger:1:alert_intake.response.json.raw!String'];
    raws.push(JSON.parse(raw!));
    const rest = Object.entries(session).filter(([field]) => !field.includes('json.raw'));
    assert.equal(rest.length, 3);
    for (const [field, value] of rest) assert.ok(value.length < 64 * 1024, `${field}: ${value.length} characters`);
  }
  assert.deepEqual(raws.sort(), alerts.map((a) => JSON.stringify(a)).sort());
});

test('a small batch (alerts × body ≤ 1 MiB): every session holds the whole body as received', async () => {
  const h = startService();
  assert.equal(await configure(h, { tc_playbook_out_variables: OUTPUTS, dedupe_window: '0' }), 'Success');
  const body = `[ ${[0, 1, 2].map((i) => `{"id": "s-${i}", "title": "Alert ${i}", "note": "${'x'.repeat(1000)}"}`).join(',\n  ')} ]`;
  const key = await postAlert(h, body);
  const fired = await h.until((m) => m.command === 'FireEvent' && m.requestKey === key, 3);
  for (const m of fired) {
    const session = await h.kv.hgetall((m as { sessionId: string }).sessionId);
    assert.equal(JSON.parse(session['#Trigger:1:alert_intake.response.json.raw!String']!), body);
  }
});
