/** Authentication settings and results (the pipeline contract), and helpers shared by the modes. */
import type { NameValue } from '../../../protocol/messages.js';

export type AuthSettings =
  | { mode: 'none' }
  | { mode: 'shared_secret'; header: string; secrets: string[] }
  | {
      mode: 'hmac';
      header: string;
      algorithm: 'sha1' | 'sha256' | 'sha512';
      encoding: 'hex' | 'base64';
      prefix: string;
      secrets: string[];
      /** With a timestamp header the signed bytes are `${timestamp}.${body}`. */
      timestampHeader?: string;
      toleranceSeconds: number;
      messageIdHeader?: string;
    }
  | { mode: 'github'; secrets: string[] }
  | { mode: 'stripe'; header: string; secrets: string[]; toleranceSeconds: number }
  | { mode: 'standard_webhooks'; secrets: string[]; toleranceSeconds: number }
  | { mode: 'basic'; username: string; secrets: string[] };

export type AuthFailure = 'auth_missing' | 'auth_invalid' | 'auth_stale_timestamp' | 'auth_misconfigured';

export type AuthResult = { ok: true; messageId?: string; timestamp?: number } | { ok: false; reason: AuthFailure; detail: string };

export type AuthRequest = { headers: NameValue[]; body: Buffer };

/** A verifier for one mode; `s.secrets` is already non-empty when it is called. */
export type ModeVerifier<M extends AuthSettings['mode']> = (req: AuthRequest, s: Extract<AuthSettings, { mode: M }>, nowSeconds: number) => AuthResult;

export const fail = (reason: AuthFailure, detail: string): AuthResult => ({ ok: false, reason, detail });

/** The default timestamp tolerance (Stripe's and Standard Webhooks' 5 minutes). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/**
 * A signed timestamp (whole epoch seconds) within tolerance of now? Returns the timestamp, or the
 * failure. Call it only after the signature verified, so staleness is reported for genuine messages.
 */
export function checkTimestamp(raw: string | undefined, nowSeconds: number, toleranceSeconds: number): AuthResult | number {
  if (raw === undefined || !/^\d{1,12}$/.test(raw.trim())) return fail('auth_missing', 'the signed timestamp is missing or not whole epoch seconds');
  const ts = Number(raw.trim());
  const tolerance = Number.isFinite(toleranceSeconds) && toleranceSeconds >= 0 ? toleranceSeconds : DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs(nowSeconds - ts) > tolerance) return fail('auth_stale_timestamp', `the signed timestamp is more than ${tolerance} s away from now`);
  return ts;
}
