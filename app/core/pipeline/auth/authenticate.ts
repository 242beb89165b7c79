/** authenticate: the request's raw bytes against the trigger's auth settings. Never throws. */
import type { NameValue } from '../../../protocol/messages.js';
import { basic, github, hmacGeneric, sharedSecret, standardWebhooks, stripe } from './modes.js';
import { fail, type AuthResult, type AuthSettings } from './settings.js';

export type { AuthResult, AuthSettings } from './settings.js';

export function authenticate(req: { headers: NameValue[]; body: Buffer }, settings: AuthSettings, nowSeconds: number): AuthResult {
  if (settings.mode === 'none') return { ok: true };
  if (settings.secrets.filter((s) => s !== '').length === 0) return fail('auth_misconfigured', `authentication ${settings.mode} has no secret configured`);
  const s = { ...settings, secrets: settings.secrets.filter((x) => x !== '') } as AuthSettings;
  switch (s.mode) {
    case 'shared_secret':
      return sharedSecret(req, s, nowSeconds);
    case 'hmac':
      return hmacGeneric(req, s, nowSeconds);
    case 'github':
      return github(req, s, nowSeconds);
    case 'stripe':
      return stripe(req, s, nowSeconds);
    case 'standard_webhooks':
      return standardWebhooks(req, s, nowSeconds);
    case 'basic':
      return basic(req, s, nowSeconds);
    default:
      return fail('auth_misconfigured', 'unknown authentication mode');
  }
}
