/**
 * Standard Webhooks (standardwebhooks.com): `webhook-id`, `webhook-timestamp`, `webhook-signature`
 * = space-separated `v1,<base64 HMAC-SHA256 of "${id}.${timestamp}.${body}">` (other versions such
 * as v1a ignored); secrets `whsec_<base64 key>`. The message id is `webhook-id`.
 */
import { headerValue } from '../headers.js';
import { safeEqualSome } from './constant-time.js';
import { hmac } from './hmac.js';
import { checkTimestamp, fail, type ModeVerifier } from './settings.js';

/** `whsec_<base64>` → the key bytes; a secret without the prefix is used as UTF-8 bytes. */
export function standardWebhooksKey(secret: string): Buffer {
  return secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
}

export function signedContent(id: string, timestamp: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${id}.${timestamp}.`, 'utf8'), body]);
}

export const verifyStandardWebhooks: ModeVerifier<'standard_webhooks'> = (req, s, now) => {
  const id = headerValue(req.headers, 'webhook-id')?.trim();
  const tsRaw = headerValue(req.headers, 'webhook-timestamp')?.trim();
  const sigs = headerValue(req.headers, 'webhook-signature');
  if (!id || !tsRaw || !sigs) return fail('auth_missing', 'webhook-id, webhook-timestamp and webhook-signature are all required');
  if (s.secrets.some((k) => standardWebhooksKey(k).length === 0)) return fail('auth_misconfigured', 'a whsec_ secret decodes to an empty key');
  const received: Buffer[] = [];
  for (const entry of sigs.trim().split(/\s+/).slice(0, 16)) {
    const comma = entry.indexOf(',');
    if (comma < 0 || entry.slice(0, comma) !== 'v1') continue;
    const value = entry.slice(comma + 1);
    if (/^[A-Za-z0-9+/]+={0,2}$/.test(value)) received.push(Buffer.from(value, 'base64'));
  }
  if (received.length === 0) return fail('auth_invalid', 'webhook-signature carries no v1 signature');
  const content = signedContent(id, tsRaw, req.body);
  if (
    !safeEqualSome(
      received,
      s.secrets.map((k) => hmac('sha256', standardWebhooksKey(k), content)),
    )
  ) {
    return fail('auth_invalid', 'no v1 signature matches the body');
  }
  const ts = checkTimestamp(tsRaw, now, s.toleranceSeconds);
  return typeof ts === 'number' ? { ok: true, messageId: id, timestamp: ts } : ts;
};
