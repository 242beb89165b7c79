/**
 * Generic HMAC: header (optionally `prefix` in front, compared case-insensitively), sha1/sha256/sha512,
 * one or several signatures per header (any one matching passes; all are compared, in constant time),
 * hex (any case) or base64. With `timestampHeader` the signed bytes are `${timestamp}.${body}` and the
 * timestamp must be within tolerance; with `messageIdHeader` its value becomes the message id for replay checks.
 */
import { headerValue, headerValues } from '../headers.js';
import { safeEqualSome } from './constant-time.js';
import { decodeSignature, hmac, HMAC_ALGORITHMS, timestamped } from './hmac.js';
import { checkTimestamp, fail, type ModeVerifier } from './settings.js';

/** At most this many signatures are read from the signature headers. */
export const MAX_SIGNATURES = 16;

/**
 * The signatures a request carries: each header value may hold several, separated by commas (and by
 * white space unless the prefix itself has some), as PagerDuty sends `v1=…,v1=…` while a secret rotates.
 */
export function signatureEntries(values: readonly string[], prefix: string): string[] {
  const separator = /\s/.test(prefix) ? /,/ : /[,\s]+/;
  return values
    .flatMap((v) => v.split(separator))
    .map((e) => e.trim())
    .filter((e) => e !== '')
    .slice(0, MAX_SIGNATURES);
}

export const verifyHmac: ModeVerifier<'hmac'> = (req, s, now) => {
  if (!s.header.trim()) return fail('auth_misconfigured', 'HMAC authentication has no signature header name');
  if (!HMAC_ALGORITHMS.includes(s.algorithm)) return fail('auth_misconfigured', 'HMAC algorithm must be sha1, sha256 or sha512');
  if (s.encoding !== 'hex' && s.encoding !== 'base64') return fail('auth_misconfigured', 'HMAC encoding must be hex or base64');
  const values = headerValues(req.headers, s.header.trim());
  if (values.length === 0) return fail('auth_missing', `signature header ${s.header} is missing`);

  let signed = req.body;
  let tsRaw: string | undefined;
  if (s.timestampHeader) {
    tsRaw = headerValue(req.headers, s.timestampHeader)?.trim();
    if (tsRaw === undefined || tsRaw === '') return fail('auth_missing', `timestamp header ${s.timestampHeader} is missing`);
    signed = timestamped(tsRaw, req.body);
  }

  const prefix = s.prefix.toLowerCase();
  const received: Buffer[] = [];
  for (const v of signatureEntries(values, prefix)) {
    if (prefix && !v.toLowerCase().startsWith(prefix)) continue;
    const decoded = decodeSignature(v.slice(prefix.length), s.encoding);
    if (decoded) received.push(decoded);
  }
  if (received.length === 0) {
    return fail(
      'auth_invalid',
      prefix ? `signature header ${s.header} is not ${s.prefix}<${s.encoding}>` : `signature header ${s.header} is not ${s.encoding}`,
    );
  }
  const expected = s.secrets.map((k) => hmac(s.algorithm, k, signed));
  if (!safeEqualSome(received, expected)) return fail('auth_invalid', 'the signature does not match the body');

  let timestamp: number | undefined;
  if (tsRaw !== undefined) {
    const ts = checkTimestamp(tsRaw, now, s.toleranceSeconds);
    if (typeof ts !== 'number') return ts;
    timestamp = ts;
  }
  const messageId = s.messageIdHeader ? headerValue(req.headers, s.messageIdHeader)?.trim() : undefined;
  return { ok: true, ...(messageId ? { messageId } : {}), ...(timestamp !== undefined ? { timestamp } : {}) };
};
