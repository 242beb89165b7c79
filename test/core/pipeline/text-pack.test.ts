/*
 * The analysis worker's prepared texts as UTF-8 bytes in a few buffers (text-pack.ts): each text's
 * range holds exactly its UTF-8 bytes, whatever its characters and size; a shared text is stored once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHUNK_BYTES, TextPack, viewsOf } from '../../../app/core/pipeline/text-pack.js';

test('every text reads back as its UTF-8 bytes: ASCII, non-ASCII, empty, larger than a buffer, across buffers', () => {
  const texts = [
    '["a.example","b.example"]',
    '',
    '"héllo wörld — ✓ 𝄞"',
    'x'.repeat(CHUNK_BYTES - 40),
    // Does not fit in what is left of the first buffer: starts the next.
    'é'.repeat(30),
    'y'.repeat(CHUNK_BYTES + 5),
    // Fits in characters, not in bytes: moved whole to a buffer of its own.
    '✓'.repeat(CHUNK_BYTES - 10),
    'z',
  ];
  const pack = new TextPack();
  const indexes = texts.map((t) => pack.add(t));
  const packed = pack.finish();
  const views = viewsOf(packed);
  for (const [i, t] of texts.entries()) assert.ok(views[indexes[i]!]!.equals(Buffer.from(t, 'utf8')), `text ${i}`);
  assert.ok(packed.chunks.length >= 3);
});

test('a shared text is stored once; an unshared equal text is stored again', () => {
  const pack = new TextPack();
  const a = pack.add('[]', true);
  const b = pack.add('["Host","Host"]', true);
  assert.equal(pack.add('[]', true), a);
  assert.equal(pack.add('["Host","Host"]', true), b);
  assert.notEqual(pack.add('[]'), a);
  const { ranges } = pack.finish();
  assert.equal(ranges.length, 3);
});
