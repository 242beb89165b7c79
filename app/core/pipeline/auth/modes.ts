/**
 * One verifier per authentication mode. Each works on the raw body bytes, compares in constant time,
 * accepts any of the configured secrets (rotation), and never puts a secret or the received
 * signature into its `detail`.
 */
import type { NameValue } from '../../../protocol/messages.js';
import { headerValue } from '../headers.js';
import { safeEqual, safeEqualAny } from './constant-time.js';
import { hmac, timestamped } from './hmac.js';
import { checkTimestamp, fail, type AuthResult, type AuthSettings } from './settings.js';

type Req = { headers: NameValue[]; body: Buffer };
type Mode<M extends AuthSettings['mode']> = (req: Req, s: Extract<AuthSettings, { mode: M }>, nowSeconds: number) => AuthResult;

export const sharedSecret: Mode<'shared_secret'> = (req, s) => {
  const got = headerValue(req.headers, s.header);
  if (got === undefined) return fail('auth_missing', `header ${s.header} is missing`);
  return safeEqualAny(got.trim(), s.secrets) ? { ok: true } : fail('auth_invalid', `header ${s.header} does not carry a valid secret`);
};

function decodeSignature(text: string, encoding: 'hex' | 'base64'): Buffer | null {
  const t = text.trim();
  if (encoding === 'hex') return /^[0-9a-fA-F]+$/.test(t) && t.length % 2 === 0 ? Buffer.from(t, 'hex') : null;
  return /^[A-Za-z0-9+/_-]+={0,2}$/.test(t) ? Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64') : null;
}

export const hmacGeneric: Mode<'hmac'> = (req, s, now) => {
  const header = headerValue(req.headers, s.header);
  if (header === undefined) return fail('auth_missing', `signature header ${s.header} is missing`);
  let signed = req.body;
  let timestamp: number | undefined;
  if (s.timestampHeader) {
    const ts = checkTimestamp(headerValue(req.headers, s.timestampHeader), now, s.toleranceSeconds);
    if (typeof ts !== 'number') return ts;
    timestamp = ts;
    signed = timestamped(String(ts), req.body);
  }
  const text = s.prefix && header.trim().toLowerCase().startsWith(s.prefix.toLowerCase()) ? header.trim().slice(s.prefix.length) : header.trim();
  if (s.prefix && text === header.trim()) return fail('auth_invalid', `signature header ${s.header} lacks the prefix ${s.prefix}`);
  const got = decodeSignature(text, s.encoding);
  if (!got) return fail('auth_invalid', `signature header ${s.header} is not ${s.encoding}`);
  const ok = safeEqualAny(got, s.secrets.map((k) => hmac(s.algorithm, k, signed)));
  if (!ok) return fail('auth_invalid', 'the signature does not match the body');
  const messageId = s.messageIdHeader ? headerValue(req.headers, s.messageIdHeader) : undefined;
  return { ok: true, ...(messageId ? { messageId } : {}), ...(timestamp !== undefined ? { timestamp } : {}) };
};

export const github: Mode<'github'> = (req, s) => {
  const header = headerValue(req.headers, 'X-Hub-Signature-256');
  if (header === undefined) return fail('auth_missing', 'header X-Hub-Signature-256 is missing');
  const m = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!m) return fail('auth_invalid', 'X-Hub-Signature-256 is not sha256=<64 hex>');
  const got = Buffer.from(m[1]!, 'hex');
  if (!safeEqualAny(got, s.secrets.map((k) => hmac('sha256', k, req.body)))) return fail('auth_invalid', 'the signature does not match the body');
  const delivery = headerValue(req.headers, 'X-GitHub-Delivery');
  return { ok: true, ...(delivery ? { messageId: delivery } : {}) };
};

export const stripe: Mode<'stripe'> = (req, s, now) => {
  const header = headerValue(req.headers, s.header);
  if (header === undefined) return fail('auth_missing', `header ${s.header} is missing`);
  const parts = header.split(',').map((p) => p.trim().split('='));
  const t = parts.find(([k]) => k === 't')?.[1];
  const v1 = parts.filter(([k, v]) => k === 'v1' && v).map(([, v]) => v!);
  if (!t || v1.length === 0) return fail('auth_invalid', `${s.header} needs t=… and v1=…`);
  const ts = checkTimestamp(t, now, s.toleranceSeconds);
  if (typeof ts !== 'number') return ts;
  const expected = s.secrets.map((k) => hmac('sha256', k, timestamped(t, req.body)).toString('hex'));
  let ok = false;
  for (const candidate of v1) ok = safeEqualAny(candidate.toLowerCase(), expected) || ok;
  return ok ? { ok: true, timestamp: ts } : fail('auth_invalid', 'no v1 signature matches the body');
};

/** whsec_<base64> → key bytes; other secrets are used as UTF-8. */
export function standardWebhooksKey(secret: string): Buffer {
  return secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
}

export const standardWebhooks: Mode<'standard_webhooks'> = (req, s, now) => {
  const id = headerValue(req.headers, 'webhook-id');
  const tsRaw = headerValue(req.headers, 'webhook-timestamp');
  const sigs = headerValue(req.headers, 'webhook-signature');
  if (!id || !tsRaw || !sigs) return fail('auth_missing', 'webhook-id, webhook-timestamp and webhook-signature are required');
  const ts = checkTimestamp(tsRaw, now, s.toleranceSeconds);
  if (typeof ts !== 'number') return ts;
  const content = Buffer.concat([Buffer.from(`${id}.${tsRaw.trim()}.`, 'utf8'), req.body]);
  const expected = s.secrets.map((k) => hmac('sha256', standardWebhooksKey(k), content));
  let ok = false;
  for (const entry of sigs.trim().split(/\s+/)) {
    const [version, value] = entry.split(',', 2);
    if (version !== 'v1' || !value) continue;
    ok = safeEqualAny(Buffer.from(value, 'base64'), expected) || ok;
  }
  return ok ? { ok: true, messageId: id, timestamp: ts } : fail('auth_invalid', 'no v1 signature matches the body');
};

export const basic: Mode<'basic'> = (req, s) => {
  const header = headerValue(req.headers, 'Authorization');
  if (!header) return fail('auth_missing', 'the Authorization header is missing');
  const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  if (!m) return fail('auth_invalid', 'the Authorization header is not Basic credentials');
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return fail('auth_invalid', 'malformed Basic credentials');
  const userOk = safeEqual(decoded.slice(0, i), s.username);
  const passOk = safeEqualAny(decoded.slice(i + 1), s.secrets);
  return userOk && passOk ? { ok: true } : fail('auth_invalid', 'wrong user name or password');
};
