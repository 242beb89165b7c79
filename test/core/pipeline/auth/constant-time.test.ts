import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safeEqual, safeEqualAny, safeEqualSome } from '../../../../app/core/pipeline/auth/constant-time.js';

test('safeEqual compares content and length without throwing on different lengths', () => {
  assert.equal(safeEqual('secret', 'secret'), true);
  assert.equal(safeEqual('secret', 'secreT'), false);
  assert.equal(safeEqual('secret', 'secret-longer'), false);
  assert.equal(safeEqual('', ''), true);
  assert.equal(safeEqual(Buffer.from([1, 2, 3]), Buffer.from([1, 2, 3])), true);
  assert.equal(safeEqual(Buffer.from([1, 2, 3]), Buffer.from([1, 2])), false);
});

test('safeEqualAny / safeEqualSome accept any of the rotated secrets', () => {
  assert.equal(safeEqualAny('old', ['new', 'old']), true);
  assert.equal(safeEqualAny('other', ['new', 'old']), false);
  assert.equal(safeEqualAny('x', []), false);
  assert.equal(safeEqualSome(['a', 'b'], ['c', 'b']), true);
  assert.equal(safeEqualSome(['a'], ['c', 'b']), false);
});
