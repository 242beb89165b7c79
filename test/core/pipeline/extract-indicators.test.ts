import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectStrings, extractIndicators, INDICATOR_TYPES, type ExtractOptions } from '../../../app/core/pipeline/indicators/extract-indicators.js';
import { refang } from '../../../app/core/pipeline/indicators/refang.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const corpus = JSON.parse(readFileSync(resolve(root, 'test/fixtures/indicators/corpus.json'), 'utf8')) as Array<{ text: string; expect: Array<[string, string]> }>;
const options: ExtractOptions = { types: INDICATOR_TYPES, refang: true, allowList: ['corp-allowed.com'], dropPrivate: true, maxIndicators: 100 };

for (const { text, expect } of corpus) {
  test(`corpus: ${text.slice(0, 70)}`, () => {
    const got = extractIndicators([text], options).map((i) => [i.type, i.value]);
    assert.deepEqual(got.sort(), [...expect].sort());
  });
}

test('refang handles the usual defanging forms', () => {
  assert.equal(refang('hxxp://a[.]b(.)c{.}d[dot]e (dot) f'), 'http://a.b.c.d.e.f');
  assert.equal(refang('x[@]y[at]z h[tt]ps://q'), 'x@y@z https://q');
});

test('types can be narrowed, refanging switched off, private addresses kept, and the count capped', () => {
  assert.deepEqual(extractIndicators(['8.8.8.8 evil.example'], { ...options, types: ['Host'] }), [{ type: 'Host', value: 'evil.example' }]);
  assert.deepEqual(extractIndicators(['evil[.]example'], { ...options, refang: false }), []);
  assert.deepEqual(extractIndicators(['10.1.2.3'], { ...options, dropPrivate: false }), [{ type: 'Address', value: '10.1.2.3' }]);
  assert.equal(extractIndicators(['1.1.1.1 1.0.0.1 8.8.4.4 8.8.8.8'], { ...options, maxIndicators: 2 }).length, 2);
});

test('collectStrings walks nested JSON within bounds', () => {
  assert.deepEqual(collectStrings({ a: ['x', { b: 'y', n: 1 }], c: null }, { maxStrings: 10, maxDepth: 5 }), ['x', 'y']);
  assert.deepEqual(collectStrings({ a: { b: { c: 'deep' } } }, { maxStrings: 10, maxDepth: 1 }), []);
});

test('adversarial input of a megabyte finishes (linear tokenising, no catastrophic backtracking)', () => {
  const hostile = ['a'.repeat(1_000_000), `${'a.'.repeat(200_000)}!`, `${'1.'.repeat(300_000)}`, `${'-a'.repeat(300_000)}.com`];
  for (const h of hostile) assert.ok(Array.isArray(extractIndicators([h], options)));
});
