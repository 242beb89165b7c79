/**
 * handshake: subscription challenges answered without firing — AWS SNS SubscriptionConfirmation
 * (confirmed through the external HTTP session), Slack-style url_verification, Microsoft Graph
 * validationToken, Okta's verification challenge.
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

const json = (value: unknown): NameValue[] => (value === undefined ? [] : [{ name: 'Content-Type', value: 'application/json' }]);

export function detectHandshake(req: { method: string; headers: NameValue[]; queryParams: NameValue[] }, parsed: ParseResult): Handshake | null {
  const validationToken = req.queryParams.find((q) => q.name === 'validationToken')?.value;
  if (validationToken !== undefined) {
    return { kind: 'reply', statusCode: 200, headers: [{ name: 'Content-Type', value: 'text/plain' }], body: validationToken.slice(0, MAX_ECHO), detail: 'Microsoft Graph subscription validation' };
  }
  const okta = headerValue(req.headers, 'x-okta-verification-challenge');
  if (okta !== undefined) {
    return { kind: 'reply', statusCode: 200, headers: json({}), body: JSON.stringify({ verification: okta.slice(0, MAX_ECHO) }), detail: 'Okta event hook verification' };
  }
  if (!parsed.ok) return null;
  if (parsed.sns && parsed.sns.type === 'SubscriptionConfirmation' && parsed.sns.subscribeUrl) {
    return { kind: 'sns_subscription', subscribeUrl: parsed.sns.subscribeUrl, topicArn: parsed.sns.topicArn };
  }
  const body = parsed.body;
  if (body.kind === 'json' && body.value !== null && typeof body.value === 'object' && !Array.isArray(body.value)) {
    const v = body.value as Record<string, unknown>;
    if (v.type === 'url_verification' && typeof v.challenge === 'string') {
      return { kind: 'reply', statusCode: 200, headers: json({}), body: JSON.stringify({ challenge: v.challenge.slice(0, MAX_ECHO) }), detail: 'url_verification challenge' };
    }
  }
  return null;
}

/** Only AWS SNS endpoints over https: a SubscribeURL elsewhere is refused (no server-side request forgery). */
export function isTrustedSnsUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(u.hostname) && (u.port === '' || u.port === '443');
  } catch {
    return false;
  }
}

export async function confirmSnsSubscription(http: ExternalHttp, subscribeUrl: string, verifySsl: boolean): Promise<{ ok: true } | { ok: false; detail: string }> {
  if (!isTrustedSnsUrl(subscribeUrl)) return { ok: false, detail: 'the SubscribeURL is not an AWS SNS https endpoint' };
  try {
    const res = await http.request({ method: 'GET', url: subscribeUrl, timeoutMs: 10_000 }, { verifySsl });
    return res.status >= 200 && res.status < 300 ? { ok: true } : { ok: false, detail: `AWS answered ${res.status}` };
  } catch (err) {
    return { ok: false, detail: `confirmation request failed: ${err instanceof Error ? err.message.slice(0, 120) : 'error'}` };
  }
}
