/**
 * Reason code → HTTP status and answer kind: the single table for every answer the service gives,
 * pipeline and runtime alike (stages and handlers never pick a status of their own).
 */
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
  // The runtime's own answers (app/core/service): before, around or instead of the pipeline.
  headers_too_large: { status: 431, kind: 'rejected' },
  malformed_request: { status: 400, kind: 'rejected' },
  service_busy: { status: 503, kind: 'unavailable' },
  service_stopping: { status: 503, kind: 'unavailable' },
  fire_not_published: { status: 503, kind: 'unavailable' },
  internal_error: { status: 500, kind: 'error' },
} as const;

export type ReasonCode = keyof typeof REASONS;

export interface Answer {
  statusCode: number;
  headers: NameValue[];
  body: string;
  reason: string;
  detail: string;
}

export function isReasonCode(value: string): value is ReasonCode {
  return Object.hasOwn(REASONS, value);
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
