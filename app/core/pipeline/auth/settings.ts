/** Authentication settings and results (the pipeline contract). */
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
      timestampHeader?: string;
      toleranceSeconds: number;
      messageIdHeader?: string;
    }
  | { mode: 'github'; secrets: string[] }
  | { mode: 'stripe'; header: string; secrets: string[]; toleranceSeconds: number }
  | { mode: 'standard_webhooks'; secrets: string[]; toleranceSeconds: number }
  | { mode: 'basic'; username: string; secrets: string[] };

export type AuthFailure = 'auth_missing' | 'auth_invalid' | 'auth_stale_timestamp' | 'auth_misconfigured';

export type AuthResult =
  | { ok: true; messageId?: string; timestamp?: number }
  | { ok: false; reason: AuthFailure; detail: string };

export const fail = (reason: AuthFailure, detail: string): AuthResult => ({ ok: false, reason, detail });

/** Timestamp (seconds) within tolerance of now? */
export function checkTimestamp(raw: string | undefined, nowSeconds: number, toleranceSeconds: number): AuthResult | number {
  if (raw === undefined || !/^\d{1,12}$/.test(raw.trim())) return fail('auth_missing', 'the signed timestamp is missing or not a number');
  const ts = Number(raw.trim());
  if (Math.abs(nowSeconds - ts) > toleranceSeconds) return fail('auth_stale_timestamp', `the signed timestamp is more than ${toleranceSeconds} s away from now`);
  return ts;
}
