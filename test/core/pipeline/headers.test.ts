import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headerValue, headerValues } from '../../../app/core/pipeline/headers.js';

test('header lookup is case-insensitive and keeps repeated names in order', () => {
  const headers = [
    { name: 'X-Trace', value: 'a' },
    { name: 'content-type', value: 'application/json' },
    { name: 'x-trace', value: 'b' },
  ];
  assert.deepEqual(headerValues(headers, 'x-TRACE'), ['a', 'b']);
  assert.equal(headerValue(headers, 'Content-Type'), 'application/json');
  assert.equal(headerValue(headers, 'X-Trace'), 'a');
  assert.equal(headerValue(headers, 'missing'), undefined);
  assert.deepEqual(headerValues([], 'x'), []);
});
