/** Reason code → HTTP status and answer kind: the single table (stages never pick a status). */
import type { NameValue } from '../../protocol/messages.js';

export const REASONS = {
  auth_missing: { status: 401, kind: 'rejected' },
  auth_invalid: { status: 401, kind: 'rejected' },
  auth_stale_timestamp: { status: 401, kind: 'rejected' },
  auth_replayed: { status: 401, kind: 'rejected' },
  auth_misconfigured: { status: 500, kind: 'error' },
  body_too_large: { status: 413, kind: 'rejected' },
  unparsable: { status: 400, kind: 'rejected' },
  unsupported_encoding: { status: 415, kind: 'rejected' },
  mapping_failed: { status: 422, kind: 'rejected' },
  below_min_severity: { status: 200, kind: 'filtered' },
  condition_false: { status: 200, kind: 'filtered' },
  no_indicators: { status: 200, kind: 'filtered' },
  no_alerts: { status: 200, kind: 'filtered' },
  resolved: { status: 200, kind: 'filtered' },
  duplicate: { status: 200, kind: 'duplicate' },
  over_hourly_cap: { status: 429, kind: 'limited' },
  store_unavailable: { status: 503, kind: 'unavailable' },
  trigger_not_configured: { status: 503, kind: 'unavailable' },
  sns_confirmation_failed: { status: 502, kind: 'error' },
  sns_subscription_confirmed: { status: 200, kind: 'handshake' },
} as const;

export type ReasonCode = keyof typeof REASONS;

export interface Answer {
  statusCode: number;
  headers: NameValue[];
  body: string;
  reason: string;
  detail: string;
}

/** The JSON answer for a reason: `{status, reason, detail}` (+ extra fields). */
export function answer(reason: ReasonCode, detail: string, extra: Record<string, unknown> = {}, headers: NameValue[] = []): Answer {
  const r = REASONS[reason];
  return {
    statusCode: r.status,
    headers: [{ name: 'Content-Type', value: 'application/json' }, ...headers],
    body: JSON.stringify({ status: r.kind, reason, detail, ...extra }),
    reason,
    detail,
  };
}
