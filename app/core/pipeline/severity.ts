/** Severity: `informational|low|medium|high|critical` with a 0–4 score; words, P1–P5 and numbers mapped. */
export const SEVERITIES = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

const WORDS: Record<string, Severity> = {
  informational: 'informational', info: 'informational', information: 'informational', ok: 'informational', success: 'informational',
  none: 'informational', unknown: 'informational', debug: 'informational', notice: 'informational', resolved: 'informational',
  low: 'low', minor: 'low', warning: 'low', warn: 'low', p4: 'low',
  medium: 'medium', moderate: 'medium', average: 'medium', p3: 'medium',
  high: 'high', major: 'high', error: 'high', severe: 'high', p2: 'high',
  critical: 'critical', crit: 'critical', fatal: 'critical', emergency: 'critical', alert: 'critical', disaster: 'critical', p1: 'critical',
  p5: 'informational',
};

export type NumericScale = 'score0to4' | 'oneToFive' | 'guardDuty' | 'percent';

export function severityFromNumber(n: number, scale: NumericScale): Severity {
  switch (scale) {
    case 'score0to4':
      return SEVERITIES[Math.max(0, Math.min(4, Math.round(n)))]!;
    case 'oneToFive':
      return SEVERITIES[Math.max(0, Math.min(4, Math.round(n) - 1))]!;
    case 'guardDuty':
      return n >= 9 ? 'critical' : n >= 7 ? 'high' : n >= 4 ? 'medium' : n >= 1 ? 'low' : 'informational';
    case 'percent':
      return n >= 90 ? 'critical' : n >= 70 ? 'high' : n >= 40 ? 'medium' : n >= 10 ? 'low' : 'informational';
  }
}

/** Any received severity value → a level; unknown words fall back to `fallback`. */
export function normaliseSeverity(value: unknown, scale: NumericScale, fallback: Severity = 'medium'): Severity {
  if (typeof value === 'number' && Number.isFinite(value)) return severityFromNumber(value, scale);
  if (typeof value === 'string') {
    const t = value.trim().toLowerCase();
    if (/^-?\d+(\.\d+)?$/.test(t)) return severityFromNumber(Number(t), scale);
    const word = WORDS[t] ?? WORDS[t.replace(/^sev(erity)?[-_ ]?/, '')] ?? WORDS[t.split(/[\s_-]/)[0] ?? ''];
    if (word) return word;
  }
  return fallback;
}

export const severityScore = (s: Severity): number => SEVERITIES.indexOf(s);
