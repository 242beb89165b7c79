import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTokenRenewer } from '../../../app/adapters/http/token-renewer.js';
import { TokenRegistry } from '../../../app/core/tokens/token-registry.js';
import { memoryLogger, startOrigin, type Handler, type Origin } from './loopback.js';

const NOW_MS = 1_700_000_000_000;
const NOW_S = NOW_MS / 1000;
const closers: Array<() => Promise<void>> = [];
after(async () => {
  for (const close of closers) await close();
});
async function appAuthStub(handler: Handler): Promise<Origin> {
  const o = await startOrigin(handler);
  closers.push(o.close);
  return o;
}

test('due tokens are exchanged at /appAuth without an auth header and replaced; new tokens go to the redactor', async () => {
  const stub = await appAuthStub((req, res) => {
    const expired = new URL(req.url, 'http://x').searchParams.get('expiredToken');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ apiToken: `renewed(${expired})`, apiTokenExpires: NOW_S + 14400 }));
  });
  const registry = new TokenRegistry();
  registry.register(1, 'SVC:1:a/b+c', NOW_S + 300); // due
  registry.register(2, 'SVC:2:later', NOW_S + 3600); // not due
  const newTokens: string[] = [];
  const logger = memoryLogger();
  const renewer = startTokenRenewer({
    registry,
    apiPath: `${stub.url}/api/`,
    verify: true,
    logger,
    intervalMs: 3_600_000,
    onNewToken: (t) => newTokens.push(t),
    clock: { now: () => NOW_MS },
  });
  try {
    await renewer.renewDue();
  } finally {
    renewer.stop();
  }
  assert.equal(stub.requests.length, 1);
  assert.equal(stub.requests[0]?.url, `/api/appAuth?expiredToken=${encodeURIComponent('SVC:1:a/b+c')}`);
  assert.equal(stub.requests[0]?.headers['authorization'], undefined);
  assert.deepEqual(registry.get(1), { key: 1, token: 'renewed(SVC:1:a/b+c)', expiresEpochSec: NOW_S + 14400 });
  assert.equal(registry.get(2)?.token, 'SVC:2:later');
  assert.deepEqual(newTokens, ['renewed(SVC:1:a/b+c)']);
  assert.ok(
    logger.lines.every((l) => !l.includes('SVC:1:a/b+c') && !l.includes('renewed(')),
    logger.lines.join('\n'),
  );
});

test('a failed renewal deletes the token; 500/502/504 are retried first', async () => {
  let calls = 0;
  const stub = await appAuthStub((req, res) => {
    calls += 1;
    const expired = new URL(req.url, 'http://x').searchParams.get('expiredToken');
    if (expired === 'flaky' && calls < 3) return void res.writeHead(502).end();
    if (expired === 'flaky') return void res.end(JSON.stringify({ apiToken: 'steady', apiTokenExpires: String(NOW_S + 100000) }));
    if (expired === 'garbled') return void res.end('not json');
    res.writeHead(403).end();
  });
  const registry = new TokenRegistry();
  registry.register(1, 'flaky', NOW_S);
  registry.register(2, 'garbled', NOW_S);
  registry.register(3, 'refused', NOW_S);
  const logger = memoryLogger();
  const renewer = startTokenRenewer({ registry, apiPath: stub.url, verify: true, logger, intervalMs: 3_600_000, clock: { now: () => NOW_MS }, retryBaseMs: 1 });
  try {
    await renewer.renewDue();
  } finally {
    renewer.stop();
  }
  assert.deepEqual(registry.get(1), { key: 1, token: 'steady', expiresEpochSec: NOW_S + 100000 });
  assert.equal(registry.get(2), undefined);
  assert.equal(registry.get(3), undefined);
  assert.equal(logger.lines.filter((l) => l.startsWith('ERROR feature=token, event=renewal-failed')).length, 2);
});

test('an unreachable /appAuth deletes the due token', async () => {
  const stub = await appAuthStub((_req, res) => res.end());
  await stub.close();
  const registry = new TokenRegistry();
  registry.register(7, 'tok', NOW_S);
  const renewer = startTokenRenewer({ registry, apiPath: stub.url, verify: true, logger: memoryLogger(), intervalMs: 3_600_000, clock: { now: () => NOW_MS } });
  await renewer.renewDue();
  renewer.stop();
  assert.equal(registry.size, 0);
});
