/** Counters per trigger by reason code, with latency percentiles over the latest requests. */
import { REASONS } from '../../core/pipeline/reasons.js';
import type { SimEvent } from '../events.js';

/** How many latencies per trigger the percentiles are computed over. */
const LATENCIES_KEPT = 1000;

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface TriggerStats {
  triggerId: number;
  total: number;
  /** fired, a pipeline reason code (below_min_severity, duplicate, auth_invalid …) or a platform outcome (timeout …). */
  byReason: Record<string, number>;
  /** fired, filtered, duplicate, rejected, limited, unavailable, error, handshake, platform. */
  byKind: Record<string, number>;
  latencyMs: LatencySummary;
}

/** The reason code an event counts under. */
export function reasonOf(e: Pick<SimEvent, 'decision' | 'reason' | 'status'>): string {
  if (e.decision === 'fired') return 'fired';
  if (e.decision === 'responded') return e.reason ?? `answered_${e.status}`;
  return e.decision;
}

export function kindOf(reason: string): string {
  if (reason === 'fired') return 'fired';
  return (REASONS as Record<string, { kind: string } | undefined>)[reason]?.kind ?? 'platform';
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarise(latencies: readonly number[]): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0 };
}

interface Book {
  total: number;
  byReason: Map<string, number>;
  latencies: number[];
  next: number;
}

export class StatsBook {
  private readonly books = new Map<number, Book>();
  private readonly since = new Date().toISOString();

  record(e: Pick<SimEvent, 'triggerId' | 'decision' | 'reason' | 'status' | 'durationMs'>): void {
    const id = Number.isInteger(e.triggerId) ? e.triggerId : -1;
    let b = this.books.get(id);
    if (!b) {
      b = { total: 0, byReason: new Map(), latencies: [], next: 0 };
      this.books.set(id, b);
    }
    b.total += 1;
    const reason = reasonOf(e);
    b.byReason.set(reason, (b.byReason.get(reason) ?? 0) + 1);
    if (b.latencies.length < LATENCIES_KEPT) b.latencies.push(e.durationMs);
    else b.latencies[b.next] = e.durationMs;
    b.next = (b.next + 1) % LATENCIES_KEPT;
  }

  snapshot(): { since: string; triggers: TriggerStats[] } {
    const triggers = [...this.books.entries()]
      .sort(([a], [b]) => a - b)
      .map(([triggerId, b]): TriggerStats => {
        const byReason = Object.fromEntries([...b.byReason.entries()].sort(([x], [y]) => x.localeCompare(y)));
        const byKind: Record<string, number> = {};
        for (const [reason, n] of b.byReason) byKind[kindOf(reason)] = (byKind[kindOf(reason)] ?? 0) + n;
        return { triggerId, total: b.total, byReason, byKind, latencyMs: summarise(b.latencies) };
      });
    return { since: this.since, triggers };
  }
}
