import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTcApi, joinApiUrl } from '../../../app/adapters/http/tc-api.js';
import { TokenRegistry } from '../../../app/core/tokens/token-registry.js';
import { memoryLogger, startOrigin, type Origin } from './loopback.js';

const closers: Array<() => Promise<void>> = [];
after(async () => {
  for (const close of closers) await close();
});
async function origin(handler: Parameters<typeof startOrigin>[0]): Promise<Origin> {
  const o = await startOrigin(handler);
  closers.push(o.close);
  return o;
}

test('joinApiUrl puts exactly one slash between the base and the path', () => {
  assert.equal(joinApiUrl('https://h/api/', '/v3/x'), 'https://h/api/v3/x');
  assert.equal(joinApiUrl('https://h/api', 'v3/x'), 'https://h/api/v3/x');
});

test("signs each call with the trigger's own token and a Timestamp", async () => {
  const o = await origin((_req, res) => res.end('{"data":1}'));
  const tokens = new TokenRegistry();
  tokens.register(1, 'SVC:1:token-one', 2_000_000_000);
  tokens.register(2, 'SVC:2:token-two', 2_000_000_000);
  const api = createTcApi({ apiPath: `${o.url}/api`, tokens, verify: true, logger: memoryLogger(), clock: { now: () => 1_700_000_000_123 } });
  const res = await api.get('/v3/groups', 2);
  assert.equal(res.status, 200);
  const seen = o.requests.at(-1);
  assert.equal(seen?.url, '/api/v3/groups');
  assert.equal(seen?.headers['authorization'], 'TC-Token SVC:2:token-two');
  assert.equal(seen?.headers['timestamp'], '1700000000');
  await api.get('/v3/groups', 1);
  assert.equal(o.requests.at(-1)?.headers['authorization'], 'TC-Token SVC:1:token-one');
});

test('a 401 is retried once, with the token read again', async () => {
  let calls = 0;
  const tokens = new TokenRegistry();
  tokens.register(5, 'stale', 2_000_000_000);
  const o = await origin((_req, res) => {
    calls += 1;
    if (calls === 1) tokens.register(5, 'fresh', 2_000_000_000); // a renewal lands meanwhile
    res.writeHead(calls === 1 ? 401 : 200).end();
  });
  const api = createTcApi({ apiPath: o.url, tokens, verify: true, logger: memoryLogger() });
  assert.equal((await api.get('x', 5)).status, 200);
  assert.deepEqual(
    o.requests.map((r) => r.headers['authorization']),
    ['TC-Token stale', 'TC-Token fresh'],
  );

  const always = await origin((_req, res) => res.writeHead(401).end());
  const api2 = createTcApi({ apiPath: always.url, tokens, verify: true, logger: memoryLogger() });
  assert.equal((await api2.get('x', 5)).status, 401);
  assert.equal(always.requests.length, 2, 'one retry only');
});

test('no token for the trigger rejects with a clear error, before any request', async () => {
  const o = await origin((_req, res) => res.end());
  const api = createTcApi({ apiPath: o.url, tokens: new TokenRegistry(), verify: true, logger: memoryLogger() });
  await assert.rejects(api.get('x', 9), /no API token registered for trigger 9/);
  assert.equal(o.requests.length, 0);
});
