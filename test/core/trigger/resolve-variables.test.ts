import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTcApi } from '../../../app/adapters/http/tc-api.js';
import { TokenRegistry } from '../../../app/core/tokens/token-registry.js';
import { parseTcVariable, resolveTcVariables } from '../../../app/core/trigger/resolve-variables.js';
import { memoryLogger, startOrigin } from '../../adapters/http/loopback.js';

const store: Record<string, unknown> = {
  '/api/internal/variable/runtime/TC/greeting': { data: 'hello' },
  '/api/internal/variable/runtime/TC/hmac': { data: 'keychain-secret-1' },
  '/api/internal/variable/runtime/TC/cert': { data: Buffer.from([0, 1, 2, 255]).toString('base64') },
  '/api/internal/variable/runtime/Vault/path%2Fto%2Fsecret': { data: 'from-vault' },
  '/api/internal/variable/runtime/TC/empty': { data: null },
};
const stub = await startOrigin((req, res) => {
  if (req.headers['authorization'] !== 'TC-Token trigger-token') return void res.writeHead(401).end();
  const value = store[req.url];
  if (value === undefined) return void res.writeHead(404).end('{"message":"not found"}');
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
});
after(() => stub.close());
const tokens = new TokenRegistry();
tokens.register(3, 'trigger-token', 2_000_000_000);
const tcApi = createTcApi({ apiPath: `${stub.url}/api`, tokens, verify: true, logger: memoryLogger() });

test('parses exactly &{TC|Vault:TEXT|KEYCHAIN|FILE:<key>}', () => {
  assert.deepEqual(parseTcVariable('&{TC:TEXT:greeting}'), { provider: 'TC', type: 'TEXT', key: 'greeting' });
  assert.deepEqual(parseTcVariable('&{Vault:KEYCHAIN:a/b}'), { provider: 'Vault', type: 'KEYCHAIN', key: 'a/b' });
  assert.equal(parseTcVariable('prefix &{TC:TEXT:greeting}'), undefined);
  assert.equal(parseTcVariable('&{TC:OTHER:x}'), undefined);
  assert.equal(parseTcVariable('#Trigger:1:x!String'), undefined);
  assert.equal(parseTcVariable(42), undefined);
});

test('TEXT, KEYCHAIN (reported as secret), FILE (Buffer), Vault and list elements are resolved; others untouched', async () => {
  const result = await resolveTcVariables(
    {
      title: '&{TC:TEXT:greeting}',
      secret: '&{TC:KEYCHAIN:hmac}',
      cert: '&{TC:FILE:cert}',
      vault: '&{Vault:TEXT:path/to/secret}',
      list: ['plain', '&{TC:TEXT:greeting}'],
      literal: 'not a variable &{TC:TEXT:greeting}',
      count: 3,
      nothing: null,
    },
    tcApi,
    3,
  );
  assert.deepEqual(result.inputs, {
    title: 'hello',
    secret: 'keychain-secret-1',
    cert: Buffer.from([0, 1, 2, 255]),
    vault: 'from-vault',
    list: ['plain', 'hello'],
    literal: 'not a variable &{TC:TEXT:greeting}',
    count: 3,
    nothing: null,
  });
  assert.deepEqual(result.secrets, ['keychain-secret-1']);
});

test('an unresolvable variable throws an error naming the input, not the value', async () => {
  await assert.rejects(resolveTcVariables({ api_key: '&{TC:KEYCHAIN:missing-key}' }, tcApi, 3), (err: Error) => {
    assert.match(err.message, /^input "api_key": cannot resolve its KEYCHAIN variable \(API status 404\)$/);
    return true;
  });
  await assert.rejects(resolveTcVariables({ x: '&{TC:TEXT:empty}' }, tcApi, 3), /input "x": .*no value stored/);
  await assert.rejects(resolveTcVariables({ y: '&{TC:TEXT:greeting}' }, tcApi, 99), /input "y": .*no API token registered for trigger 99/);
});
