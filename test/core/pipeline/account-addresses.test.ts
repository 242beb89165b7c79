/*
 * accountAddresses, walked with four parallel arrays as its stack, finds exactly what the walk with
 * one object per value found (test/helpers/account-addresses-entries.ts), in the same order, on
 * generated items: account, recipient, sender and message-record keys, addresses and not, nested
 * past the depth bound and wide past the node budget.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accountAddresses } from '../../../app/core/pipeline/account-addresses.js';
import { accountAddresses as entriesWalk } from '../../helpers/account-addresses-entries.js';

const KEYS = [
  'user',
  'usr',
  'id',
  'recipient',
  'to',
  'sender',
  'from',
  'src_user',
  'subject',
  'Subject',
  'SUBJECT',
  'mailbox',
  'owner',
  'message',
  'a',
  'b',
  'toAddresses',
  'value',
];
const STRINGS = ['alice@corp.example', ' Bob@Corp.Example ', 'evil@bad.example', 'not an address', 'x@y', 'carol@corp.example', ''];

function itemOf(seed: number): unknown {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const build = (depth: number): unknown => {
    const r = next();
    if (depth > 14 || r < 0.35) return [null, 7, true, ...STRINGS][Math.floor(next() * (STRINGS.length + 3))];
    if (r < 0.55) return Array.from({ length: Math.floor(next() * 5) }, () => build(depth + 1));
    const o: Record<string, unknown> = {};
    for (let i = Math.floor(next() * 5); i > 0; i--) o[KEYS[Math.floor(next() * KEYS.length)]!] = build(depth + 1);
    return o;
  };
  return build(0);
}

test('the parallel-array walk finds what the walk with an object per value found, in the same order', () => {
  for (let seed = 1; seed <= 3000; seed++) {
    const item = itemOf(seed);
    assert.deepEqual([...accountAddresses(item)], [...entriesWalk(item)], `seed ${seed}`);
  }
});

test('…also where the node budget and the depth bound cut the walk', () => {
  const wide = { to: Array.from({ length: 25_000 }, (_, i) => `u${i}@corp.example`), user: 'first@corp.example' };
  assert.deepEqual([...accountAddresses(wide)], [...entriesWalk(wide)]);
  let deep: unknown = { user: 'deep@corp.example' };
  for (let i = 0; i < 20; i++) deep = { owner: [deep, { recipient: `r${i}@corp.example`, subject: 'x' }] };
  assert.deepEqual([...accountAddresses(deep)], [...entriesWalk(deep)]);
  const records = Array.from({ length: 3000 }, (_, i) => ({
    src_user: `s${i}@corp.example`,
    recipient: `r${i}@corp.example`,
    [i % 2 ? 'Subject' : 'subjects']: 'hi',
  }));
  assert.deepEqual([...accountAddresses(records)], [...entriesWalk(records)]);
});
