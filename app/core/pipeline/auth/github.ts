/**
 * GitHub preset: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`; the message id is
 * `X-GitHub-Delivery` (GitHub signs no timestamp, so replay protection rests on that id).
 * The legacy SHA-1 `X-Hub-Signature` is deliberately not accepted.
 */
import { headerValue, headerValues } from '../headers.js';
import { safeEqualSome } from './constant-time.js';
import { hmac } from './hmac.js';
import { fail, type ModeVerifier } from './settings.js';

export const verifyGithub: ModeVerifier<'github'> = (req, s) => {
  const values = headerValues(req.headers, 'X-Hub-Signature-256');
  if (values.length === 0) return fail('auth_missing', 'header X-Hub-Signature-256 is missing');
  const received = values.flatMap((v) => {
    const m = /^sha256=([0-9a-fA-F]{64})$/.exec(v.trim());
    return m ? [Buffer.from(m[1]!, 'hex')] : [];
  });
  if (received.length === 0) return fail('auth_invalid', 'X-Hub-Signature-256 is not sha256=<64 hex digits>');
  if (
    !safeEqualSome(
      received,
      s.secrets.map((k) => hmac('sha256', k, req.body)),
    )
  )
    return fail('auth_invalid', 'the signature does not match the body');
  const delivery = headerValue(req.headers, 'X-GitHub-Delivery')?.trim();
  return { ok: true, ...(delivery ? { messageId: delivery } : {}) };
};
