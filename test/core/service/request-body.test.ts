import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeStoredBody,
  encodeResponseBody,
  isStrictBase64,
  readStoredBody,
  responseBodyBytes,
  SLICE_BYTES,
} from '../../../app/core/service/request-body.js';

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

test('a large stored body is read in slices to the same bytes: padded, unpadded, with a newline; not base64 → raw', async () => {
  const n = SLICE_BYTES * 2 + 1000;
  const body = Buffer.alloc(n);
  for (let i = 0; i < n; i += 1) body[i] = (i * 7919) & 0xff;
  for (const size of [n, n - 1, n - 2]) {
    const part = body.subarray(0, size);
    const stored = Buffer.from(part.toString('base64'));
    assert.ok((await readStoredBody(stored))!.equals(part), `${size} bytes`);
    assert.ok((await readStoredBody(Buffer.concat([stored, Buffer.from('\r\n')])))!.equals(part), `${size} bytes and CRLF`);
  }
  const stored = Buffer.from(body.toString('base64'));
  for (const [at, byte] of [
    [stored.length - 10, 0x2d],
    [SLICE_BYTES + 3, 0x3d],
    [1, 0x0a],
  ] as const) {
    const bad = Buffer.from(stored);
    bad[at] = byte;
    assert.equal(await readStoredBody(bad), bad, `byte ${byte} at ${at}: taken as the raw body`);
  }
  const raw = Buffer.alloc(SLICE_BYTES + 1, 0x61);
  assert.equal(await readStoredBody(raw), raw, 'not a multiple of 4');
  assert.equal(await readStoredBody(null), null);
  assert.deepEqual(await readStoredBody(Buffer.from('QUI=')), Buffer.from('AB'));
});

test('a large response body is encoded in slices to the same text as encodeResponseBody', async () => {
  for (const n of [3 * 1024 * 1024 * 2 + 1, 3 * 1024 * 1024, 100]) {
    const body = Buffer.alloc(n);
    for (let i = 0; i < n; i += 1) body[i] = (i * 31) & 0xff;
    assert.equal((await responseBodyBytes(body)).toString(), encodeResponseBody(body), `${n} bytes`);
  }
  const text = `{"a":"é😀"}${'x'.repeat(3 * 1024 * 1024)}`;
  assert.equal((await responseBodyBytes(text)).toString(), encodeResponseBody(text));
});
