/**
 * authenticate: the request's raw bytes against the trigger's auth settings. Pure, never throws.
 * One verifier per mode (one file each); secrets are tried all (rotation), compared in constant time,
 * and never appear in a `detail`, nor does the received signature.
 */
import type { NameValue } from '../../../protocol/messages.js';
import { verifyBasic } from './basic.js';
import { verifyGithub } from './github.js';
import { verifyHmac } from './hmac-generic.js';
import { fail, type AuthResult, type AuthSettings } from './settings.js';
import { verifySharedSecret } from './shared-secret.js';
import { verifyStandardWebhooks } from './standard-webhooks.js';
import { verifyStripe } from './stripe.js';

export type { AuthFailure, AuthResult, AuthSettings } from './settings.js';
export { DEFAULT_TOLERANCE_SECONDS } from './settings.js';

export function authenticate(req: { headers: NameValue[]; body: Buffer }, settings: AuthSettings, nowSeconds: number): AuthResult {
  if (settings.mode === 'none') return { ok: true };
  const secrets = Array.isArray(settings.secrets) ? settings.secrets.filter((x) => typeof x === 'string' && x !== '') : [];
  if (secrets.length === 0) return fail('auth_misconfigured', `authentication ${settings.mode} has no secret configured`);
  try {
    switch (settings.mode) {
      case 'shared_secret':
        return verifySharedSecret(req, { ...settings, secrets }, nowSeconds);
      case 'hmac':
        return verifyHmac(req, { ...settings, secrets }, nowSeconds);
      case 'github':
        return verifyGithub(req, { ...settings, secrets }, nowSeconds);
      case 'stripe':
        return verifyStripe(req, { ...settings, secrets }, nowSeconds);
      case 'standard_webhooks':
        return verifyStandardWebhooks(req, { ...settings, secrets }, nowSeconds);
      case 'basic':
        return verifyBasic(req, { ...settings, secrets }, nowSeconds);
      default:
        return fail('auth_misconfigured', 'unknown authentication mode');
    }
  } catch {
    // Defensive: a verifier bug must not turn into a crash or leak an exception text.
    return fail('auth_misconfigured', `authentication ${String((settings as { mode: unknown }).mode)} could not be evaluated`);
  }
}
