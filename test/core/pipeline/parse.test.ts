import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync, deflateSync } from 'node:zlib';
import { parseBody, type ParseLimits } from '../../../app/core/pipeline/parse.js';
import { detectHandshake, isTrustedSnsUrl, confirmSnsSubscription } from '../../../app/core/pipeline/handshake.js';
import type { NameValue } from '../../../app/protocol/messages.js';
import type { ExternalHttp } from '../../../app/core/ports.js';

const limits: ParseLimits = { maxBytes: 1024 * 1024, maxDecodedBytes: 4 * 1024 * 1024, maxDepth: 64 };
const ct = (v: string, more: NameValue[] = []): NameValue[] => [{ name: 'Content-Type', value: v }, ...more];

test('JSON, form with a JSON payload field, text, empty and binary bodies', () => {
  const j = parseBody(Buffer.from('{"a":1}'), ct('application/json'), limits);
  assert.deepEqual(j.ok && j.body.kind === 'json' && j.body.value, { a: 1 });
  const f = parseBody(Buffer.from('payload=%7B%22x%22%3A2%7D&y=1'), ct('application/x-www-form-urlencoded'), limits);
  assert.deepEqual(f.ok && f.body.kind === 'json' && f.body.value, { x: 2 });
  const f2 = parseBody(Buffer.from('a=1&a=2&b=3'), ct('application/x-www-form-urlencoded'), limits);
  assert.deepEqual(f2.ok && f2.body.kind === 'form' && { ...f2.body.value }, { a: ['1', '2'], b: '3' });
  const t = parseBody(Buffer.from('plain alert 1.2.3.4'), ct('text/plain'), limits);
  assert.equal(t.ok && t.body.kind, 'text');
  assert.equal(parseBody(null, [], limits).ok && 'empty', 'empty');
  const b = parseBody(Buffer.from([0xff, 0xfe, 0x00]), ct('application/json'), limits);
  assert.equal(b.ok && b.body.kind, 'binary', 'invalid UTF-8 is kept as binary');
  const sniff = parseBody(Buffer.from('{"no":"content-type"}'), [], limits);
  assert.equal(sniff.ok && sniff.body.kind, 'json');
});

test('invalid JSON, too large, too deep and zip bombs are refused with a reason', () => {
  const bad = parseBody(Buffer.from('{"a":'), ct('application/json'), limits);
  assert.equal(!bad.ok && bad.reason, 'unparsable');
  const big = parseBody(Buffer.alloc(limits.maxBytes + 1, 0x20), ct('text/plain'), limits);
  assert.equal(!big.ok && big.reason, 'body_too_large');
  const deep = parseBody(Buffer.from('['.repeat(100) + ']'.repeat(100)), ct('application/json'), limits);
  assert.equal(!deep.ok && deep.reason, 'unparsable');
  const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x41));
  const r = parseBody(bomb, ct('application/json', [{ name: 'Content-Encoding', value: 'gzip' }]), limits);
  assert.equal(!r.ok && r.reason, 'body_too_large');
  const br = parseBody(Buffer.from('x'), ct('text/plain', [{ name: 'Content-Encoding', value: 'br' }]), limits);
  assert.equal(!br.ok && br.reason, 'unsupported_encoding');
});

test('gzip and deflate bodies are decoded', () => {
  for (const [enc, data] of [['gzip', gzipSync(Buffer.from('{"z":1}'))], ['deflate', deflateSync(Buffer.from('{"z":1}'))]] as const) {
    const r = parseBody(data, ct('application/json', [{ name: 'content-encoding', value: enc }]), limits);
    assert.deepEqual(r.ok && r.body.kind === 'json' && r.body.value, { z: 1 }, enc);
  }
});

test('prototype pollution keys are dropped', () => {
  const r = parseBody(Buffer.from('{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}},"ok":true}'), ct('application/json'), limits);
  assert.ok(r.ok && r.body.kind === 'json');
  const v = (r as { body: { value: Record<string, unknown> } }).body.value;
  assert.deepEqual(Object.keys(v), ['ok']);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('SNS: a Notification is unwrapped, a SubscriptionConfirmation is a handshake', () => {
  const note = { Type: 'Notification', MessageId: 'm-1', TopicArn: 'arn:aws:sns:us-east-1:1:guardduty', Message: JSON.stringify({ detail: { id: 'gd-1' } }) };
  const r = parseBody(Buffer.from(JSON.stringify(note)), ct('text/plain; charset=UTF-8'), limits);
  assert.ok(r.ok);
  assert.deepEqual(r.ok && r.body.kind === 'json' && r.body.value, { detail: { id: 'gd-1' } });
  assert.equal(r.ok && r.sns?.topicArn, note.TopicArn);
  const sub = { Type: 'SubscriptionConfirmation', MessageId: 'm-2', TopicArn: 'arn:aws:sns:us-east-1:1:t', SubscribeURL: 'https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=abc' };
  const p = parseBody(Buffer.from(JSON.stringify(sub)), ct('text/plain'), limits);
  assert.deepEqual(detectHandshake({ method: 'POST', headers: [], queryParams: [] }, p), { kind: 'sns_subscription', subscribeUrl: sub.SubscribeURL, topicArn: sub.TopicArn });
});

test('Slack, Microsoft Graph and Okta challenges are answered', () => {
  const slack = parseBody(Buffer.from('{"type":"url_verification","challenge":"c-123"}'), ct('application/json'), limits);
  const s = detectHandshake({ method: 'POST', headers: [], queryParams: [] }, slack);
  assert.equal(s?.kind === 'reply' && s.body, '{"challenge":"c-123"}');
  const g = detectHandshake({ method: 'POST', headers: [], queryParams: [{ name: 'validationToken', value: 'tok en' }] }, parseBody(null, [], limits));
  assert.equal(g?.kind === 'reply' && g.body, 'tok en');
  const o = detectHandshake({ method: 'GET', headers: [{ name: 'X-Okta-Verification-Challenge', value: 'okta-1' }], queryParams: [] }, parseBody(null, [], limits));
  assert.equal(o?.kind === 'reply' && o.body, '{"verification":"okta-1"}');
  assert.equal(detectHandshake({ method: 'POST', headers: [], queryParams: [] }, parseBody(Buffer.from('{"a":1}'), ct('application/json'), limits)), null);
});

test('SNS confirmation only goes to AWS SNS https endpoints, with the Verify SSL choice', async () => {
  assert.equal(isTrustedSnsUrl('https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription'), true);
  assert.equal(isTrustedSnsUrl('https://sns.cn-north-1.amazonaws.com.cn/x'), true);
  for (const bad of ['http://sns.us-east-1.amazonaws.com/', 'https://evil.example/sns.us-east-1.amazonaws.com', 'https://sns.us-east-1.amazonaws.com.evil.example/', 'https://169.254.169.254/', 'not a url']) {
    assert.equal(isTrustedSnsUrl(bad), false, bad);
  }
  const calls: Array<{ url: string; verifySsl: boolean | undefined }> = [];
  const http: ExternalHttp = { request: async (req, o) => (calls.push({ url: req.url, verifySsl: o?.verifySsl }), { status: 200, headers: {}, body: '' }) };
  assert.deepEqual(await confirmSnsSubscription(http, 'https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=t', false), { ok: true });
  assert.deepEqual(calls, [{ url: 'https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=t', verifySsl: false }]);
  assert.equal((await confirmSnsSubscription(http, 'https://evil.example/', true)).ok, false);
  assert.equal(calls.length, 1, 'no request to an untrusted URL');
});
