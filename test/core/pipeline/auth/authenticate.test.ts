import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authenticate, type AuthSettings } from '../../../../app/core/pipeline/auth/authenticate.js';
import { signRequest } from '../../../../app/core/pipeline/auth/sign.js';
import type { NameValue } from '../../../../app/protocol/messages.js';

const NOW = 1_700_000_000;
const body = Buffer.from('{"alert":"x"}');
const h = (...pairs: Array<[string, string]>): NameValue[] => pairs.map(([name, value]) => ({ name, value }));

test("GitHub's published vector: X-Hub-Signature-256 for 'Hello, World!'", () => {
  const r = authenticate(
    {
      headers: h(['x-hub-signature-256', 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17'], ['X-GitHub-Delivery', 'd-1']),
      body: Buffer.from('Hello, World!'),
    },
    { mode: 'github', secrets: ["It's a Secret to Everybody"] },
    NOW,
  );
  assert.deepEqual(r, { ok: true, messageId: 'd-1' });
  const wrong = authenticate(
    { headers: h(['X-Hub-Signature-256', 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17']), body: Buffer.from('Hello, World?') },
    { mode: 'github', secrets: ["It's a Secret to Everybody"] },
    NOW,
  );
  assert.equal(wrong.ok, false);
});

test("Standard Webhooks' published vector (whsec_ secret, several signatures)", () => {
  const r = authenticate(
    {
      headers: h(
        ['webhook-id', 'msg_p5jXN8AQM9LWM0D4loKWxJek'],
        ['webhook-timestamp', '1614265330'],
        ['webhook-signature', 'v1,bm9wZQ== v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='],
      ),
      body: Buffer.from('{"test": 2432232314}'),
    },
    { mode: 'standard_webhooks', secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'], toleranceSeconds: 300 },
    1614265330,
  );
  assert.deepEqual(r, { ok: true, messageId: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: 1614265330 });
});

const modes: Array<{
  settings: AuthSettings;
  sign: Parameters<typeof signRequest>[0] extends infer O ? Omit<O & object, 'body' | 'nowSeconds' | 'secret'> : never;
}> = [
  { settings: { mode: 'shared_secret', header: 'X-Webhook-Secret', secrets: ['s3cret-value'] }, sign: { mode: 'shared_secret', header: 'X-Webhook-Secret' } },
  {
    settings: {
      mode: 'hmac',
      header: 'X-Signature',
      algorithm: 'sha256',
      encoding: 'hex',
      prefix: 'sha256=',
      secrets: ['s3cret-value'],
      toleranceSeconds: 300,
    },
    sign: { mode: 'hmac', header: 'X-Signature', algorithm: 'sha256', prefix: 'sha256=' },
  },
  {
    settings: {
      mode: 'hmac',
      header: 'X-Sig',
      algorithm: 'sha512',
      encoding: 'base64',
      prefix: '',
      secrets: ['s3cret-value'],
      toleranceSeconds: 300,
      timestampHeader: 'X-Timestamp',
    },
    sign: { mode: 'hmac', header: 'X-Sig', algorithm: 'sha512', encoding: 'base64', timestampHeader: 'X-Timestamp' },
  },
  {
    settings: { mode: 'hmac', header: 'X-Sig', algorithm: 'sha1', encoding: 'hex', prefix: '', secrets: ['s3cret-value'], toleranceSeconds: 300 },
    sign: { mode: 'hmac', header: 'X-Sig', algorithm: 'sha1' },
  },
  { settings: { mode: 'github', secrets: ['s3cret-value'] }, sign: { mode: 'github' } },
  { settings: { mode: 'stripe', header: 'Stripe-Signature', secrets: ['s3cret-value'], toleranceSeconds: 300 }, sign: { mode: 'stripe' } },
  {
    settings: { mode: 'standard_webhooks', secrets: ['whsec_' + Buffer.from('s3cret-value').toString('base64')], toleranceSeconds: 300 },
    sign: { mode: 'standard_webhooks' },
  },
  { settings: { mode: 'basic', username: 'alerts', secrets: ['s3cret-value'] }, sign: { mode: 'basic', username: 'alerts' } },
];

for (const { settings, sign } of modes) {
  const secretFor = (s: string) => (settings.mode === 'standard_webhooks' ? 'whsec_' + Buffer.from(s).toString('base64') : s);
  test(`${settings.mode}${'algorithm' in settings ? `/${settings.algorithm}` : ''}: valid, wrong secret, missing, rotation`, () => {
    const headers = signRequest({ ...sign, secret: secretFor('s3cret-value'), body, nowSeconds: NOW } as Parameters<typeof signRequest>[0]);
    assert.equal(authenticate({ headers, body }, settings, NOW).ok, true);
    const bad = signRequest({ ...sign, secret: secretFor('wrong-secret'), body, nowSeconds: NOW } as Parameters<typeof signRequest>[0]);
    const r = authenticate({ headers: bad, body }, settings, NOW);
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.reason, 'auth_invalid');
      assert.ok(!r.detail.includes('s3cret') && !r.detail.includes('wrong-secret'), 'detail never carries a secret');
    }
    const missing = authenticate({ headers: [], body }, settings, NOW);
    assert.equal(missing.ok ? 'ok' : missing.reason, 'auth_missing');
    const rotated = { ...settings, secrets: [secretFor('new-secret-value'), secretFor('s3cret-value')] } as AuthSettings;
    assert.equal(authenticate({ headers, body }, rotated, NOW).ok, true, 'the previous secret is still accepted');
    if (settings.mode !== 'basic' && settings.mode !== 'shared_secret') {
      const tampered = authenticate({ headers, body: Buffer.from('{"alert":"y"}') }, settings, NOW);
      assert.equal(tampered.ok, false, 'a changed body is refused');
    }
  });
}

test('timestamps outside the tolerance are stale', () => {
  for (const { settings, sign } of modes.filter((m) => 'toleranceSeconds' in m.settings && (m.settings.mode !== 'hmac' || m.settings.timestampHeader))) {
    const secret = settings.mode === 'standard_webhooks' ? 'whsec_' + Buffer.from('s3cret-value').toString('base64') : 's3cret-value';
    const headers = signRequest({ ...sign, secret, body, nowSeconds: NOW - 301 } as Parameters<typeof signRequest>[0]);
    const r = authenticate({ headers, body }, settings, NOW);
    assert.equal(r.ok ? 'ok' : r.reason, 'auth_stale_timestamp', settings.mode);
  }
});

test('no secret configured is a configuration error, not a pass', () => {
  const r = authenticate({ headers: [], body }, { mode: 'github', secrets: [''] }, NOW);
  assert.equal(r.ok ? 'ok' : r.reason, 'auth_misconfigured');
});
