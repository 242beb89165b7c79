import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryKv } from '../../../app/adapters/kv/memory.js';
import { kvStoreContract } from './kv-store.contract.js';

function fakeClock() {
  let now = Date.parse('2026-01-01T00:00:00Z');
  return { clock: { now: () => now }, advance: (ms: number) => void (now += ms) };
}

describe('in-memory store', () => {
  const { clock, advance } = fakeClock();
  const store = createMemoryKv({ clock });
  kvStoreContract('memory', () => ({ store, advance: async (ms) => advance(ms) }));
});

test('memory: dump shows live keys with remaining TTL, binary-safe storage underneath', async () => {
  const { clock, advance } = fakeClock();
  const store = createMemoryKv({ clock });
  await store.hset('s1', '#Trigger:1:x!String', '"v"');
  await store.hset('s1', '__proto__', 'p');
  await store.setIfAbsent('claim', '1', 10);
  await store.incrementWithTtl('count', 60);
  advance(4000);
  const dump = store.dump();
  assert.deepEqual(Object.keys(dump).sort(), ['claim', 'count', 's1']);
  assert.deepEqual(dump['s1'], { type: 'hash', value: JSON.parse('{"#Trigger:1:x!String":"\\"v\\"","__proto__":"p"}') });
  assert.deepEqual(dump['claim'], { type: 'string', value: '1', ttlMs: 6000 });
  assert.deepEqual(dump['count'], { type: 'string', value: '1', ttlMs: 56000 });
  advance(6000);
  assert.equal(store.dump()['claim'], undefined, 'expired keys leave the dump');
});

test('memory: size counts live keys only; expired keys nobody reads again are dropped', async () => {
  const { clock, advance } = fakeClock();
  const store = createMemoryKv({ clock });
  for (let i = 0; i < 1500; i++) await store.setIfAbsent(`dedupe:${i}`, '1', 1);
  assert.equal(store.size, 1500);
  advance(2000);
  for (let i = 0; i < 1000; i++) await store.hset(`session:${i}`, 'f', 'v');
  assert.equal(store.size, 1000);
});

test('memory: values are copies, callers cannot mutate stored bytes', async () => {
  const store = createMemoryKv();
  const body = Buffer.from('abc');
  await store.hset('k', 'request.body', body);
  body[0] = 0x7a;
  const read = await store.hgetBuffer('k', 'request.body');
  assert.equal(read?.toString(), 'abc');
  read![1] = 0x7a;
  assert.equal(await store.hget('k', 'request.body'), 'abc');
});
