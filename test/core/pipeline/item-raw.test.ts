/*
 * The raw output of each alert of a batch (app/core/pipeline/item-raw.ts): the whole body while
 * alerts × body stays within the shared budget, each alert's own JSON beyond it, and a bounded total
 * even when the items overlap.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { itemRawBudget, itemRawTaker, jsonFits, rawPerItem, SHARED_RAW_BUDGET } from '../../../app/core/pipeline/item-raw.js';

test('a single alert, or a batch within the budget, keeps the whole body; a larger batch goes per item', () => {
  assert.equal(rawPerItem(50 * 1024 * 1024, 1), false);
  assert.equal(rawPerItem(10 * 1024, 100), false);
  assert.equal(rawPerItem(SHARED_RAW_BUDGET / 4, 4), false);
  assert.equal(rawPerItem(SHARED_RAW_BUDGET / 4 + 1, 4), true);
  assert.equal(rawPerItem(100 * 1024, 100), true);
});

test('jsonFits: true exactly when the JSON text (escapes aside) is within the limit', () => {
  const values: unknown[] = ['abc', 12345, null, true, [], {}, [1, 'two', { three: [3] }], { a: { b: { c: 'dddd' } }, e: [null, false] }];
  for (const v of values) {
    const n = JSON.stringify(v).length;
    assert.equal(jsonFits(v, n + 8), true, JSON.stringify(v));
    assert.equal(jsonFits(v, Math.floor(n / 3)), false, JSON.stringify(v));
  }
});

test('jsonFits stops early: a huge value is refused after about `limit` steps', () => {
  const wide = Array.from({ length: 200_000 }, (_, i) => ({ i }));
  let visited = 0;
  const spy = new Proxy(wide, {
    get: (t, k) => {
      if (typeof k === 'string' && /^\d+$/.test(k)) visited++;
      return Reflect.get(t, k);
    },
  });
  assert.equal(jsonFits(spy, 1000), false);
  assert.ok(visited <= 1, `visited ${visited} elements`);
});

test('each item its own JSON, until overlapping items would pass the budget: then none', () => {
  const inner = { id: 'inner', text: 'y'.repeat(400_000) };
  const outer = { id: 'outer', nested: inner };
  const take = itemRawTaker(450_000);
  const budget = itemRawBudget(450_000);
  const raws = [outer, inner, outer, inner, outer, inner, outer, inner, { id: 'small' }].map(take);
  assert.equal(raws[0], JSON.stringify(outer));
  assert.equal(raws[1], JSON.stringify(inner));
  const written = raws.reduce((n, r) => n + (r?.length ?? 0), 0);
  assert.ok(written <= budget, `${written} > ${budget}`);
  assert.ok(raws.includes(null));
  assert.equal(raws.at(-1), null, 'once the budget is spent, later items get no raw output');
});
