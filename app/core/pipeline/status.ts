/**
 * Lifecycle: whether a notification announces a new alert (`firing`) or a change to one already
 * sent (`resolved`, `acknowledged`, `updated`). Read from the preset's status fields; the first one
 * whose value means something other than firing decides; unknown values are firing (never lose an alert).
 */
export const ALERT_STATUSES = ['firing', 'resolved', 'acknowledged', 'updated'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

const DEFAULT_WORDS: Record<string, AlertStatus> = {
  firing: 'firing',
  alerting: 'firing',
  triggered: 'firing',
  trigger: 'firing',
  fired: 'firing',
  new: 'firing',
  open: 'firing',
  active: 'firing',
  created: 'firing',
  create: 'firing',
  reopened: 'firing',
  problem: 'firing',
  resolved: 'resolved',
  resolve: 'resolved',
  recovered: 'resolved',
  recovery: 'resolved',
  ok: 'resolved',
  normal: 'resolved',
  closed: 'resolved',
  close: 'resolved',
  fixed: 'resolved',
  dismissed: 'resolved',
  inactive: 'resolved',
  archived: 'resolved',
  deleted: 'resolved',
  delete: 'resolved',
  suppressed: 'resolved',
  acknowledged: 'acknowledged',
  acknowledge: 'acknowledged',
  ack: 'acknowledged',
  inprogress: 'acknowledged',
  in_progress: 'acknowledged',
  updated: 'updated',
  update: 'updated',
};

/** `[Recovered on host:x] CPU` → `recovered`; `incident.resolved` → `resolved`; `ResolvedCritical` → `resolvedcritical`. */
export function statusWord(value: string): string {
  let t = value.trim().toLowerCase();
  const bracket = /^\[([a-z_-]+)/.exec(t);
  if (bracket) t = bracket[1]!;
  return t.slice(t.lastIndexOf('.') + 1).slice(0, 40);
}

export function statusOf(value: unknown, map: Readonly<Record<string, AlertStatus>> = {}): AlertStatus | undefined {
  if (typeof value === 'boolean') return undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const w = statusWord(value);
  const full = value.trim().toLowerCase();
  return map[full] ?? map[w] ?? DEFAULT_WORDS[w] ?? (w.startsWith('resolved') ? 'resolved' : undefined);
}

/**
 * The status of an alert from its candidate values, in order. `otherwise`: the status of a word
 * neither the vendor map nor the common words know (Opsgenie: every action but Create is a change).
 */
export function lifecycleStatus(values: readonly unknown[], map?: Readonly<Record<string, AlertStatus>>, otherwise?: AlertStatus): AlertStatus {
  for (const v of values) {
    const s = statusOf(v, map) ?? (otherwise !== undefined && typeof v === 'string' && v.trim() !== '' ? otherwise : undefined);
    if (s !== undefined && s !== 'firing') return s;
  }
  return 'firing';
}
