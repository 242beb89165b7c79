/**
 * Content-Encoding: gzip / x-gzip, deflate (zlib-wrapped or raw, both seen in the wild), br, identity;
 * a list (`gzip, deflate`) is undone right to left, at most 3 layers. The decompressed size is bounded
 * by zlib's own `maxOutputLength`, so a zip bomb stops at the limit instead of filling memory.
 */
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';

export type Decompressed = { ok: true; bytes: Buffer } | { ok: false; reason: 'body_too_large' | 'unsupported_encoding' | 'unparsable'; detail: string };

const tooLarge = (err: unknown) => (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError;

function undoOne(bytes: Buffer, enc: string, limit: number): Buffer | null {
  const opts = { maxOutputLength: limit };
  switch (enc) {
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(bytes, opts);
    case 'deflate':
      try {
        return inflateSync(bytes, opts);
      } catch (err) {
        if (tooLarge(err)) throw err;
        return inflateRawSync(bytes, opts);
      }
    case 'br':
      return brotliDecompressSync(bytes, opts);
    default:
      return null;
  }
}

export function decompress(body: Buffer, contentEncoding: string | undefined, limit: number): Decompressed {
  const layers = (contentEncoding ?? '')
    .toLowerCase()
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '' && e !== 'identity');
  if (layers.length === 0) return { ok: true, bytes: body };
  if (layers.length > 3) return { ok: false, reason: 'unsupported_encoding', detail: 'more than 3 content-encoding layers' };
  let bytes = body;
  for (const enc of layers.reverse()) {
    try {
      const out = undoOne(bytes, enc, limit);
      if (out === null)
        return { ok: false, reason: 'unsupported_encoding', detail: `content-encoding ${enc.slice(0, 40)} is not supported (gzip, deflate, br)` };
      bytes = out;
    } catch (err) {
      if (tooLarge(err)) return { ok: false, reason: 'body_too_large', detail: `the body decompresses to more than ${limit} bytes` };
      return { ok: false, reason: 'unparsable', detail: `the body is not valid ${enc} data` };
    }
  }
  return { ok: true, bytes };
}
