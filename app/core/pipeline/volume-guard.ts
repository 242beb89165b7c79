/** volume guard: a per-trigger hourly counter in the KV store; alerts over the cap are answered 429. */
import type { KvStore } from '../ports.js';

export interface VolumeDecision {
  allowed: boolean;
  count: number;
  /** Seconds until the current hour's window ends (Retry-After). */
  retryAfter: number;
  /** How many of the alerts counted (the first ones, in order) are within the cap. */
  fits: number;
}

/** Counts `alerts` alerts (a batch's, in one increment): the first `fits` of them are within the cap. */
export async function countAlert(kv: KvStore, triggerId: number, cap: number, nowMs: number, alerts = 1): Promise<VolumeDecision> {
  const hour = Math.floor(nowMs / 3_600_000);
  const retryAfter = Math.max(1, Math.ceil(((hour + 1) * 3_600_000 - nowMs) / 1000));
  if (cap <= 0 || alerts === 0) return { allowed: true, count: 0, retryAfter, fits: alerts };
  const count = await kv.incrementWithTtl(`alert_intake:volume:${triggerId}:${hour}`, 3600, alerts);
  // The batch's alerts had the counts count - alerts + 1 … count, in order.
  const fits = Math.max(0, Math.min(alerts, cap - (count - alerts)));
  return { allowed: fits === alerts, count, retryAfter, fits };
}
