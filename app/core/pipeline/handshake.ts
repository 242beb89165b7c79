/**
 * handshake: subscription challenges answered without firing.
 * - Microsoft Graph: `validationToken` query parameter → 200 text/plain echo (before authentication:
 *   Graph's validation request carries no credential);
 * - Okta event hooks: `x-okta-verification-challenge` header → 200 `{"verification": …}` (before authentication);
 * - Slack-style `{"type":"url_verification","challenge":…}` → 200 `{"challenge": …}`;
 * - AWS SNS SubscriptionConfirmation → `sns_subscription` (the caller confirms it through the external
 *   HTTP session with confirmSnsSubscription; only https://sns.<region>.amazonaws.com(.cn) is ever fetched);
 *   an UnsubscribeConfirmation is acknowledged with 200 and fires nothing.
 * Echoed values longer than MAX_ECHO characters, or with control characters, are refused with 400
 * rather than truncated (a truncated echo would fail the sender's check anyway).
 */
import type { NameValue } from '../../protocol/messages.js';
import type { ExternalHttp } from '../ports.js';
import { headerValue } from './headers.js';
import type { ParseResult } from './parse.js';

export type Handshake =
  | { kind: 'sns_subscription'; subscribeUrl: string; topicArn: string }
  | { kind: 'reply'; statusCode: number; headers: NameValue[]; body: string; detail: string };

/** Longest challenge we echo back. */
export const MAX_ECHO = 1024;

const JSON_TYPE: NameValue[] = [{ name: 'Content-Type', value: 'application/json' }];
const TEXT_TYPE: NameValue[] = [{ name: 'Content-Type', value: 'text/plain; charset=utf-8' }];

function echoable(value: string): boolean {
  return value.length > 0 && value.length <= MAX_ECHO && !/[\u0000-\u001f\u007f]/.test(value);
}

function refuse(what: string): Handshake {
  return {
    kind: 'reply',
    statusCode: 400,
    headers: JSON_TYPE,
    body: JSON.stringify({
      status: 'rejected',
      reason: 'handshake_invalid',
      detail: `${what} is empty, longer than ${MAX_ECHO} characters or has control characters`,
    }),
    detail: `${what} refused`,
  };
}

/** Handshakes that need no body (Graph, Okta): the pipeline may call this before authentication. */
export function detectPreAuthHandshake(req: { headers: NameValue[]; queryParams: NameValue[] }): Handshake | null {
  const validationToken = req.queryParams.find((q) => q.name === 'validationToken')?.value;
  if (validationToken !== undefined) {
    if (!echoable(validationToken)) return refuse('Microsoft Graph validationToken');
    return { kind: 'reply', statusCode: 200, headers: TEXT_TYPE, body: validationToken, detail: 'Microsoft Graph subscription validation' };
  }
  const okta = headerValue(req.headers, 'x-okta-verification-challenge');
  if (okta !== undefined) {
    if (!echoable(okta)) return refuse('Okta verification challenge');
    return { kind: 'reply', statusCode: 200, headers: JSON_TYPE, body: JSON.stringify({ verification: okta }), detail: 'Okta event hook verification' };
  }
  return null;
}

export function detectHandshake(req: { method: string; headers: NameValue[]; queryParams: NameValue[] }, parsed: ParseResult): Handshake | null {
  const early = detectPreAuthHandshake(req);
  if (early) return early;
  if (!parsed.ok) return null;

  const snsHeader = headerValue(req.headers, 'x-amz-sns-message-type')?.trim();
  const sns = parsed.sns;
  if (sns && (snsHeader === undefined || snsHeader === sns.type)) {
    if (sns.type === 'SubscriptionConfirmation' && sns.subscribeUrl)
      return { kind: 'sns_subscription', subscribeUrl: sns.subscribeUrl, topicArn: sns.topicArn };
    if (sns.type === 'UnsubscribeConfirmation') {
      return {
        kind: 'reply',
        statusCode: 200,
        headers: JSON_TYPE,
        body: JSON.stringify({ status: 'acknowledged', reason: 'sns_unsubscribe_confirmation' }),
        detail: `AWS SNS unsubscribed from ${sns.topicArn.slice(0, 256)}`,
      };
    }
  }

  const body = parsed.body;
  if (body.kind === 'json' && body.value !== null && typeof body.value === 'object' && !Array.isArray(body.value)) {
    const v = body.value as Record<string, unknown>;
    if (v.type === 'url_verification' && typeof v.challenge === 'string') {
      if (!echoable(v.challenge)) return refuse('url_verification challenge');
      return { kind: 'reply', statusCode: 200, headers: JSON_TYPE, body: JSON.stringify({ challenge: v.challenge }), detail: 'url_verification challenge' };
    }
  }
  return null;
}

/** Only AWS SNS endpoints over https on the default port, without credentials: anything else is refused (no SSRF). */
export function isTrustedSnsUrl(url: string): boolean {
  if (typeof url !== 'string' || url.length > 4096) return false;
  try {
    const u = new URL(url);
    return (
      u.protocol === 'https:' &&
      u.username === '' &&
      u.password === '' &&
      (u.port === '' || u.port === '443') &&
      /^sns\.[a-z]{2}(?:-[a-z]+)+-\d{1,2}\.amazonaws\.com(?:\.cn)?$/.test(u.hostname)
    );
  } catch {
    return false;
  }
}

/** GET the SubscribeURL through the external HTTP session (proxy, Verify SSL). The URL (it carries a token) never appears in `detail`. */
export async function confirmSnsSubscription(
  http: ExternalHttp,
  subscribeUrl: string,
  verifySsl: boolean,
): Promise<{ ok: true } | { ok: false; detail: string }> {
  if (!isTrustedSnsUrl(subscribeUrl)) return { ok: false, detail: 'the SubscribeURL is not an AWS SNS https endpoint' };
  try {
    const res = await http.request({ method: 'GET', url: subscribeUrl, timeoutMs: 10_000 }, { verifySsl });
    return res.status >= 200 && res.status < 300 ? { ok: true } : { ok: false, detail: `AWS SNS answered HTTP ${res.status}` };
  } catch (err) {
    const message = err instanceof Error ? err.message.replace(/https?:\/\/\S+/g, '<url>').slice(0, 120) : 'error';
    return { ok: false, detail: `the confirmation request failed: ${message}` };
  }
}
