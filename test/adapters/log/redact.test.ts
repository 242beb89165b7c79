import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRedactor, isSensitiveKey } from '../../../app/adapters/log/redact.js';

test('registered secrets are masked anywhere in text, also base64 and URL-encoded', () => {
  const r = createRedactor(['s3cr3t-v@lue']);
  assert.equal(r.redactText('x=s3cr3t-v@lue; y'), 'x=***; y');
  assert.equal(r.redactText(`b64 ${Buffer.from('s3cr3t-v@lue').toString('base64')}`), 'b64 ***');
  assert.equal(r.redactText(`url ${encodeURIComponent('s3cr3t-v@lue')}`), 'url ***');
  assert.equal(r.redactText('short ab'), 'short ab');
  r.addSecret('ab'); // too short to register: would mask every "ab"
  assert.equal(r.redactText('short ab'), 'short ab');
});

test('credential patterns in free text', () => {
  const r = createRedactor();
  assert.equal(r.redactText('Authorization: TC-Token SVC:1:abc:def'), 'Authorization: ***');
  assert.equal(r.redactText('sent TC-Token SVC:9:x:y to api'), 'sent TC-Token *** to api');
  assert.equal(r.redactText('header Bearer eyJhbGciOi.x.y ok'), 'header Bearer *** ok');
  assert.equal(r.redactText('Basic dXNlcjpwYXNzd29yZA== end'), 'Basic *** end');
  assert.equal(r.redactText('GET /appAuth?expiredToken=abc%3Adef&x=1'), 'GET /appAuth?expiredToken=***&x=1');
  assert.equal(r.redactText('{"authorization":"Basic abc"}'), '{"authorization":"***"}');
  assert.equal(r.redactText('nothing to hide here'), 'nothing to hide here');
});

test('sensitive keys, header lists and nested values', () => {
  const r = createRedactor(['deep-secret-1']);
  const out = r.redactValue({
    headers: [
      { name: 'Authorization', value: 'Basic abc' },
      { name: 'X-Hub-Signature-256', value: 'sha256=abc' },
      { name: 'Content-Type', value: 'application/json' },
    ],
    cookie: 'a=b',
    apiToken: 'tok',
    tc_kvstore_pass: 'pw',
    'x-api-key': 'k',
    nested: { list: ['deep-secret-1', 2, null], body: Buffer.from('raw') },
    err: new Error('failed with deep-secret-1'),
    triggerId: 5,
  });
  assert.deepEqual(out, {
    headers: [
      { name: 'Authorization', value: '***' },
      { name: 'X-Hub-Signature-256', value: '***' },
      { name: 'Content-Type', value: 'application/json' },
    ],
    cookie: '***',
    apiToken: '***',
    tc_kvstore_pass: '***',
    'x-api-key': '***',
    nested: { list: ['***', 2, null], body: '<3 bytes>' },
    err: 'Error: failed with ***',
    triggerId: 5,
  });
  for (const k of ['Set-Cookie', 'password', 'passwd', 'client_secret', 'api_key', 'signature', 'X-Auth', 'passphrase']) assert.ok(isSensitiveKey(k), k);
  for (const k of ['triggerId', 'requestKey', 'sessionId', 'logFile', 'passthrough', 'auth_mode']) assert.ok(!isSensitiveKey(k), k);
  assert.deepEqual(createRedactor(['opaque-value-9']).redactValue({ 'opaque-value-9': 1 }), { '***': 1 }, 'a secret used as a key is masked too');
});

test('cycles and depth do not crash', () => {
  const r = createRedactor();
  const a: Record<string, unknown> = { name: 'a' };
  a['self'] = a;
  assert.deepEqual(r.redactValue(a), { name: 'a', self: '[Circular]' });
});

test('Basic credentials registered later are masked in both forms', () => {
  const r = createRedactor();
  r.addBasicCredentials('alice', 'pa55word!');
  const b64 = Buffer.from('alice:pa55word!').toString('base64');
  assert.equal(r.redactText(`creds ${b64} and pa55word! and alice:pa55word!`), 'creds *** and *** and ***');
});

test('overlapping and adjacent secrets are masked as their union, nothing of either left', () => {
  const r = createRedactor(['bcdefgh', 'abcd', 'zzzz']);
  assert.equal(r.redactText('x abcdefgh y'), 'x *** y');
  assert.equal(r.redactText('zzzzabcd and zzzz, abcd'), '*** and ***, ***');
  assert.equal(r.redactText('no secret here'), 'no secret here');
  assert.equal(r.redactText('tail abcd'), 'tail ***');
});
