/** The inverse of authenticate: the headers a sender would add. For tests, profiles and `npm run send`. */
import type { NameValue } from '../../../protocol/messages.js';
import { hmac, HMAC_ALGORITHMS, timestamped, type HmacAlgorithm } from './hmac.js';
import type { AuthSettings } from './settings.js';
import { signedContent, standardWebhooksKey } from './standard-webhooks.js';

export interface SignOptions {
  mode: AuthSettings['mode'];
  secret: string;
  body: Buffer;
  nowSeconds: number;
  messageId?: string;
  username?: string;
  header?: string;
  algorithm?: string;
  encoding?: string;
  prefix?: string;
  timestampHeader?: string;
  /** hmac mode: the header carrying `messageId` (default X-Message-Id). */
  messageIdHeader?: string;
}

/** The parts of SignOptions a trigger's authentication settings decide (header, username, HMAC form). */
export function signingOptionsOf(
  auth: AuthSettings,
): Pick<SignOptions, 'mode' | 'header' | 'username' | 'algorithm' | 'encoding' | 'prefix' | 'timestampHeader' | 'messageIdHeader'> {
  return {
    mode: auth.mode,
    ...('header' in auth ? { header: auth.header } : {}),
    ...('username' in auth ? { username: auth.username } : {}),
    ...(auth.mode === 'hmac'
      ? {
          algorithm: auth.algorithm,
          encoding: auth.encoding,
          prefix: auth.prefix,
          ...(auth.timestampHeader ? { timestampHeader: auth.timestampHeader } : {}),
          ...(auth.messageIdHeader ? { messageIdHeader: auth.messageIdHeader } : {}),
        }
      : {}),
  };
}

export function signRequest(o: SignOptions): NameValue[] {
  const ts = String(Math.floor(o.nowSeconds));
  switch (o.mode) {
    case 'none':
      return [];
    case 'shared_secret':
      return [{ name: o.header ?? 'X-Webhook-Secret', value: o.secret }];
    case 'hmac': {
      const algorithm: HmacAlgorithm = HMAC_ALGORITHMS.find((a) => a === o.algorithm) ?? 'sha256';
      const data = o.timestampHeader ? timestamped(ts, o.body) : o.body;
      const sig = hmac(algorithm, o.secret, data).toString(o.encoding === 'base64' ? 'base64' : 'hex');
      return [
        { name: o.header ?? 'X-Signature', value: `${o.prefix ?? ''}${sig}` },
        ...(o.timestampHeader ? [{ name: o.timestampHeader, value: ts }] : []),
        ...(o.messageId ? [{ name: o.messageIdHeader ?? 'X-Message-Id', value: o.messageId }] : []),
      ];
    }
    case 'github':
      return [
        { name: 'X-Hub-Signature-256', value: `sha256=${hmac('sha256', o.secret, o.body).toString('hex')}` },
        { name: 'X-GitHub-Delivery', value: o.messageId ?? `delivery-${ts}` },
      ];
    case 'stripe':
      return [{ name: o.header ?? 'Stripe-Signature', value: `t=${ts},v1=${hmac('sha256', o.secret, timestamped(ts, o.body)).toString('hex')}` }];
    case 'standard_webhooks': {
      const id = o.messageId ?? `msg_${ts}`;
      return [
        { name: 'webhook-id', value: id },
        { name: 'webhook-timestamp', value: ts },
        { name: 'webhook-signature', value: `v1,${hmac('sha256', standardWebhooksKey(o.secret), signedContent(id, ts, o.body)).toString('base64')}` },
      ];
    }
    case 'basic':
      return [{ name: 'Authorization', value: `Basic ${Buffer.from(`${o.username ?? 'alert-intake'}:${o.secret}`).toString('base64')}` }];
  }
}
