/**
 * Secrets never reach the trace, the effects or an error: every known secret value (encrypted
 * trigger inputs, resolved keychain variables, credential headers) is replaced by "***".
 */
import { SENSITIVE_HEADER } from '../../../app/core/pipeline/alert-outputs.js';

export const isSensitiveHeader = (name: string): boolean => SENSITIVE_HEADER.test(name.trim());

export class Masker {
  private readonly secrets = new Set<string>();

  add(secret: unknown): void {
    // Very short values would mask ordinary text everywhere; they are still never printed as inputs.
    if (typeof secret === 'string' && secret.length >= 4) this.secrets.add(secret);
  }

  text(value: string): string {
    let out = value;
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join('***');
    return out;
  }

  /** Any JSON-like value with every string masked. */
  value<T>(v: T): T {
    if (typeof v === 'string') return this.text(v) as T;
    if (Array.isArray(v)) return v.map((x) => this.value(x)) as T;
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, this.value(x)])) as T;
    }
    return v;
  }
}
