import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeMessage } from '../../app/protocol/decode.js';

test('commands are matched case-insensitively and triggerId is coerced to an integer', () => {
  const r = decodeMessage(JSON.stringify({ command: 'cReAtEcOnFiG', triggerId: '12', config: { a: 1 } }));
  assert.ok(r.ok);
  assert.equal(r.message.command, 'CreateConfig');
  assert.equal((r.message as { triggerId: number }).triggerId, 12);
});

test('WebhookEvent keeps repeated headers in order and fills defaults', () => {
  const r = decodeMessage(
    JSON.stringify({
      command: 'WebhookEvent',
      triggerId: 3,
      requestKey: 'rk-1',
      headers: [
        { name: 'X-A', value: '1' },
        { name: 'x-a', value: '2' },
      ],
    }),
  );
  assert.ok(r.ok);
  assert.deepEqual(r.message, {
    command: 'WebhookEvent',
    triggerId: 3,
    requestKey: 'rk-1',
    method: 'POST',
    headers: [
      { name: 'X-A', value: '1' },
      { name: 'x-a', value: '2' },
    ],
    queryParams: [],
  });
});

test('malformed and unknown messages are reported, never thrown', () => {
  const cases: Array<[string | Buffer, string]> = [
    ['not json', 'not_json'],
    [Buffer.from([0xff, 0xfe, 0x00]), 'not_json'],
    ['[1,2]', 'not_object'],
    ['null', 'not_object'],
    ['{"command":"Launch"}', 'unknown_command'],
    ['{"command":42}', 'unknown_command'],
    ['{}', 'unknown_command'],
    ['{"command":"CreateConfig"}', 'invalid_message'],
    ['{"command":"CreateConfig","triggerId":"abc"}', 'invalid_message'],
    ['{"command":"CreateConfig","triggerId":1,"config":[1]}', 'invalid_message'],
    ['{"command":"WebhookEvent","triggerId":1}', 'invalid_message'],
    ['{"command":"LoggingChange"}', 'invalid_message'],
    [`{"command":"Heartbeat","pad":"${'x'.repeat(1024 * 1024)}"}`, 'not_json'],
    [`{"command":"WebhookEvent","triggerId":1,"requestKey":"k","pad":"${'x'.repeat(16 * 1024 * 1024)}"}`, 'not_json'],
  ];
  for (const [payload, reason] of cases) {
    const r = decodeMessage(payload);
    assert.equal(r.ok, false, String(payload).slice(0, 60));
    if (!r.ok) assert.equal(r.reason, reason, String(payload).slice(0, 60));
  }
});

test('a "" or null triggerId on a message that does not need one is accepted', () => {
  const r = decodeMessage('{"command":"heartbeat","triggerId":""}');
  assert.ok(r.ok);
  assert.equal(r.message.command, 'Heartbeat');
});

test('a WebhookEvent with a readable triggerId and requestKey is decoded however malformed the rest', () => {
  const many = Array.from({ length: 1001 }, (_, i) => ({ name: `h${i}`, value: 'v' }));
  const cases: Array<[unknown, string]> = [
    [{ headers: 'x' }, 'malformed_request'],
    [{ headers: [{ value: 'x' }] }, 'malformed_request'],
    [{ queryParams: 7 }, 'malformed_request'],
    [{ headers: many }, 'headers_too_large'],
    [{ headers: [{ name: 'X-Big', value: 'v'.repeat(64 * 1024 + 1) }] }, 'headers_too_large'],
    [{ queryParams: many }, 'headers_too_large'],
  ];
  // Headers that make the whole message larger than the 1 MiB a broker message may have.
  cases.push([{ headers: Array.from({ length: 40 }, (_, i) => ({ name: `h${i}`, value: 'v'.repeat(60_000) })) }, 'headers_too_large']);
  for (const [rest, reason] of cases) {
    const r = decodeMessage(JSON.stringify({ command: 'WebhookEvent', triggerId: 9, requestKey: 'rk', ...(rest as object) }));
    assert.ok(r.ok, reason);
    assert.equal(r.message.command, 'WebhookEvent');
    const m = r.message as { problem?: { reason: string }; headers: unknown[]; queryParams: unknown[]; triggerId: number; requestKey: string };
    assert.equal(m.problem?.reason, reason);
    assert.equal(m.triggerId, 9);
    assert.equal(m.requestKey, 'rk');
    assert.deepEqual(m.headers, []);
    assert.deepEqual(m.queryParams, []);
  }
});

test('a header value nested too deeply to stringify is a malformed request, not a thrown error', () => {
  const deep = `${'['.repeat(9000)}${']'.repeat(9000)}`;
  const r = decodeMessage(`{"command":"WebhookEvent","triggerId":9,"requestKey":"rk","headers":[{"name":"X","value":${deep}}]}`);
  assert.ok(r.ok);
  assert.equal((r.message as { problem?: { reason: string } }).problem?.reason, 'malformed_request');
});

test('every Object.prototype name as a command or a field is data, never a prototype lookup', () => {
  const names = [...Object.getOwnPropertyNames(Object.prototype), '__proto__', 'prototype'];
  for (const name of names) {
    for (const command of [name, name.toUpperCase()]) {
      const r = decodeMessage(JSON.stringify({ command }));
      assert.equal(r.ok, false, command);
      if (!r.ok) assert.equal(r.reason, 'unknown_command', command);
    }
    // As a field of every command: ignored, or kept as plain data.
    for (const command of ['Heartbeat', 'CreateConfig', 'DeleteConfig', 'WebhookEvent', 'WebhookMarshallEvent', 'Shutdown', 'Acknowledged', 'LoggingChange']) {
      const payload = `{"command":"${command}","triggerId":1,"requestKey":"k","level":"info","${name}":{"polluted":true},"config":{"${name}":"x"},"metric":{"${name}":1},"headers":[{"name":"${name}","value":"v","${name}":1}]}`;
      const r = decodeMessage(payload);
      assert.ok(r.ok, `${command} with field ${name}`);
      const m = r.message as unknown as Record<string, unknown>;
      if (command === 'CreateConfig') {
        const config = m.config as Record<string, unknown>;
        assert.equal(Object.getPrototypeOf(config), null);
        assert.equal(Object.getOwnPropertyDescriptor(config, name)?.value, 'x');
      }
      if (command === 'WebhookEvent') assert.deepEqual(m.headers, [{ name, value: 'v' }]);
    }
    // A field that is missing must not be found on the prototype.
    const missing = decodeMessage(`{"command":"WebhookEvent","triggerId":1,"requestKey":"k"}`);
    assert.ok(missing.ok);
  }
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});
