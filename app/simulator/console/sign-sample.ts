/**
 * "Try a sample": the headers a sender would add for the chosen authentication mode, signed with
 * the trigger's own secret by the project's signing code (the secret stays on the server), and the
 * deliberate faults the page can ask for.
 */
import { randomUUID } from 'node:crypto';
import { signingOptionsOf, signRequest } from '../../core/pipeline/auth/sign.js';
import { CHOICES } from '../../core/trigger/choices.js';
import type { DeclaredInputs } from '../../core/trigger/declared-inputs.js';
import { parseTriggerSettings } from '../../core/trigger/settings.js';
import type { NameValue } from '../../protocol/messages.js';

export const TAMPERS = {
  none: 'sign it correctly',
  body: 'change the body after signing',
  wrong_secret: 'sign with a wrong secret',
  unsigned: 'send no signature',
  stale: 'sign with a timestamp outside the tolerance',
} as const;
export type Tamper = keyof typeof TAMPERS;

export interface SignedSample {
  headers: NameValue[];
  body: Buffer;
  /** What was done, for the page (never a secret). */
  note: string;
}

const TIMESTAMPED = new Set(['stripe', 'standard_webhooks']);

/**
 * `declared`: install.json's choices and defaults; `inputs` are the trigger's resolved inputs;
 * `modeName` an install.json auth_mode choice (default: the trigger's). Throws a clear error when
 * the mode cannot be signed with these inputs.
 */
export function signSample(
  declared: DeclaredInputs,
  inputs: Record<string, unknown>,
  modeName: string | undefined,
  body: Buffer,
  tamper: Tamper,
  nowSeconds: number,
): SignedSample {
  const given = [modeName, inputs.auth_mode].find((m): m is string => typeof m === 'string' && m.trim() !== '');
  const chosen = given ?? declared.choices.auth_mode.defaults[0] ?? '';
  const known = CHOICES.auth_mode(chosen);
  if (known === undefined || !declared.choices.auth_mode.meanings.includes(known))
    throw new Error(`unknown authentication mode ${JSON.stringify(chosen.slice(0, 40))}`);
  const parsed = parseTriggerSettings({ ...inputs, auth_mode: chosen }, declared);
  if (!parsed.ok) {
    const authErrors = parsed.errors.filter((e) => /^(auth_|basic_|hmac_|timestamp_)/.test(e));
    throw new Error(`cannot sign as ${chosen}: ${(authErrors.length ? authErrors : parsed.errors).join('; ')}`);
  }
  const auth = parsed.settings.auth;
  if (auth.mode === 'none') return { headers: [], body, note: 'no authentication: nothing to sign' };
  if (tamper === 'unsigned') return { headers: [], body, note: `${chosen}: sent without credentials` };
  const timestamped = TIMESTAMPED.has(auth.mode) || (auth.mode === 'hmac' && auth.timestampHeader !== undefined);
  if (tamper === 'stale' && !timestamped) throw new Error(`${chosen} signs no timestamp here, so it cannot be stale; pick another fault`);
  if (tamper === 'body' && (auth.mode === 'shared_secret' || auth.mode === 'basic'))
    throw new Error(`${chosen} does not sign the body, so a changed body still passes; pick another fault`);
  const secret = auth.secrets[0]!;
  const tolerance = 'toleranceSeconds' in auth ? auth.toleranceSeconds : 300;
  const headers = signRequest({
    ...signingOptionsOf(auth),
    secret: tamper === 'wrong_secret' ? `${secret}-wrong` : secret,
    body,
    nowSeconds: tamper === 'stale' ? nowSeconds - tolerance - 60 : nowSeconds,
    messageId: `console-${randomUUID()}`,
  });
  if (tamper === 'body') {
    const changed = Buffer.concat([body, Buffer.from(' ')]);
    return { headers, body: changed, note: `${chosen}: signed, then the body was changed (one space appended)` };
  }
  return { headers, body, note: `${chosen}: ${TAMPERS[tamper]}` };
}
