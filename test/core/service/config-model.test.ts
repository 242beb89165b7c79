import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildConfigModel } from '../../../app/core/trigger/config-model.js';
import { createLimiter } from '../../../app/core/service/limiter.js';
import { decodeStoredBody, encodeResponseBody } from '../../../app/core/service/request-body.js';

test('CreateConfig config: CSV outputs split, "" → null, multi-value inputs split on the delimiter', () => {
  const model = buildConfigModel(
    {
      source_preset: 'Splunk',
      hmac_header: '',
      indicator_types: 'Address|Host|URL',
      tc_playbook_out_variables: '#Trigger:5:alert_intake.results.alert.id!String,#Trigger:5:alert_intake.results.indicators!StringArray,,junk',
    },
    { listDelimiter: '|', multiValueInputs: new Set(['indicator_types']) },
  );
  assert.deepEqual({ ...model.inputs }, { source_preset: 'Splunk', hmac_header: null, indicator_types: ['Address', 'Host', 'URL'] });
  assert.deepEqual(
    model.outputVariables.map((v) => v.key),
    ['alert_intake.results.alert.id', 'alert_intake.results.indicators'],
  );
  assert.deepEqual(model.ignoredOutputs, ['junk']);
});

test('the TX2 harness form (a JSON list of variables) is accepted too', () => {
  const model = buildConfigModel({ tc_playbook_out_variables: ['#Trigger:1:a!String'] }, { listDelimiter: '|', multiValueInputs: new Set() });
  assert.equal(model.outputVariables.length, 1);
});

test('a __proto__ input cannot pollute the inputs object', () => {
  const config = JSON.parse('{"__proto__": {"polluted": true}, "x": "1"}') as Record<string, unknown>;
  const model = buildConfigModel(config, { listDelimiter: '|', multiValueInputs: new Set() });
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(model.inputs.x, '1');
});

test('stored bodies: base64 decoded; raw (tcex run) bodies kept; binary survives', () => {
  assert.equal(decodeStoredBody(Buffer.from(Buffer.from('{"a":1}').toString('base64')))?.toString(), '{"a":1}');
  assert.equal(decodeStoredBody(Buffer.from('{"a":1}'))?.toString(), '{"a":1}');
  const binary = Buffer.from([0xff, 0x00, 0xfe, 0x80]);
  assert.deepEqual(decodeStoredBody(Buffer.from(binary.toString('base64'))), binary);
  assert.deepEqual(decodeStoredBody(binary), binary);
  assert.equal(decodeStoredBody(null), null);
  assert.equal(encodeResponseBody('{"ok":true}'), '"eyJvayI6dHJ1ZX0="');
});

test('the limiter runs at most N at once, queues at most M, and reports idle', async () => {
  const limiter = createLimiter(2, 1);
  let running = 0;
  let peak = 0;
  const gates: Array<() => void> = [];
  const task = () =>
    new Promise<void>((resolve) => {
      running += 1;
      peak = Math.max(peak, running);
      gates.push(() => {
        running -= 1;
        resolve();
      });
    });
  assert.equal(limiter.tryRun(task), true);
  assert.equal(limiter.tryRun(task), true);
  assert.equal(limiter.tryRun(task), true); // queued
  assert.equal(limiter.tryRun(task), false); // refused
  assert.equal(await limiter.idle(10), false);
  while (gates.length > 0) {
    gates.shift()!();
    await new Promise((r) => setImmediate(r));
  }
  assert.equal(await limiter.idle(1000), true);
  assert.equal(peak, 2);
});
