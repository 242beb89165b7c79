import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeStoredBody, isStrictBase64 } from '../../../app/core/service/request-body.js';

test('stored base64 is decoded; raw bodies, bad padding and stray bytes are taken as raw', () => {
  const raw = Buffer.from('{"title":"hello"}');
  assert.deepEqual(decodeStoredBody(Buffer.from(raw.toString('base64'))), raw);
  assert.deepEqual(decodeStoredBody(Buffer.from(`${raw.toString('base64')}\r\n`)), raw);
  for (const text of ['{"a":1}', 'QQ=', 'QQ===', 'Q===', '=QQQ', 'QQ=Q', 'QUJD\nQUJD', 'QUJD QUJD', '']) {
    assert.deepEqual(decodeStoredBody(Buffer.from(text)), Buffer.from(text), JSON.stringify(text));
  }
  assert.deepEqual(decodeStoredBody(Buffer.from('QQ==')), Buffer.from('A'));
  assert.deepEqual(decodeStoredBody(Buffer.from('QUI=')), Buffer.from('AB'));
  assert.equal(decodeStoredBody(null), null);
  assert.equal(isStrictBase64(Buffer.from([0x51, 0x51, 0x51, 0xff])), false);
});

test('the largest allowed body (64 MiB) round-trips through base64 without a stack overflow', () => {
  const body = Buffer.alloc(64 * 1024 * 1024, 0x61);
  body[body.length - 1] = 0x7d;
  const decoded = decodeStoredBody(Buffer.from(body.toString('base64')));
  assert.ok(decoded);
  assert.equal(decoded.length, body.length);
  assert.ok(decoded.equals(body));
});
