import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { parseBody, type ParseLimits, type ParseResult } from '../../../app/core/pipeline/parse.js';
import type { NameValue } from '../../../app/protocol/messages.js';

const limits: ParseLimits = { maxBytes: 1024 * 1024, maxDecodedBytes: 4 * 1024 * 1024, maxDepth: 64 };
const ct = (v: string, more: NameValue[] = []): NameValue[] => [{ name: 'Content-Type', value: v }, ...more];
const enc = (e: string) => [{ name: 'Content-Encoding', value: e }];
const kind = (r: ParseResult) => (r.ok ? r.body.kind : r.reason);
const value = (r: ParseResult): unknown => (r.ok && 'value' in r.body ? r.body.value : undefined);

test('JSON, form with a JSON payload field, text, empty and binary bodies', () => {
  assert.deepEqual(value(parseBody(Buffer.from('{"a":1}'), ct('application/json; charset=utf-8'), limits)), { a: 1 });
  assert.deepEqual(value(parseBody(Buffer.from('[1,2]'), ct('application/vnd.api+json'), limits)), [1, 2]);
  const f = parseBody(Buffer.from('payload=%7B%22x%22%3A2%7D&y=1'), ct('application/x-www-form-urlencoded'), limits);
  assert.equal(kind(f), 'json');
  assert.deepEqual(value(f), { x: 2 });
  assert.equal(f.ok && f.body.kind === 'json' && f.body.text, '{"x":2}');
  const f2 = parseBody(Buffer.from('a=1&a=2&a=3&b=hello+world&c=%E2%9C%93&bad=%zz'), ct('application/x-www-form-urlencoded'), limits);
  assert.equal(kind(f2), 'form');
  assert.deepEqual({ ...(value(f2) as object) }, { a: ['1', '2', '3'], b: 'hello world', c: '✓', bad: '%zz' });
  const notJsonPayload = parseBody(Buffer.from('payload=hello'), ct('application/x-www-form-urlencoded'), limits);
  assert.equal(kind(notJsonPayload), 'form');
  assert.equal(kind(parseBody(Buffer.from('plain alert 1.2.3.4'), ct('text/plain'), limits)), 'text');
  assert.equal(kind(parseBody(Buffer.from('<alert/>'), ct('application/xml'), limits)), 'text');
  assert.equal(kind(parseBody(null, [], limits)), 'empty');
  assert.equal(kind(parseBody(Buffer.alloc(0), ct('application/json'), limits)), 'empty');
});

test('unknown or missing content types: JSON when it looks like JSON, else binary (missing: text)', () => {
  assert.equal(kind(parseBody(Buffer.from('{"no":"content-type"}'), [], limits)), 'json');
  assert.equal(kind(parseBody(Buffer.from(' \n[{"a":1}]'), ct('application/octet-stream'), limits)), 'json');
  assert.equal(kind(parseBody(Buffer.from('{"a":1}'), ct('text/plain'), limits)), 'json', 'mislabelled JSON (SNS does this)');
  assert.equal(kind(parseBody(Buffer.from('{not json'), ct('text/plain'), limits)), 'text');
  assert.equal(kind(parseBody(Buffer.from('hello'), ct('application/octet-stream'), limits)), 'binary');
  assert.equal(kind(parseBody(Buffer.from('{not json'), ct('application/x-custom'), limits)), 'binary');
  assert.equal(kind(parseBody(Buffer.from('just words'), [], limits)), 'text');
});

test('invalid UTF-8 is kept as binary, never a throw; other charsets are decoded; a BOM is dropped', () => {
  const b = parseBody(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), ct('application/json'), limits);
  assert.equal(kind(b), 'binary');
  assert.deepEqual(b.ok && b.body.kind === 'binary' && [...b.body.bytes], [0x7b, 0xff, 0xfe, 0x7d]);
  assert.equal(kind(parseBody(Buffer.from([0xc3, 0x28]), ct('text/plain'), limits)), 'binary');
  assert.equal(value(parseBody(Buffer.from([0x63, 0x61, 0x66, 0xe9]), ct('text/plain; charset=ISO-8859-1'), limits)), 'café');
  assert.equal(value(parseBody(Buffer.from('caf\u00e9'), ct('text/plain; charset=no-such-charset'), limits)), 'café');
  assert.deepEqual(value(parseBody(Buffer.from('\uFEFF{"a":1}'), ct('application/json'), limits)), { a: 1 });
});

test('invalid JSON, too large and too deep are refused with a reason', () => {
  const bad = parseBody(Buffer.from('{"a":'), ct('application/json'), limits);
  assert.equal(kind(bad), 'unparsable');
  assert.equal(kind(parseBody(Buffer.alloc(limits.maxBytes + 1, 0x20), ct('text/plain'), limits)), 'body_too_large');
  assert.equal(kind(parseBody(Buffer.from('['.repeat(65) + ']'.repeat(65)), ct('application/json'), limits)), 'unparsable');
  assert.equal(kind(parseBody(Buffer.from('['.repeat(64) + ']'.repeat(64)), ct('application/json'), limits)), 'json');
  // Hostile: 500k unclosed brackets, and brackets inside strings do not count.
  assert.equal(kind(parseBody(Buffer.from('['.repeat(500_000)), ct('application/json'), limits)), 'unparsable');
  assert.equal(kind(parseBody(Buffer.from(JSON.stringify({ s: '['.repeat(1000) })), ct('application/json'), limits)), 'json');
  // More objects and arrays than MAX_JSON_CONTAINERS (504,001 nested arrays in 0.97 MiB): refused, with the reason.
  const dense = parseBody(
    Buffer.from(`[${Array.from({ length: 8_400 }, () => `${'['.repeat(60)}${']'.repeat(60)}`).join(',')}]`),
    ct('application/json'),
    limits,
  );
  assert.deepEqual(dense, { ok: false, reason: 'unparsable', detail: 'the JSON holds more than 500000 objects and arrays' });
  const huge = parseBody(Buffer.from(JSON.stringify(Array.from({ length: 100_000 }, (_, i) => i))), ct('application/json'), limits);
  assert.equal((value(huge) as unknown[]).length, 100_000);
});

