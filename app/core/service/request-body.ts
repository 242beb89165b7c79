/**
 * The stored request body → raw bytes (protocol §4.2). The platform stores base64 of the body;
 * ThreatConnect's own `tcex run` stores the raw body, so a value that is not strictly base64 is
 * taken as the raw bytes. One pass over the buffer, no regular expression, no copy of the text:
 * linear in the body and correct at any size. Never throws.
 *
 * The service reads bodies with `readStoredBody`: from SLICE_BYTES up, the check and the decoding
 * go a slice at a time with the event loop let through in between, so a body of the largest
 * allowed size (64 MiB: 88 MiB of base64) never holds a Heartbeat up for more than a few ms.
 */

/** 1 for the 64 base64 alphabet bytes (standard alphabet), 0 otherwise. */
const ALPHABET = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') ALPHABET[c.charCodeAt(0)] = 1;
const EQUALS = 0x3d;
const CR = 0x0d;
const LF = 0x0a;
/** Stored bytes checked or decoded per turn of the event loop (a multiple of 4: whole base64 quads). */
export const SLICE_BYTES = 4 * 1024 * 1024;

/** Length of `bytes` without trailing CR/LF (some writers add a newline). */
function trimmedLength(bytes: Buffer): number {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === LF || bytes[end - 1] === CR)) end -= 1;
  return end;
}

/** The end of the base64 data proper (before 1–2 `=` pad bytes), or -1 when bytes[0, end) cannot be padded base64. */
function dataEndOf(bytes: Buffer, end: number): number {
  if (end === 0 || end % 4 !== 0) return -1;
  let pad = 0;
  if (bytes[end - 1] === EQUALS) pad = bytes[end - 2] === EQUALS ? 2 : 1;
  return end - pad;
}

/** True when every byte of bytes[from, to) is of the base64 alphabet. */
function alphabetOnly(bytes: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i += 1) if (ALPHABET[bytes[i]!] !== 1) return false;
  return true;
}

/** True when bytes[0, end) is strict, padded base64: a multiple of 4, alphabet only, `=` only as 1–2 final pad bytes. */
export function isStrictBase64(bytes: Buffer, end = bytes.length): boolean {
  const dataEnd = dataEndOf(bytes, end);
  return dataEnd >= 0 && alphabetOnly(bytes, 0, dataEnd);
}

export function decodeStoredBody(stored: Buffer | null): Buffer | null {
  if (stored === null) return null;
  const end = trimmedLength(stored);
  if (isStrictBase64(stored, end)) return Buffer.from(stored.subarray(0, end).toString('latin1'), 'base64');
  return stored;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * `decodeStoredBody` for the service: the same bytes, but a stored value of SLICE_BYTES or more is
 * checked and decoded a slice at a time, yielding to the event loop between slices. Never rejects.
 */
export async function readStoredBody(stored: Buffer | null): Promise<Buffer | null> {
  if (stored === null || stored.length < SLICE_BYTES) return decodeStoredBody(stored);
  const end = trimmedLength(stored);
  const dataEnd = dataEndOf(stored, end);
  if (dataEnd < 0) return stored;
  for (let from = 0; from < dataEnd; from += SLICE_BYTES) {
    if (!alphabetOnly(stored, from, Math.min(dataEnd, from + SLICE_BYTES))) return stored;
    await nextTurn();
  }
  const out = Buffer.allocUnsafe((end / 4) * 3 - (end - dataEnd));
  let written = 0;
  for (let from = 0; from < end; from += SLICE_BYTES) {
    written += out.write(stored.toString('latin1', from, Math.min(end, from + SLICE_BYTES)), written, 'base64');
    await nextTurn();
  }
  return out.subarray(0, written);
}

/** The response body as the platform reads it: a JSON string of base64 (protocol §4.4, TX2). */
export function encodeResponseBody(body: string | Buffer): string {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return JSON.stringify(bytes.toString('base64'));
}

/** Body bytes encoded per turn of the event loop (a multiple of 3: whole base64 quads). */
const ENCODE_SLICE_BYTES = 3 * 1024 * 1024;

/**
 * `encodeResponseBody` for the service, as bytes: the same text (base64 needs no JSON escape), but a
 * body of ENCODE_SLICE_BYTES or more (a WebhookMarshallEvent echoing a large stored body) is encoded
 * a slice at a time, yielding to the event loop between slices.
 */
export async function responseBodyBytes(body: string | Buffer): Promise<string | Buffer> {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  if (bytes.length < ENCODE_SLICE_BYTES) return encodeResponseBody(bytes);
  const out = Buffer.allocUnsafe(2 + Math.ceil(bytes.length / 3) * 4);
  out[0] = 0x22;
  let at = 1;
  for (let from = 0; from < bytes.length; from += ENCODE_SLICE_BYTES) {
    at += out.write(bytes.toString('base64', from, Math.min(bytes.length, from + ENCODE_SLICE_BYTES)), at, 'latin1');
    await nextTurn();
  }
  out[at] = 0x22;
  return out.subarray(0, at + 1);
}
