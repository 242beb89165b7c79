import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBody, type ParseLimits } from '../../../app/core/pipeline/parse.js';
import { confirmSnsSubscription, detectHandshake, detectPreAuthHandshake, isTrustedSnsUrl, MAX_ECHO } from '../../../app/core/pipeline/handshake.js';
import type { NameValue } from '../../../app/protocol/messages.js';
import type { ExternalHttp } from '../../../app/core/ports.js';

const limits: ParseLimits = { maxBytes: 1024 * 1024, maxDecodedBytes: 4 * 1024 * 1024, maxDepth: 64 };
const json = (v: unknown, headers: NameValue[] = []) =>
  parseBody(Buffer.from(JSON.stringify(v)), [{ name: 'Content-Type', value: 'text/plain' }, ...headers], limits);
const req = (o: { headers?: NameValue[]; queryParams?: NameValue[] } = {}) => ({ method: 'POST', headers: o.headers ?? [], queryParams: o.queryParams ?? [] });
const empty = parseBody(null, [], limits);

test('Slack url_verification is answered with the challenge', () => {
  const s = detectHandshake(req(), json({ token: 't', challenge: 'c-123', type: 'url_verification' }));
  assert.deepEqual(s, {
    kind: 'reply',
    statusCode: 200,
    headers: [{ name: 'Content-Type', value: 'application/json' }],
    body: '{"challenge":"c-123"}',
    detail: 'url_verification challenge',
  });
  assert.equal(detectHandshake(req(), json({ type: 'event_callback', challenge: 'x' })), null);
  assert.equal(detectHandshake(req(), json({ type: 'url_verification', challenge: 42 })), null);
});

test('Microsoft Graph validationToken is echoed as text/plain, before any body is needed', () => {
  const g = detectPreAuthHandshake({ headers: [], queryParams: [{ name: 'validationToken', value: 'Validation: Testing client application reachability' }] });
  assert.equal(g?.kind === 'reply' && g.statusCode, 200);
  assert.equal(g?.kind === 'reply' && g.body, 'Validation: Testing client application reachability');
  assert.match(g?.kind === 'reply' ? g.headers[0]!.value : '', /^text\/plain/);
  assert.deepEqual(detectHandshake(req({ queryParams: [{ name: 'validationToken', value: 'abc' }] }), empty), { ...(g as object), body: 'abc' });
});

test('Okta verification challenge is answered as {"verification": …}', () => {
  const o = detectHandshake({ method: 'GET', headers: [{ name: 'X-Okta-Verification-Challenge', value: 'okta-1' }], queryParams: [] }, empty);
  assert.equal(o?.kind === 'reply' && o.body, '{"verification":"okta-1"}');
});

test('echoed values are length-limited and never carry control characters', () => {
  const long = 'x'.repeat(MAX_ECHO + 1);
  for (const h of [
    detectPreAuthHandshake({ headers: [], queryParams: [{ name: 'validationToken', value: long }] }),
    detectPreAuthHandshake({ headers: [{ name: 'x-okta-verification-challenge', value: long }], queryParams: [] }),
    detectHandshake(req(), json({ type: 'url_verification', challenge: long })),
    detectHandshake(req(), json({ type: 'url_verification', challenge: 'a\r\nSet-Cookie: x=1' })),
  ]) {
    assert.equal(h?.kind === 'reply' && h.statusCode, 400);
    assert.ok(h?.kind === 'reply' && !h.body.includes('xxxxxxxxxx') && !h.body.includes('Set-Cookie'));
  }
  assert.equal(detectPreAuthHandshake({ headers: [], queryParams: [{ name: 'validationToken', value: 'x'.repeat(MAX_ECHO) }] })?.kind === 'reply', true);
});

test('AWS SNS SubscriptionConfirmation becomes an sns_subscription; UnsubscribeConfirmation is acknowledged', () => {
  const sub = {
    Type: 'SubscriptionConfirmation',
    MessageId: 'm-2',
    TopicArn: 'arn:aws:sns:us-east-1:1:t',
    SubscribeURL: 'https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=abc',
  };
  const expected = { kind: 'sns_subscription', subscribeUrl: sub.SubscribeURL, topicArn: sub.TopicArn };
  assert.deepEqual(detectHandshake(req(), json(sub)), expected);
  assert.deepEqual(detectHandshake(req({ headers: [{ name: 'x-amz-sns-message-type', value: 'SubscriptionConfirmation' }] }), json(sub)), expected);
  assert.equal(detectHandshake(req({ headers: [{ name: 'x-amz-sns-message-type', value: 'Notification' }] }), json(sub)), null, 'header and body disagree');
  const unsub = detectHandshake(req(), json({ ...sub, Type: 'UnsubscribeConfirmation' }));
  assert.equal(unsub?.kind === 'reply' && unsub.statusCode, 200);
  const note = detectHandshake(req(), json({ Type: 'Notification', MessageId: 'm', TopicArn: 'arn:aws:sns:us-east-1:1:t', Message: '{"a":1}' }));
  assert.equal(note, null, 'a notification is an alert, not a handshake');
  assert.equal(detectHandshake(req(), { ok: false, reason: 'unparsable', detail: 'x' }), null);
});

test('SNS confirmation only goes to AWS SNS https endpoints, with the Verify SSL choice', async () => {
  for (const good of [
    'https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription',
    'https://sns.cn-north-1.amazonaws.com.cn/x',
    'https://sns.us-gov-west-1.amazonaws.com:443/x',
  ]) {
    assert.equal(isTrustedSnsUrl(good), true, good);
  }
  for (const bad of [
    'http://sns.us-east-1.amazonaws.com/',
    'https://evil.example/sns.us-east-1.amazonaws.com',
    'https://sns.us-east-1.amazonaws.com.evil.example/',
    'https://169.254.169.254/',
    'not a url',
    'https://user:pw@sns.us-east-1.amazonaws.com/',
    'https://sns.us-east-1.amazonaws.com:8443/',
    'https://sqs.us-east-1.amazonaws.com/',
    'https://sns.amazonaws.com/',
    'https://evilsns.us-east-1.amazonaws.com/',
  ]) {
    assert.equal(isTrustedSnsUrl(bad), false, bad);
  }
  const calls: Array<{ url: string; method: string; verifySsl: boolean | undefined }> = [];
  let status = 200;
  const http: ExternalHttp = {
    request: async (r, o) => (calls.push({ url: r.url, method: r.method, verifySsl: o?.verifySsl }), { status, headers: {}, body: '' }),
  };
  const url = 'https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=secret-token';
  assert.deepEqual(await confirmSnsSubscription(http, url, false), { ok: true });
  assert.deepEqual(calls, [{ url, method: 'GET', verifySsl: false }]);
  status = 403;
  assert.deepEqual(await confirmSnsSubscription(http, url, true), { ok: false, detail: 'AWS SNS answered HTTP 403' });
  assert.equal((await confirmSnsSubscription(http, 'https://evil.example/', true)).ok, false);
  assert.equal(calls.length, 2, 'no request to an untrusted URL');
  const failing: ExternalHttp = {
    request: async () => {
      throw new Error(`connect ECONNREFUSED for ${url}`);
    },
  };
  const r = await confirmSnsSubscription(failing, url, true);
  assert.equal(r.ok, false);
  assert.ok(!r.ok && !r.detail.includes('secret-token'), 'the token-bearing URL is not echoed');
});
