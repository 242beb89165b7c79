/**
 * The platform's encrypted params file (protocol §1.2): AES-CBC, zero IV, PKCS#7 padding,
 * key = the UTF-8 bytes of TC_APP_PARAM_KEY used directly; its length (16/24/32) picks AES-128/192/256.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';

function cipherName(key: Buffer): string {
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) {
    throw new Error(`params key must be 16, 24 or 32 bytes long, got ${key.length}`);
  }
  return `aes-${key.length * 8}-cbc`;
}

const ZERO_IV = Buffer.alloc(16, 0);

/** Decrypts the params file bytes; throws on a wrong key, bad padding or non-JSON plaintext. */
export function decryptParams(file: Buffer, keyText: string): Record<string, unknown> {
  const key = Buffer.from(keyText, 'utf8');
  const decipher = createDecipheriv(cipherName(key), key, ZERO_IV);
  const plain = Buffer.concat([decipher.update(file), decipher.final()]).toString('utf8');
  const parsed: unknown = JSON.parse(plain);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('params file does not hold a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/** Encrypts a params object the way the platform does (used by the simulator and the tests). */
export function encryptParams(params: Record<string, unknown>, keyText: string): Buffer {
  const key = Buffer.from(keyText, 'utf8');
  const cipher = createCipheriv(cipherName(key), key, ZERO_IV);
  return Buffer.concat([cipher.update(JSON.stringify(params), 'utf8'), cipher.final()]);
}

/** Encrypts raw bytes (test vectors). */
export function encryptBytes(plain: Buffer, keyText: string): Buffer {
  const key = Buffer.from(keyText, 'utf8');
  const cipher = createCipheriv(cipherName(key), key, ZERO_IV);
  return Buffer.concat([cipher.update(plain), cipher.final()]);
}
