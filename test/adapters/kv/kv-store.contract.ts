/** One suite for the KvStore port, run against every implementation. */
import { test as nodeTest, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import type { KvStore } from '../../../app/core/ports.js';
import { eventually } from '../../helpers/eventually.js';

export interface ContractSubject {
  store: KvStore;
  /** Moves time forward for TTL checks (a fake clock), or waits for real. */
  advance(ms: number): Promise<void>;
}

export function kvStoreContract(name: string, subject: () => ContractSubject): void {
  // Unique keys, deleted after each test: a shared redis-server keeps no litter from the suite.
  let t: TestContext;
  const key = (label: string) => {
    const k = `contract:${name}:${label}:${randomUUID()}`;
    const { store } = subject();
    t.after(() => store.del(k));
    return k;
  };
  const test = (title: string, body: () => Promise<void>) =>
    nodeTest(title, async (context) => {
      t = context;
      await body();
    });

  test(`${name}: hset / hget / hgetall / hgetBuffer`, async () => {
    const { store } = subject();
    const k = key('hash');
    const field = '#Trigger:1:alert_intake.results.alert.id!String';
    assert.equal(await store.hget(k, field), null);
    assert.deepEqual(await store.hgetall(k), {});
    await store.hset(k, field, '"a-1"');
    await store.hset(k, 'request.body', 'aGVsbG8=');
    assert.equal(await store.hget(k, field), '"a-1"');
    assert.deepEqual(await store.hgetall(k), { [field]: '"a-1"', 'request.body': 'aGVsbG8=' });
    await store.hset(k, field, '"ünïcode ✓"');
    assert.equal(await store.hget(k, field), '"ünïcode ✓"');
  });

  test(`${name}: hsetAll writes several fields at once`, async () => {
    const { store } = subject();
    const k = key('hsetall');
    await store.hsetAll(k, { '#Trigger:1:a!String': '"x"', '#Trigger:1:b!StringArray': '["y"]' });
    assert.deepEqual(await store.hgetall(k), { '#Trigger:1:a!String': '"x"', '#Trigger:1:b!StringArray': '["y"]' });
    await store.hsetAll(k, {});
    const empty = key('hsetall-empty');
    await store.hsetAll(empty, {});
    assert.equal(await store.setIfAbsent(empty, 'free', 60), true, 'an empty hsetAll creates no key');
    const special = key('hsetall-proto');
    await store.hsetAll(special, JSON.parse('{"__proto__":"p","f":"v"}') as Record<string, string>);
    assert.equal(await store.hget(special, '__proto__'), 'p');
    assert.equal(await store.hget(special, 'f'), 'v');
    const pairs = key('hsetall-pairs');
    await store.hsetAll(pairs, [
      ['#Trigger:1:a!String', '"x"'],
      ['__proto__', 'p'],
    ]);
    assert.deepEqual(Object.entries(await store.hgetall(pairs)).sort(), [
      ['#Trigger:1:a!String', '"x"'],
      ['__proto__', 'p'],
    ]);
    await store.hsetAll(key('hsetall-no-pairs'), []);
    assert.equal(await store.setIfAbsent(key('hsetall-no-pairs'), 'free', 60), true, 'no pairs create no key');
  });

  test(`${name}: binary values survive byte for byte`, async () => {
    const { store } = subject();
    const k = key('binary');
    const bytes = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x0d, 0x0a, 0x24]);
    await store.hset(k, 'request.body', bytes);
    assert.deepEqual(await store.hgetBuffer(k, 'request.body'), bytes);
    assert.equal(await store.hgetBuffer(k, 'missing'), null);
  });

  test(`${name}: a 1 MiB binary value and an empty value survive`, async () => {
    const { store } = subject();
    const k = key('large');
    const big = randomBytes(1024 * 1024);
    await store.hset(k, 'request.body', big);
    await store.hset(k, 'empty', '');
    assert.ok((await store.hgetBuffer(k, 'request.body'))?.equals(big));
    assert.equal(await store.hget(k, 'empty'), '');
  });

  test(`${name}: field names like __proto__ are ordinary fields`, async () => {
    const { store } = subject();
    const k = key('proto');
    await store.hset(k, '__proto__', 'p');
    await store.hset(k, 'constructor', 'c');
    const all = await store.hgetall(k);
    assert.equal(Object.getPrototypeOf(all), Object.prototype);
    assert.deepEqual(Object.entries(all).sort(), [
      ['__proto__', 'p'],
      ['constructor', 'c'],
    ]);
    assert.equal(await store.hget(k, '__proto__'), 'p');
  });

  test(`${name}: a type clash rejects instead of crashing`, async () => {
    const { store } = subject();
    const k = key('clash');
    assert.equal(await store.setIfAbsent(k, 'claimed', 60), true);
    await assert.rejects(store.hset(k, 'f', 'v'), /WRONGTYPE/);
    await assert.rejects(store.hget(k, 'f'), /WRONGTYPE/);
    await store.del(k);
    await store.hset(k, 'f', 'v');
    await assert.rejects(store.incrementWithTtl(k, 60), /WRONGTYPE/);
    assert.equal(await store.hget(k, 'f'), 'v');
  });

  test(`${name}: setIfAbsent claims once and expires`, async () => {
    const s = subject();
    const k = key('claim');
    assert.equal(await s.store.setIfAbsent(k, '1', 1), true);
    assert.equal(await s.store.setIfAbsent(k, '1', 1), false);
    await s.advance(1100);
    await eventually(async () => s.store.setIfAbsent(k, '2', 60));
  });

  test(`${name}: incrementWithTtl counts and the window resets`, async () => {
    const s = subject();
    const k = key('counter');
    assert.equal(await s.store.incrementWithTtl(k, 1), 1);
    assert.equal(await s.store.incrementWithTtl(k, 1), 2);
    assert.equal(await s.store.incrementWithTtl(k, 1), 3);
    assert.equal(await s.store.incrementWithTtl(k, 1, 100), 103);
    await s.advance(1100);
    await eventually(async () => (await s.store.incrementWithTtl(k, 60)) === 1);
  });

  test(`${name}: del and ping`, async () => {
    const { store } = subject();
    const k = key('del');
    await store.hset(k, 'f', 'v');
    await store.del(k);
    assert.deepEqual(await store.hgetall(k), {});
    await store.ping();
  });

  test(`${name}: many keys concurrently`, async () => {
    const { store } = subject();
    const keys = Array.from({ length: 200 }, (_, i) => key(`many-${i}`));
    await Promise.all(keys.map((k, i) => store.hset(k, 'n', String(i))));
    const values = await Promise.all(keys.map((k) => store.hget(k, 'n')));
    assert.deepEqual(
      values,
      keys.map((_, i) => String(i)),
    );
  });
}
