/*
 * safeJsonParse parses without a reviver (one sweep after parsing, only when the text could hold
 * a prototype-reaching key): keys spelt with escapes are dropped too, at any depth.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safeJsonParse } from '../../../app/core/pipeline/safe-json.js';

test('prototype-reaching keys written with \\u escapes are dropped at any depth', () => {
  const text = String.raw`{"\u005f_proto__":{"polluted":1},"\u0063onstructor":1,"a":[{"b":{"prototyp\u0065":2,"ok":3}}],"k\u0065y":"v"}`;
  const v = safeJsonParse(text) as Record<string, unknown>;
  assert.deepEqual(v, { a: [{ b: { ok: 3 } }], key: 'v' });
  assert.equal(Object.getPrototypeOf(v), Object.prototype);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('a text without such a key is returned as JSON.parse returns it; values named like them stay', () => {
  const text = '{"title":"constructor of __proto__ prototype","list":[1,{"x":null}]}';
  assert.deepEqual(safeJsonParse(text), JSON.parse(text));
});

test('the sweep is iterative: 100,000 nested arrays around an unsafe key', () => {
  const text = `${'['.repeat(100_000)}{"__proto__":1,"a":2}${']'.repeat(100_000)}`;
  let v = safeJsonParse(text);
  while (Array.isArray(v)) v = v[0];
  assert.deepEqual(v, { a: 2 });
});
