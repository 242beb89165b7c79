/**
 * Shared-secret header: the header's value must equal one of the secrets. For an `Authorization`
 * header a `Bearer ` scheme word is accepted in front of the secret. Repeated headers: any may match.
 */
import { headerValues } from '../headers.js';
import { safeEqualSome } from './constant-time.js';
import { fail, type ModeVerifier } from './settings.js';

export const verifySharedSecret: ModeVerifier<'shared_secret'> = (req, s) => {
  if (!s.header.trim()) return fail('auth_misconfigured', 'shared-secret authentication has no header name');
  const values = headerValues(req.headers, s.header.trim());
  if (values.length === 0) return fail('auth_missing', `header ${s.header} is missing`);
  const bearer = s.header.trim().toLowerCase() === 'authorization';
  const candidates = values.map((v) => (bearer ? v.trim().replace(/^Bearer\s+/i, '') : v.trim()));
  return safeEqualSome(candidates, s.secrets) ? { ok: true } : fail('auth_invalid', `header ${s.header} does not carry a valid secret`);
};
