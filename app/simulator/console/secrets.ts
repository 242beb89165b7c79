/**
 * What the console never shows: the values of encrypted inputs (install.json `encrypt: true`), the
 * variables they name, and credentials in headers and bodies. Inputs go to the page with literal
 * secrets replaced by MASK; a MASK coming back means "keep the value the server has".
 */
import { createRedactor, isSensitiveKey, MASK, type Redactor } from '../../adapters/log/redact.js';
import { parseTcVariable } from '../../core/trigger/resolve-variables.js';
import type { NameValue } from '../../protocol/messages.js';
import type { TriggersFile } from '../triggers-file.js';

export { MASK };

/** Inputs with `&{TC:…}` references replaced by the triggers file's variables (what the service resolves). */
export function resolveInputs(inputs: Record<string, unknown>, variables: Record<string, string>): Record<string, unknown> {
  const one = (v: unknown): unknown => {
    const ref = parseTcVariable(v);
    return ref && variables[ref.key] !== undefined ? variables[ref.key] : v;
  };
  return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, Array.isArray(v) ? v.map(one) : one(v)]));
}

/** A literal secret is masked; a variable reference (`&{TC:KEYCHAIN:name}`) names no secret and is shown. */
export function maskInputs(inputs: Record<string, unknown>, encrypted: ReadonlySet<string>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(inputs).map(([k, v]) => [k, encrypted.has(k) && typeof v === 'string' && v !== '' && !parseTcVariable(v) ? MASK : v]),
  );
}

/** Edited inputs from the page: an encrypted input still reading MASK keeps the server's value. */
export function unmaskInputs(edited: Record<string, unknown>, current: Record<string, unknown>, encrypted: ReadonlySet<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(edited).map(([k, v]) => [k, encrypted.has(k) && v === MASK ? current[k] : v]));
}

/** A redactor that knows every secret the triggers file holds or names through an encrypted input. */
export function consoleRedactor(triggers: TriggersFile, encrypted: ReadonlySet<string>): Redactor {
  const r = createRedactor();
  learnSecrets(
    r,
    triggers.triggers.map((t) => t.inputs),
    triggers.variables,
    encrypted,
  );
  return r;
}

export function learnSecrets(r: Redactor, inputsList: Array<Record<string, unknown>>, variables: Record<string, string>, encrypted: ReadonlySet<string>): void {
  for (const inputs of inputsList) {
    const resolved = resolveInputs(inputs, variables);
    for (const name of encrypted) {
      const v = resolved[name];
      if (typeof v === 'string' && v !== '') r.addSecret(v);
    }
    const user = resolved.basic_username;
    const pass = resolved.auth_secret;
    if (typeof user === 'string' && typeof pass === 'string' && pass !== '') r.addBasicCredentials(user, pass);
  }
}

/** Headers for the page: sensitive names masked whole, every other value through the redactor. */
export function maskHeaders(headers: readonly NameValue[], r: Redactor): NameValue[] {
  return headers.map((h) => ({ name: h.name, value: isSensitiveKey(h.name) ? MASK : r.redactText(h.value) }));
}
