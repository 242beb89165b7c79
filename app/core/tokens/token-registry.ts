/**
 * API tokens keyed by trigger id (protocol §6). Pure state: no clock, no I/O. A token is due for
 * renewal when 600 s or less are left (`expires - now - 600 <= 0`). A token registered without an
 * expiry is never due (tcex would fail on it; we keep using it until DeleteConfig).
 */

/** Trigger id, or `'main'` for a start-up `tc_token`. */
export type TokenKey = number | 'main';

export interface TokenEntry {
  key: TokenKey;
  token: string;
  /** Epoch seconds; undefined when unknown. */
  expiresEpochSec: number | undefined;
}

export const RENEW_BEFORE_SECONDS = 600;

export class TokenRegistry {
  private readonly entries = new Map<TokenKey, TokenEntry>();

  register(key: TokenKey, token: string, expiresEpochSec: number | undefined): void {
    if (typeof token !== 'string' || token === '') return;
    const expires = typeof expiresEpochSec === 'number' && Number.isFinite(expiresEpochSec) ? expiresEpochSec : undefined;
    this.entries.set(key, { key, token, expiresEpochSec: expires });
  }

  unregister(key: TokenKey): void {
    this.entries.delete(key);
  }

  get(key: TokenKey): TokenEntry | undefined {
    return this.entries.get(key);
  }

  /** The token to sign with for a trigger: its own, else the start-up token. */
  tokenFor(key: TokenKey): string | undefined {
    return (this.entries.get(key) ?? this.entries.get('main'))?.token;
  }

  /** Entries whose expiry is 600 s away or less at `nowMs`. */
  dueForRenewal(nowMs: number): TokenEntry[] {
    const nowSec = nowMs / 1000;
    return [...this.entries.values()].filter((e) => e.expiresEpochSec !== undefined && e.expiresEpochSec - nowSec - RENEW_BEFORE_SECONDS <= 0);
  }

  /**
   * Replaces a renewed token, but only while `previousToken` is still the registered one
   * (a DeleteConfig or a newer CreateConfig during the renewal call wins). True when replaced.
   */
  replace(key: TokenKey, previousToken: string, token: string, expiresEpochSec: number | undefined): boolean {
    const current = this.entries.get(key);
    if (!current || current.token !== previousToken) return false;
    this.register(key, token, expiresEpochSec);
    return true;
  }

  /** Drops a token whose renewal failed, unless it was replaced meanwhile. True when removed. */
  dropIfUnchanged(key: TokenKey, previousToken: string): boolean {
    const current = this.entries.get(key);
    if (!current || current.token !== previousToken) return false;
    this.entries.delete(key);
    return true;
  }

  get size(): number {
    return this.entries.size;
  }
}
