/**
 * Severity: `informational|low|medium|high|critical` with a 0–4 score. A vendor value is read on a
 * named scale; a value the scale does not know yields undefined, so the next candidate field is tried
 * (e.g. Datadog's event `priority: normal` never shadows the alert's own severity).
 */
export const SEVERITIES = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * Scales. Generic ones are offered by the Severity Scale input; vendor ones are used by presets.
 * - auto: words, P1–P5, Sev0–Sev4; numbers 0–4 as the score, 5 critical, 6–10 on 0–10, 11–15 on 0–15, 16–100 as a percentage
 * - 0-4 (score), 1-5 (1 informational … 5 critical), 0-10 (CVSS-like: GuardDuty), 0-15 (Wazuh rule level),
 *   P1-P5 (P1 critical … P5 informational; bare 1–5 read the same way), text (words only), percent (0–100, Elastic risk-score bands)
 * - normalized: Security Hub's 0–100 (0 informational, 1–39 low, 40–69 medium, 70–89 high, 90–100 critical)
 * - sev0-4: Azure Monitor Sev0 critical … Sev4 informational (bare 0–4 read the same way)
 * - tenths: a 0–10 score sent in tenths (CrowdStrike incident `FineScore` 38 = 3.8); a fraction ≤ 10 is already on 0–10
 * - 1-4 rank: 1 is the most severe (Suricata / Snort priority): 1 high, 2 medium, 3 low, 4+ informational
 * Words may carry a leading rank (`2 - High`, `1-Critical`: ServiceNow, Jira): the word decides.
 */
export const SEVERITY_SCALES = ['auto', '0-4', '1-5', '0-10', '0-15', 'P1-P5', 'text'] as const;
export type SeverityScale = (typeof SEVERITY_SCALES)[number] | 'percent' | 'normalized' | 'sev0-4' | 'tenths' | '1-4 rank';

const WORDS: Record<string, Severity> = {
  informational: 'informational',
  info: 'informational',
  information: 'informational',
  informative: 'informational',
  verbose: 'informational',
  debug: 'informational',
  notice: 'informational',
  none: 'informational',
  note: 'informational',
  trace: 'informational',
  ok: 'informational',
  success: 'informational',
  low: 'low',
  minor: 'low',
  medium: 'medium',
  moderate: 'medium',
  average: 'medium',
  warning: 'medium',
  warn: 'medium',
  high: 'high',
  major: 'high',
  error: 'high',
  severe: 'high',
  important: 'high',
  critical: 'critical',
  crit: 'critical',
  fatal: 'critical',
  emergency: 'critical',
  emerg: 'critical',
  alert: 'critical',
  disaster: 'critical',
};

const clampIndex = (i: number): Severity => SEVERITIES[Math.max(0, Math.min(4, i))]!;

function fromNumber(n: number, scale: SeverityScale): Severity | undefined {
  if (!Number.isFinite(n) || n < 0) return undefined;
  switch (scale) {
    case 'text':
      return undefined;
    case '0-4':
      return n <= 4 ? clampIndex(Math.round(n)) : undefined;
    case '1-5':
      return n >= 1 && n <= 5 ? clampIndex(Math.round(n) - 1) : undefined;
    case 'P1-P5':
      return n >= 1 && n <= 5 ? clampIndex(5 - Math.round(n)) : undefined;
    case 'sev0-4':
      return n <= 4 ? clampIndex(4 - Math.round(n)) : undefined;
    case '0-10':
      if (n > 10) return undefined;
      return n >= 9 ? 'critical' : n >= 7 ? 'high' : n >= 4 ? 'medium' : n >= 1 ? 'low' : 'informational';
    case '0-15':
      if (n > 15) return undefined;
      return n >= 15 ? 'critical' : n >= 12 ? 'high' : n >= 7 ? 'medium' : n >= 4 ? 'low' : 'informational';
    case 'percent':
      if (n > 100) return undefined;
      // Elastic's risk-score bands (low 0–21, medium 22–47, high 48–73, critical 74–100).
      return n >= 74 ? 'critical' : n >= 48 ? 'high' : n >= 22 ? 'medium' : 'low';
    case 'tenths':
      if (n > 100) return undefined;
      return fromNumber(Number.isInteger(n) ? n / 10 : n, '0-10');
    case '1-4 rank':
      if (n < 1 || n > 255) return undefined;
      return n < 2 ? 'high' : n < 3 ? 'medium' : n < 4 ? 'low' : 'informational';
    case 'normalized':
      if (n > 100) return undefined;
      return n >= 90 ? 'critical' : n >= 70 ? 'high' : n >= 40 ? 'medium' : n >= 1 ? 'low' : 'informational';
    case 'auto':
      if (n <= 4) return fromNumber(n, '0-4');
      if (n <= 5) return 'critical';
      if (n <= 10) return fromNumber(n, '0-10');
      if (n <= 15) return fromNumber(n, '0-15');
      return fromNumber(n, 'percent');
  }
}

function fromWord(t: string, scale: SeverityScale): Severity | undefined {
  const p = /^p([1-5])$/.exec(t);
  if (p) return fromNumber(Number(p[1]), 'P1-P5');
  const ranked = /^\d{1,2}\s*[-–:.)]\s*([a-z][a-z ]{1,20})$/.exec(t);
  if (ranked) return fromWord(ranked[1]!.trim(), scale);
  const sev = /^sev(?:erity)?[-_ ]?([0-4])$/.exec(t);
  if (sev) return fromNumber(Number(sev[1]), scale === 'auto' || scale === 'sev0-4' ? 'sev0-4' : scale);
  return WORDS[t] ?? WORDS[t.replace(/^sev(erity)?[-_ ]?/, '')] ?? WORDS[t.split(/[\s_:-]/)[0] ?? ''];
}

/** A received severity value on a scale → a level, or undefined when the scale does not know it. */
export function severityOn(value: unknown, scale: SeverityScale): Severity | undefined {
  if (typeof value === 'number') return fromNumber(value, scale);
  if (typeof value !== 'string') return undefined;
  const t = value.trim().toLowerCase();
  if (t === '' || t.length > 40) return undefined;
  if (/^\d+(\.\d+)?$/.test(t)) return fromNumber(Number(t), scale);
  return fromWord(t, scale);
}

export const severityScore = (s: Severity): number => SEVERITIES.indexOf(s);
