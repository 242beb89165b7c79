/** Mode-specific behaviour beyond the round trips in authenticate.test.ts: vectors computed independently with node:crypto. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { authenticate, type AuthResult, type AuthSettings } from '../../../../app/core/pipeline/auth/authenticate.js';
import { parseStripeHeader } from '../../../../app/core/pipeline/auth/stripe.js';
import type { NameValue } from '../../../../app/protocol/messages.js';

const NOW = 1_700_000_000;
const body = Buffer.from('{"id":"evt_1","type":"alert"}');
const h = (...pairs: Array<[string, string]>): NameValue[] => pairs.map(([name, value]) => ({ name, value }));
const reason = (r: AuthResult) => (r.ok ? 'ok' : r.reason);
const hex = (alg: string, key: string | Buffer, data: string | Buffer) => createHmac(alg, key).update(data).digest('hex');
const b64 = (alg: string, key: string | Buffer, data: string | Buffer) => createHmac(alg, key).update(data).digest('base64');

function assertNoLeak(r: AuthResult, ...secretsAndSignatures: string[]) {
  if (r.ok) return;
  for (const s of secretsAndSignatures) assert.ok(!r.detail.includes(s), `detail "${r.detail}" must not contain a secret or signature`);
}

test('GitHub vector: wrong secret and tampered body fail, details never echo the signature', () => {
  const sig = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
  const settings: AuthSettings = { mode: 'github', secrets: ['another secret'] };
  const r = authenticate({ headers: h(['X-Hub-Signature-256', sig]), body: Buffer.from('Hello, World!') }, settings, NOW);
  assert.equal(reason(r), 'auth_invalid');
  assertNoLeak(r, '757107ea0eb2509f', 'another secret');
  const rotated = authenticate(
    { headers: h(['X-Hub-Signature-256', sig]), body: Buffer.from('Hello, World!') },
    { mode: 'github', secrets: ['another secret', "It's a Secret to Everybody"] },
    NOW,
  );
  assert.equal(rotated.ok, true);
  assert.equal(reason(authenticate({ headers: h(['X-Hub-Signature-256', 'sha1=abc']), body }, settings, NOW)), 'auth_invalid');
  assert.equal(
    reason(authenticate({ headers: h(['X-Hub-Signature', 'sha1=' + hex('sha1', 'another secret', body)]), body }, settings, NOW)),
    'auth_missing',
    'legacy SHA-1 header is not enough',
  );
});

test('Stripe: several v1 entries, v0 ignored, signature checked before the timestamp', () => {
  const secret = 'whsec_test_stripe';
  const t = String(NOW);
  const good = hex('sha256', secret, `${t}.${body.toString()}`);
  const settings: AuthSettings = { mode: 'stripe', header: 'Stripe-Signature', secrets: [secret], toleranceSeconds: 300 };
  const header = `t=${t},v1=${'0'.repeat(64)},v0=${'1'.repeat(64)},v1=${good}`;
  assert.deepEqual(authenticate({ headers: h(['stripe-signature', header]), body }, settings, NOW), { ok: true, timestamp: NOW });
  assert.equal(reason(authenticate({ headers: h(['Stripe-Signature', `t=${t},v1=${good}`]), body }, settings, NOW + 301)), 'auth_stale_timestamp');
  assert.equal(authenticate({ headers: h(['Stripe-Signature', `t=${t},v1=${good}`]), body }, settings, NOW + 300).ok, true, 'the tolerance is inclusive');
  const forged = authenticate({ headers: h(['Stripe-Signature', `t=${t},v1=${'a'.repeat(64)}`]), body }, settings, NOW + 9999);
  assert.equal(reason(forged), 'auth_invalid', 'a forged old message is invalid, not merely stale');
  assert.equal(reason(authenticate({ headers: h(['Stripe-Signature', `v1=${good}`]), body }, settings, NOW)), 'auth_invalid');
  assert.equal(reason(authenticate({ headers: h(['Stripe-Signature', `t=${t}`]), body }, settings, NOW)), 'auth_invalid');
  // The timestamp is part of the signed bytes: moving it breaks the signature.
  assert.equal(reason(authenticate({ headers: h(['Stripe-Signature', `t=${NOW + 1},v1=${good}`]), body }, settings, NOW)), 'auth_invalid');
  assert.deepEqual(parseStripeHeader(' t=1 , v1=' + good.toUpperCase() + ',junk'), { t: '1', v1: [good] });
});

test('Standard Webhooks: space-separated signatures, v1a ignored, tampered id refused, stale after valid', () => {
  const key = Buffer.from('standard-webhooks-test-key-32by');
  const secret = 'whsec_' + key.toString('base64');
  const id = 'msg_2abc';
  const sig = b64('sha256', key, `${id}.${NOW}.${body.toString()}`);
  const settings: AuthSettings = { mode: 'standard_webhooks', secrets: ['whsec_' + Buffer.from('old-key').toString('base64'), secret], toleranceSeconds: 300 };
  const headers = (sigHeader: string, msgId = id, ts = String(NOW)) => h(['webhook-id', msgId], ['webhook-timestamp', ts], ['webhook-signature', sigHeader]);
  assert.deepEqual(authenticate({ headers: headers(`v1a,${sig} v1,${sig}`), body }, settings, NOW), { ok: true, messageId: id, timestamp: NOW });
  assert.equal(reason(authenticate({ headers: headers(`v1a,${sig}`), body }, settings, NOW)), 'auth_invalid');
  assert.equal(reason(authenticate({ headers: headers(`v1,${sig}`, 'msg_other'), body }, settings, NOW)), 'auth_invalid');
  assert.equal(reason(authenticate({ headers: headers(`v1,${sig}`), body }, settings, NOW - 600)), 'auth_stale_timestamp');
  assert.equal(reason(authenticate({ headers: h(['webhook-id', id], ['webhook-signature', `v1,${sig}`]), body }, settings, NOW)), 'auth_missing');
  const r = authenticate({ headers: headers(`v1,${sig}`), body: Buffer.from('{}') }, settings, NOW);
  assert.equal(reason(r), 'auth_invalid');
  assertNoLeak(r, sig, key.toString('base64'));
});

test('generic HMAC: prefix case-insensitive, hex any case, base64 and base64url, repeated headers', () => {
  type Hmac = Extract<AuthSettings, { mode: 'hmac' }>;
  const base: Hmac = { mode: 'hmac', header: 'X-Signature', algorithm: 'sha256', encoding: 'hex', prefix: 'sha256=', secrets: ['k1'], toleranceSeconds: 300 };
  const sig = hex('sha256', 'k1', body);
  assert.equal(authenticate({ headers: h(['x-signature', `SHA256=${sig.toUpperCase()}`]), body }, base, NOW).ok, true);
  assert.equal(reason(authenticate({ headers: h(['X-Signature', sig]), body }, base, NOW)), 'auth_invalid', 'prefix required');
  assert.equal(authenticate({ headers: h(['X-Signature', 'sha256=00'], ['X-Signature', `sha256=${sig}`]), body }, base, NOW).ok, true);
  const b: Hmac = { ...base, encoding: 'base64', prefix: '', algorithm: 'sha512' };
  const s64 = b64('sha512', 'k1', body);
  assert.equal(authenticate({ headers: h(['X-Signature', s64]), body }, b, NOW).ok, true);
  const s64url = s64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  assert.equal(authenticate({ headers: h(['X-Signature', s64url]), body }, b, NOW).ok, true);
  const sha1: Hmac = { ...base, algorithm: 'sha1', prefix: '' };
  assert.equal(authenticate({ headers: h(['X-Signature', hex('sha1', 'k1', body)]), body }, sha1, NOW).ok, true);
  assert.equal(reason(authenticate({ headers: h(['X-Signature', 'zz']), body }, sha1, NOW)), 'auth_invalid');
});

test('generic HMAC with a signed timestamp and a message id', () => {
  const settings: AuthSettings = {
    mode: 'hmac',
    header: 'X-Sig',
    algorithm: 'sha256',
    encoding: 'hex',
    prefix: '',
    secrets: ['k1'],
    timestampHeader: 'X-Timestamp',
    toleranceSeconds: 60,
    messageIdHeader: 'X-Event-Id',
  };
  const sig = hex('sha256', 'k1', `${NOW}.${body.toString()}`);
  const headers = h(['X-Sig', sig], ['X-Timestamp', String(NOW)], ['X-Event-Id', 'ev-9']);
  assert.deepEqual(authenticate({ headers, body }, settings, NOW + 60), { ok: true, messageId: 'ev-9', timestamp: NOW });
  assert.equal(reason(authenticate({ headers, body }, settings, NOW + 61)), 'auth_stale_timestamp');
  assert.equal(reason(authenticate({ headers: h(['X-Sig', sig]), body }, settings, NOW)), 'auth_missing');
  assert.equal(
    reason(authenticate({ headers: h(['X-Sig', hex('sha256', 'k1', body)], ['X-Timestamp', String(NOW)]), body }, settings, NOW)),
    'auth_invalid',
    'body-only signature does not cover the timestamp',
  );
  assert.equal(reason(authenticate({ headers: h(['X-Sig', sig], ['X-Timestamp', `${NOW}000`]), body }, settings, NOW)), 'auth_invalid');
});

test('generic HMAC: unusable settings are a configuration error', () => {
  const bad = {
    mode: 'hmac',
    header: 'X-Sig',
    algorithm: 'md5',
    encoding: 'hex',
    prefix: '',
    secrets: ['k'],
    toleranceSeconds: 300,
  } as unknown as AuthSettings;
  assert.equal(reason(authenticate({ headers: h(['X-Sig', 'aa']), body }, bad, NOW)), 'auth_misconfigured');
  const noHeader = { mode: 'hmac', header: ' ', algorithm: 'sha256', encoding: 'hex', prefix: '', secrets: ['k'], toleranceSeconds: 300 } as AuthSettings;
  assert.equal(reason(authenticate({ headers: [], body }, noHeader, NOW)), 'auth_misconfigured');
  assert.equal(reason(authenticate({ headers: [], body }, { mode: 'basic', username: 'u', secrets: [] }, NOW)), 'auth_misconfigured');
});

test('shared secret: exact value, Bearer accepted for Authorization, details never echo what was sent', () => {
  const settings: AuthSettings = { mode: 'shared_secret', header: 'X-Api-Key', secrets: ['token-123'] };
  assert.equal(authenticate({ headers: h(['x-api-key', ' token-123 ']), body }, settings, NOW).ok, true);
  const r = authenticate({ headers: h(['X-Api-Key', 'token-124']), body }, settings, NOW);
  assert.equal(reason(r), 'auth_invalid');
  assertNoLeak(r, 'token-12');
  const bearer: AuthSettings = { mode: 'shared_secret', header: 'Authorization', secrets: ['token-123'] };
  assert.equal(authenticate({ headers: h(['Authorization', 'Bearer token-123']), body }, bearer, NOW).ok, true);
});

test('basic: user and password both checked; malformed headers refused', () => {
  const settings: AuthSettings = { mode: 'basic', username: 'alerts', secrets: ['pw-new', 'pw-old'] };
  const basic = (cred: string) => h(['Authorization', `Basic ${Buffer.from(cred).toString('base64')}`]);
  assert.equal(authenticate({ headers: basic('alerts:pw-old'), body }, settings, NOW).ok, true);
  assert.equal(authenticate({ headers: basic('alerts:pw:with:colons'), body }, { ...settings, secrets: ['pw:with:colons'] }, NOW).ok, true);
  assert.equal(reason(authenticate({ headers: basic('other:pw-new'), body }, settings, NOW)), 'auth_invalid');
  const wrongPw = authenticate({ headers: basic('alerts:pw-x'), body }, settings, NOW);
  assert.equal(reason(wrongPw), 'auth_invalid');
  assertNoLeak(wrongPw, 'pw-', 'alerts');
  assert.equal(reason(authenticate({ headers: basic('alertspw'), body }, settings, NOW)), 'auth_invalid');
  assert.equal(reason(authenticate({ headers: h(['Authorization', 'Bearer x']), body }, settings, NOW)), 'auth_invalid');
  assert.equal(reason(authenticate({ headers: [], body }, settings, NOW)), 'auth_missing');
});

test('mode none always passes; garbage headers never throw', () => {
  assert.deepEqual(authenticate({ headers: [], body }, { mode: 'none' }, NOW), { ok: true });
  const junk = h(['Stripe-Signature', ',,,=,t=,v1=']);
  assert.equal(authenticate({ headers: junk, body }, { mode: 'stripe', header: 'Stripe-Signature', secrets: ['k'], toleranceSeconds: 300 }, NOW).ok, false);
  assert.equal(
    authenticate(
      { headers: h(['webhook-id', 'x'], ['webhook-timestamp', 'abc'], ['webhook-signature', 'v1,!!!']), body },
      { mode: 'standard_webhooks', secrets: ['whsec_AAAA'], toleranceSeconds: 300 },
      NOW,
    ).ok,
    false,
  );
});
