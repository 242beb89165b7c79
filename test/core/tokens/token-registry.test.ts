import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenRegistry } from '../../../app/core/tokens/token-registry.js';

const NOW_MS = 1_700_000_000_000;
const NOW_S = NOW_MS / 1000;

test('register, get, tokenFor with the start-up token as fallback, unregister', () => {
  const r = new TokenRegistry();
  r.register(1, 'tok-1', NOW_S + 3600);
  assert.equal(r.get(1)?.token, 'tok-1');
  assert.equal(r.tokenFor(2), undefined);
  r.register('main', 'start-up', undefined);
  assert.equal(r.tokenFor(2), 'start-up');
  assert.equal(r.tokenFor(1), 'tok-1');
  r.unregister(1);
  assert.equal(r.get(1), undefined);
  r.register(3, '', NOW_S);
  assert.equal(r.get(3), undefined, 'an empty token is not registered');
});

test('due for renewal when 600 s or less are left; no expiry is never due', () => {
  const r = new TokenRegistry();
  r.register(1, 'a', NOW_S + 601);
  r.register(2, 'b', NOW_S + 600);
  r.register(3, 'c', NOW_S - 10);
  r.register(4, 'd', undefined);
  assert.deepEqual(
    r
      .dueForRenewal(NOW_MS)
      .map((e) => e.key)
      .sort(),
    [2, 3],
  );
  assert.deepEqual(
    r
      .dueForRenewal(NOW_MS + 1000)
      .map((e) => e.key)
      .sort(),
    [1, 2, 3],
  );
});

test('replace and drop apply only while the old token is still registered', () => {
  const r = new TokenRegistry();
  r.register(1, 'old', NOW_S);
  assert.equal(r.replace(1, 'old', 'new', NOW_S + 7200), true);
  assert.deepEqual(r.get(1), { key: 1, token: 'new', expiresEpochSec: NOW_S + 7200 });
  assert.equal(r.replace(1, 'old', 'newer', NOW_S), false, 'stale renewal ignored');
  assert.equal(r.dropIfUnchanged(1, 'old'), false);
  assert.equal(r.get(1)?.token, 'new');
  assert.equal(r.dropIfUnchanged(1, 'new'), true);
  assert.equal(r.replace(1, 'new', 'x', NOW_S), false, 'no resurrection after DeleteConfig');
  assert.equal(r.size, 0);
});
