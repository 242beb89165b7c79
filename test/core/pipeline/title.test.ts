/* The title fallback: best-ranked name first at each depth, whatever the keys' length. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fallbackTitle, titleText } from '../../../app/core/pipeline/title.js';

test('a better-ranked name wins over an earlier weaker one at the same depth; shallower wins over deeper', () => {
  assert.equal(fallbackTitle({ message: 'a message', name: 'the name', title: 'the title' }), 'the title');
  assert.equal(fallbackTitle({ detail: { title: 'deep title' }, summary: 'shallow summary' }), 'shallow summary');
  assert.equal(fallbackTitle({ 'Alert-Name': 'by alert name', rule: 'a rule' }), 'by alert name');
  assert.equal(fallbackTitle({ 'event.title': 'dotted key' }), 'dotted key');
});

test('megabyte keys are no title names and cost one length check each', () => {
  const long = 't'.repeat(1_000_000);
  const item = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`${i}${long}`, 'x']));
  assert.equal(fallbackTitle({ ...item, name: 'found' }), 'found');
  assert.equal(fallbackTitle(item), undefined);
});

test('a title is the first line of a long text, capped', () => {
  assert.equal(titleText(`first line\n${'second '.repeat(100_000)}`), 'first line');
  assert.equal(titleText('x'.repeat(1000))!.length, 300);
});
