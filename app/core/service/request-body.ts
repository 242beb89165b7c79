/**
 * The stored request body → raw bytes (protocol §4.2). The platform stores base64 of the body;
 * ThreatConnect's own `tcex run` stores the raw body, so a value that is not strictly base64 is
 * taken as the raw bytes. One pass over the buffer, no regular expression, no copy of the text:
 * linear in the body and correct at any size. Never throws.
 */

/** 1 for the 64 base64 alphabet bytes (standard alphabet), 0 otherwise. */
const ALPHABET = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') ALPHABET[c.charCodeAt(0)] = 1;
const EQUALS = 0x3d;
const CR = 0x0d;
const LF = 0x0a;

/** Length of `bytes` without trailing CR/LF (some writers add a newline). */
function trimmedLength(bytes: Buffer): number {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === LF || bytes[end - 1] === CR)) end -= 1;
  return end;
}

/** True when bytes[0, end) is strict, padded base64: a multiple of 4, alphabet only, `=` only as 1–2 final pad bytes. */
export function isStrictBase64(bytes: Buffer, end = bytes.length): boolean {
  if (end === 0 || end % 4 !== 0) return false;
  let pad = 0;
  if (bytes[end - 1] === EQUALS) pad = bytes[end - 2] === EQUALS ? 2 : 1;
  const dataEnd = end - pad;
  for (let i = 0; i < dataEnd; i += 1) if (ALPHABET[bytes[i]!] !== 1) return false;
  return true;
}

export function decodeStoredBody(stored: Buffer | null): Buffer | null {
  if (stored === null) return null;
  const end = trimmedLength(stored);
  if (isStrictBase64(stored, end)) return Buffer.from(stored.subarray(0, end).toString('latin1'), 'base64');
  return stored;
}

/** The response body as the platform reads it: a JSON string of base64 (protocol §4.4, TX2). */
export function encodeResponseBody(body: string | Buffer): string {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return JSON.stringify(bytes.toString('base64'));
}
