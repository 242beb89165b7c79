/** Constant-time comparison: lengths are equalised by hashing, so timing reveals nothing. */
import { createHash, timingSafeEqual } from 'node:crypto';

export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb) && Buffer.byteLength(a) === Buffer.byteLength(b);
}

/** True when `candidate` equals any of the expected values (secret rotation), checking all of them. */
export function safeEqualAny(candidate: string | Buffer, expected: ReadonlyArray<string | Buffer>): boolean {
  let match = false;
  for (const e of expected) match = safeEqual(candidate, e) || match;
  return match;
}
