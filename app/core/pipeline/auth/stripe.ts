/**
 * Stripe-style: `<header>: t=<seconds>,v1=<hex>[,v1=<hex>…]` (other schemes such as v0 ignored),
 * each v1 the HMAC-SHA256 of `${t}.${body}`. Any v1 matching any secret passes; then the timestamp
 * must be within tolerance.
 */
import { headerValue } from '../headers.js';
import { safeEqualSome } from './constant-time.js';
import { hmac, timestamped } from './hmac.js';
import { checkTimestamp, fail, type ModeVerifier } from './settings.js';

export function parseStripeHeader(value: string): { t: string | undefined; v1: string[] } {
  let t: string | undefined;
  const v1: string[] = [];
  for (const item of value.split(',')) {
    const i = item.indexOf('=');
    if (i < 0) continue;
    const key = item.slice(0, i).trim();
    const val = item.slice(i + 1).trim();
    if (key === 't' && t === undefined) t = val;
    else if (key === 'v1' && /^[0-9a-fA-F]{64}$/.test(val)) v1.push(val.toLowerCase());
  }
  return { t, v1 };
}

export const verifyStripe: ModeVerifier<'stripe'> = (req, s, now) => {
  const name = s.header.trim() || 'Stripe-Signature';
  const header = headerValue(req.headers, name);
  if (header === undefined) return fail('auth_missing', `header ${name} is missing`);
  const { t, v1 } = parseStripeHeader(header);
  if (t === undefined || !/^\d{1,12}$/.test(t)) return fail('auth_invalid', `${name} lacks a t=<seconds> timestamp`);
  if (v1.length === 0) return fail('auth_invalid', `${name} carries no v1 signature`);
  const expected = s.secrets.map((k) => hmac('sha256', k, timestamped(t, req.body)).toString('hex'));
  if (!safeEqualSome(v1, expected)) return fail('auth_invalid', 'no v1 signature matches the body');
  const ts = checkTimestamp(t, now, s.toleranceSeconds);
  return typeof ts === 'number' ? { ok: true, timestamp: ts } : ts;
};
