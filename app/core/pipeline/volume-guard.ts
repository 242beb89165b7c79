/** volume guard: a per-trigger hourly counter in the KV store; alerts over the cap are answered 429. */
import type { KvStore } from '../ports.js';

export interface VolumeDecision {
  allowed: boolean;
  count: number;
  /** Seconds until the current hour's window ends (Retry-After). */
  retryAfter: number;
}

export async function countAlert(kv: KvStore, triggerId: number, cap: number, nowMs: number): Promise<VolumeDecision> {
  const hour = Math.floor(nowMs / 3_600_000);
  const retryAfter = Math.max(1, Math.ceil(((hour + 1) * 3_600_000 - nowMs) / 1000));
  if (cap <= 0) return { allowed: true, count: 0, retryAfter };
  const count = await kv.incrementWithTtl(`alert_intake:volume:${triggerId}:${hour}`, 3600);
  return { allowed: count <= cap, count, retryAfter };
}
