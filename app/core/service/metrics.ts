/** Heartbeat metrics of a trigger service (protocol §3.2 item 2): the four keys, "Active Playbooks" with a space. */
export interface Metrics {
  hits: number;
  misses: number;
  errors: number;
}

export const createMetrics = (): Metrics => ({ hits: 0, misses: 0, errors: 0 });

export function metricReport(metrics: Metrics, activePlaybooks: number): Record<string, number> {
  return { 'Active Playbooks': activePlaybooks, Errors: metrics.errors, Hits: metrics.hits, Misses: metrics.misses };
}
