/** HMAC helpers shared by the signature modes (and by sign.ts, their inverse). */
import { createHmac } from 'node:crypto';

export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512';
export const HMAC_ALGORITHMS: readonly HmacAlgorithm[] = ['sha1', 'sha256', 'sha512'];

export function hmac(algorithm: HmacAlgorithm, key: string | Buffer, data: Buffer | string): Buffer {
  return createHmac(algorithm, key).update(data).digest();
}

/** The bytes a timestamped signature covers: `${timestamp}.${body}`. */
export function timestamped(timestamp: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), body]);
}

/** A received signature text → bytes: hex (any case) or base64 (standard or URL alphabet). null when malformed. */
export function decodeSignature(text: string, encoding: 'hex' | 'base64'): Buffer | null {
  const t = text.trim();
  if (t.length === 0 || t.length > 1024) return null;
  if (encoding === 'hex') return /^[0-9a-fA-F]+$/.test(t) && t.length % 2 === 0 ? Buffer.from(t, 'hex') : null;
  return /^[A-Za-z0-9+/_-]+={0,2}$/.test(t) ? Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64') : null;
}
