/**
 * The stored request body → raw bytes (protocol §4.2). The platform stores base64 of the body;
 * ThreatConnect's own `tcex run` stores the raw body, so a value that is not strictly base64 is
 * taken as the raw bytes. Never throws.
 */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function decodeStoredBody(stored: Buffer | null): Buffer | null {
  if (stored === null) return null;
  // Trailing newlines are tolerated (some writers add one); anything else non-base64 means raw.
  const text = stored.toString('latin1').replace(/[\r\n]+$/, '');
  if (text.length > 0 && BASE64.test(text)) return Buffer.from(text, 'base64');
  return stored;
}

/** The response body as the platform reads it: a JSON string of base64 (protocol §4.4, TX2). */
export function encodeResponseBody(body: string | Buffer): string {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return JSON.stringify(bytes.toString('base64'));
}
