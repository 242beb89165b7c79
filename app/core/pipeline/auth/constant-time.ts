/**
 * Constant-time comparison. Both sides are first brought to the same length (SHA-256 digests), so
 * `timingSafeEqual` never throws and the time taken reveals neither the content nor the length of
 * the expected value; the true lengths are compared afterwards, without branching early.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  const sameDigest = timingSafeEqual(ha, hb);
  const sameLength = Buffer.byteLength(a) === Buffer.byteLength(b);
  return sameDigest && sameLength;
}

/** True when `candidate` equals any expected value (secret rotation). Every value is checked: no early exit. */
export function safeEqualAny(candidate: string | Buffer, expected: ReadonlyArray<string | Buffer>): boolean {
  let match = false;
  for (const e of expected) match = safeEqual(candidate, e) || match;
  return match;
}

/** True when any candidate equals any expected value; all pairs are checked. */
export function safeEqualSome(candidates: ReadonlyArray<string | Buffer>, expected: ReadonlyArray<string | Buffer>): boolean {
  let match = false;
  for (const c of candidates) match = safeEqualAny(c, expected) || match;
  return match;
}
