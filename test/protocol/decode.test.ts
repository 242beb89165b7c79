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
    ['{"command":"WebhookEvent","triggerId":1,"requestKey":"k","headers":"x"}', 'invalid_message'],
    ['{"command":"WebhookEvent","triggerId":1,"requestKey":"k","headers":[{"value":"x"}]}', 'invalid_message'],
    ['{"command":"LoggingChange"}', 'invalid_message'],
    [`{"command":"Heartbeat","pad":"${'x'.repeat(1024 * 1024)}"}`, 'not_json'],
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
