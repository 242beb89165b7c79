/*
 * safeJsonParse parses without a reviver (one sweep after parsing, only when the text could hold
 * a prototype-reaching key): keys spelt with escapes are dropped too, at any depth.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonShape, MAX_JSON_CONTAINERS, MAX_OBJECT_MEMBERS, parseJsonText, safeJsonParse } from '../../../app/core/pipeline/safe-json.js';

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

test('jsonShape: depth, the widest object and the containers from the text alone; commas and brackets in strings and arrays do not count', () => {
  assert.deepEqual(jsonShape('{"a":1,"b":[1,2,3,4],"c":{"d":[{"e":"x,y,z"}]}}', 64), { depth: 4, widestObject: 3, containers: 5 });
  assert.deepEqual(jsonShape('[1,2,3]', 64), { depth: 1, widestObject: 0, containers: 1 });
  assert.deepEqual(jsonShape('{"a":"[{[{","b":[[],{}]}', 64), { depth: 3, widestObject: 2, containers: 4 });
  assert.equal(jsonShape(`${'['.repeat(100)}${']'.repeat(100)}`, 10).depth, 11);
});

test('jsonShape: a string ends at a quote after an even run of backslashes, whatever it holds', () => {
  for (const value of ['[{', 'a\\', '\\"{[,', '\\\\', '"]}', '\\\\\\"[', ',,,', '']) {
    const text = JSON.stringify({ a: value, b: [value, { c: value }], d: 1 });
    assert.deepEqual(jsonShape(text, 64), { depth: 3, widestObject: 3, containers: 3 }, text);
  }
  // A string never closed: nothing after its quote counts.
  assert.deepEqual(jsonShape('{"a":1,"b":"[[[,,', 64), { depth: 1, widestObject: 2, containers: 1 });
  assert.deepEqual(jsonShape('{"a":1,"b":"x\\"[[[,,', 64), { depth: 1, widestObject: 2, containers: 1 });
});

test('an object of more members than the limit is refused before parsing, with the reason', () => {
  const wide = JSON.stringify(Object.fromEntries(Array.from({ length: MAX_OBJECT_MEMBERS + 1 }, (_, i) => [`k${i}`, i])));
  assert.deepEqual(parseJsonText(wide, 64), { ok: false, detail: `a JSON object has more than ${MAX_OBJECT_MEMBERS} members` });
  const atLimit = JSON.stringify(Object.fromEntries(Array.from({ length: MAX_OBJECT_MEMBERS }, (_, i) => [`k${i}`, i])));
  assert.equal(parseJsonText(atLimit, 64).ok, true);
  const longArray = JSON.stringify({ list: Array.from({ length: MAX_OBJECT_MEMBERS * 2 }, (_, i) => i) });
  assert.equal(parseJsonText(longArray, 64).ok, true);
});

test('a text of more objects and arrays than the limit is refused before parsing, with the reason; counting stops past it', () => {
  // The root object, its array and `containers - 2` empty arrays in it.
  const nested = (containers: number) => `{"title":"x","d":[${'[],'.repeat(containers - 3)}[]]}`;
  assert.equal(jsonShape(nested(MAX_JSON_CONTAINERS), 64).containers, MAX_JSON_CONTAINERS);
  assert.equal(parseJsonText(nested(MAX_JSON_CONTAINERS), 64).ok, true);
  assert.deepEqual(parseJsonText(nested(MAX_JSON_CONTAINERS + 1), 64), {
    ok: false,
    detail: `the JSON holds more than ${MAX_JSON_CONTAINERS} objects and arrays`,
  });
  const deep = `${'[['.repeat(30)}"x"${']]'.repeat(30)}`;
  const dense = `[${Array.from({ length: Math.ceil(MAX_JSON_CONTAINERS / 60) + 1 }, () => deep).join(',')}]`;
  assert.equal(jsonShape(dense, 64).containers, MAX_JSON_CONTAINERS + 1);
  assert.equal(parseJsonText(dense, 64).ok, false);
  // Brackets inside strings are text, not containers.
  const inStrings = JSON.stringify({ a: '['.repeat(MAX_JSON_CONTAINERS + 10) });
  assert.deepEqual(jsonShape(inStrings, 64), { depth: 1, widestObject: 0, containers: 1 });
});
