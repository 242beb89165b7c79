/** HMAC helpers shared by the signature modes (and by sign.ts, their inverse). */
import { createHmac } from 'node:crypto';

export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512';

export function hmac(algorithm: HmacAlgorithm, key: string | Buffer, data: Buffer | string): Buffer {
  return createHmac(algorithm, key).update(data).digest();
}

/** The bytes a timestamped signature covers: `${timestamp}.${body}`. */
export function timestamped(timestamp: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), body]);
}
