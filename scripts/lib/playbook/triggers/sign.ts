/**
 * `--sign`: the headers a correctly configured sender adds for the trigger's authentication mode
 * (its resolved inputs), so an authenticated trigger can be played without hand-made signatures.
 */
import type { TriggerSettings } from '../../../../app/core/trigger/settings.js';
import { signRequest } from '../../../../app/core/pipeline/auth/sign.js';
import type { NameValue } from '../../../../app/protocol/messages.js';

export function signedHeaders(settings: TriggerSettings, body: Buffer, nowMs: number): NameValue[] {
  const a = settings.auth;
  if (a.mode === 'none') return [];
  const secret = a.secrets[0]!;
  const base = { mode: a.mode, secret, body, nowSeconds: nowMs / 1000, messageId: `offline-${nowMs}` };
  switch (a.mode) {
    case 'shared_secret':
    case 'stripe':
      return signRequest({ ...base, header: a.header });
    case 'hmac':
      return signRequest({
        ...base,
        header: a.header,
        algorithm: a.algorithm,
        encoding: a.encoding,
        prefix: a.prefix,
        ...(a.timestampHeader ? { timestampHeader: a.timestampHeader } : {}),
        ...(a.messageIdHeader ? { messageIdHeader: a.messageIdHeader } : {}),
      });
    case 'basic':
      return signRequest({ ...base, username: a.username });
    default:
      return signRequest(base);
  }
}
