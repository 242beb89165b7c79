/**
 * HTTP Basic: `Authorization: Basic base64(user:password)`. The user name and the password are both
 * compared in constant time, and both always, so timing does not tell which one was wrong.
 */
import { headerValue } from '../headers.js';
import { safeEqual, safeEqualAny } from './constant-time.js';
import { fail, type ModeVerifier } from './settings.js';

export const verifyBasic: ModeVerifier<'basic'> = (req, s) => {
  const header = headerValue(req.headers, 'Authorization');
  if (header === undefined || header.trim() === '') return fail('auth_missing', 'the Authorization header is missing');
  const m = /^Basic\s+([A-Za-z0-9+/]+={0,2})$/i.exec(header.trim());
  if (!m) return fail('auth_invalid', 'the Authorization header is not Basic credentials');
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return fail('auth_invalid', 'the Basic credentials lack the user:password colon');
  const userOk = safeEqual(decoded.slice(0, colon), s.username);
  const passOk = safeEqualAny(decoded.slice(colon + 1), s.secrets);
  return userOk && passOk ? { ok: true } : fail('auth_invalid', 'wrong user name or password');
};