test('gzip, x-gzip, deflate (zlib and raw), br and stacked encodings are decoded', () => {
  const raw = Buffer.from('{"z":1}');
  const cases: Array<[string, Buffer]> = [
    ['gzip', gzipSync(raw)],
    ['X-GZIP', gzipSync(raw)],
    ['deflate', deflateSync(raw)],
    ['deflate', deflateRawSync(raw)],
    ['br', brotliCompressSync(raw)],
    ['identity', raw],
    ['deflate, gzip', gzipSync(deflateSync(raw))],
  ];
  for (const [e, data] of cases) assert.deepEqual(value(parseBody(data, ct('application/json', enc(e)), limits)), { z: 1 }, e);
});

test('zip bombs stop at the decoded limit; corrupt and unknown encodings are reasons, not throws', () => {
  const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x41));
  assert.ok(bomb.length < limits.maxBytes);
  assert.equal(kind(parseBody(bomb, ct('application/json', enc('gzip')), limits)), 'body_too_large');
  assert.equal(kind(parseBody(deflateSync(Buffer.alloc(20 * 1024 * 1024)), ct('text/plain', enc('deflate')), limits)), 'body_too_large');
  assert.equal(kind(parseBody(brotliCompressSync(Buffer.alloc(20 * 1024 * 1024)), ct('text/plain', enc('br')), limits)), 'body_too_large');
  assert.equal(kind(parseBody(Buffer.from('not gzip at all'), ct('application/json', enc('gzip')), limits)), 'unparsable');
  assert.equal(kind(parseBody(Buffer.from('x'), ct('text/plain', enc('compress')), limits)), 'unsupported_encoding');
  assert.equal(kind(parseBody(Buffer.from('x'), ct('text/plain', enc('gzip,gzip,gzip,gzip')), limits)), 'unsupported_encoding');
});

test('prototype pollution keys are dropped everywhere (JSON, nested, arrays, form, SNS Message)', () => {
  const hostile = '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},"ok":true,"nested":[{"__proto__":{"polluted":3},"x":1}]}';
  const r = parseBody(Buffer.from(hostile), ct('application/json'), limits);
  const v = value(r) as Record<string, unknown>;
  assert.deepEqual(Object.keys(v), ['ok', 'nested']);
  assert.deepEqual(v.nested, [{ x: 1 }]);
  assert.equal(Object.getPrototypeOf(v), Object.prototype);
  const merged = Object.assign({}, v, ...(v.nested as object[]));
  assert.equal((merged as Record<string, unknown>).polluted, undefined);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  const form = parseBody(Buffer.from('__proto__[polluted]=1&__proto__=x&constructor=y&a=1'), ct('application/x-www-form-urlencoded'), limits);
  assert.deepEqual(Object.keys(value(form) as object), ['__proto__[polluted]', 'a']);
  const sns = { Type: 'Notification', MessageId: 'm', TopicArn: 'arn:aws:sns:us-east-1:1:t', Message: hostile };
  assert.deepEqual(Object.keys(value(parseBody(Buffer.from(JSON.stringify(sns)), ct('text/plain'), limits)) as object), ['ok', 'nested']);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('SNS: a Notification is unwrapped (JSON or text Message); other envelopes keep their body', () => {
  const note = {
    Type: 'Notification',
    MessageId: 'm-1',
    TopicArn: 'arn:aws:sns:us-east-1:1:guardduty',
    Subject: 'GuardDuty',
    Message: JSON.stringify({ detail: { id: 'gd-1' } }),
  };
  const r = parseBody(Buffer.from(JSON.stringify(note)), ct('text/plain; charset=UTF-8', [{ name: 'x-amz-sns-message-type', value: 'Notification' }]), limits);
  assert.deepEqual(value(r), { detail: { id: 'gd-1' } });
  assert.deepEqual(r.ok && r.sns, { type: 'Notification', messageId: 'm-1', topicArn: note.TopicArn, subject: 'GuardDuty' });
  const textNote = parseBody(Buffer.from(JSON.stringify({ ...note, Message: 'CPU high on 203.0.113.9' })), ct('text/plain'), limits);
  assert.equal(kind(textNote), 'text');
  assert.equal(value(textNote), 'CPU high on 203.0.113.9');
  const sub = {
    Type: 'SubscriptionConfirmation',
    MessageId: 'm-2',
    TopicArn: 'arn:aws:sns:us-east-1:1:t',
    SubscribeURL: 'https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=abc',
  };
  const p = parseBody(Buffer.from(JSON.stringify(sub)), ct('text/plain'), limits);
  assert.equal(kind(p), 'json');
  assert.equal(p.ok && p.sns?.subscribeUrl, sub.SubscribeURL);
  const lookalike = parseBody(Buffer.from(JSON.stringify({ Type: 'Alert', MessageId: 'x', TopicArn: 'arn:x' })), ct('application/json'), limits);
  assert.equal(lookalike.ok && lookalike.sns, undefined);
});
