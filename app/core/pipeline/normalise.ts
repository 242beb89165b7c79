/**
 * map + normalise: one alert item → the normalised alert (id, title, severity + score, description,
 * source, ISO-8601 timestamp, link, extra fields, indicators) using the trigger's overrides first,
 * then the preset's paths.
 */
import { createHash } from 'node:crypto';
import { evaluate, firstValue, type Expression } from './expressions.js';
import { type FoundIndicator, scanAlert } from './indicators/scan-alert.js';
import { normaliseSeverity, severityScore, type Severity } from './severity.js';
import type { TriggerSettings } from './trigger-settings.js';

export interface NormalisedAlert {
  id: string;
  /** True when the id came from the payload (not generated from a hash). */
  idFromPayload: boolean;
  title: string;
  severity: Severity;
  severity_score: number;
  description: string;
  source: string;
  timestamp: string;
  link: string;
  fields: Record<string, string>;
  indicators: FoundIndicator[];
}

const MAX_FIELD = 4096;

export function asText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v.slice(0, MAX_FIELD);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.join(', ').slice(0, MAX_FIELD);
  if (typeof v === 'object') return JSON.stringify(v).slice(0, MAX_FIELD);
  return String(v).slice(0, MAX_FIELD);
}

export function isoTimestamp(v: unknown, nowMs: number): string {
  if (typeof v === 'number' && Number.isFinite(v)) return new Date(v > 1e12 ? v : v * 1000).toISOString();
  if (typeof v === 'string' && v.trim() !== '') {
    const t = v.trim();
    if (/^\d{10}(\.\d+)?$/.test(t)) return new Date(Number(t) * 1000).toISOString();
    if (/^\d{13}$/.test(t)) return new Date(Number(t)).toISOString();
    const d = new Date(t);
    if (!Number.isNaN(d.getTime())) return d.toISOString();
  }
  return new Date(nowMs).toISOString();
}

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

export type NormaliseResult = { ok: true; alert: NormalisedAlert } | { ok: false; detail: string };

export function normaliseAlert(item: unknown, settings: TriggerSettings, nowMs: number): NormaliseResult {
  if (typeof item === 'string') {
    // A text body: the first line is the title, the whole text the description.
    item = { title: item.split('\n')[0]!.slice(0, 200), description: item };
  }
  if (item === null || typeof item !== 'object') return { ok: false, detail: 'the alert is not a JSON object' };
  const preset = settings.preset;
  const candidates = (field: keyof typeof preset.fields): Expression[] => {
    const override = field === 'source' ? undefined : settings.overrides[field];
    return [
      ...(override ? [override] : []),
      ...(preset.fields[field] ?? []).map((source) => ({ language: 'JSONPath' as const, source })),
    ];
  };
  const rawId = firstValue(candidates('id'), item);
  const title = asText(firstValue(candidates('title'), item));
  const description = asText(firstValue(candidates('description'), item));
  if (rawId === undefined && title === '' && description === '') {
    return { ok: false, detail: `no id, title or description found with the ${preset.name} preset; set field expressions on the trigger` };
  }
  const severity = normaliseSeverity(firstValue(candidates('severity'), item), preset.numericSeverity);
  const link = asText(firstValue(candidates('link'), item));
  const timestampRaw = firstValue(candidates('timestamp'), item);
  const fields: Record<string, string> = {};
  for (const f of settings.extraFields) fields[f.name] = asText(evaluate(f.expression, item));
  const exclude = new Set([link, asText(timestampRaw)]);
  const indicators = scanAlert(item, {
    types: settings.indicatorTypes,
    refang: settings.refang,
    allowList: [...settings.allowList, ...(preset.allowDomains ?? [])],
    dropPrivate: settings.dropPrivate,
    maxIndicators: 500,
    reportUrlHosts: false,
    ...(preset.evidence ? { evidence: preset.evidence } : {}),
    ...(preset.metadata ? { metadata: preset.metadata } : {}),
    exclude,
  });
  const id = rawId !== undefined ? asText(rawId).slice(0, 256) : `sha256:${sha256(JSON.stringify(item)).slice(0, 32)}`;
  return {
    ok: true,
    alert: {
      id,
      idFromPayload: rawId !== undefined,
      title: title || `${preset.source} alert ${id}`,
      severity,
      severity_score: severityScore(severity),
      description,
      source: asText(firstValue(preset.fields.source?.map((source) => ({ language: 'JSONPath' as const, source })) ?? [], item)) || preset.source,
      timestamp: isoTimestamp(timestampRaw, nowMs),
      link,
      fields,
      indicators,
    },
  };
}

/** The alerts of a payload: the preset's item list, a root array, or the payload itself. */
export function alertItems(payload: unknown, settings: TriggerSettings, maxItems: number): unknown[] {
  if (Array.isArray(payload)) return payload.slice(0, maxItems);
  if (settings.preset.items) {
    const items = evaluate({ language: 'JSONPath', source: settings.preset.items }, payload);
    if (Array.isArray(items) && items.length > 0) {
      // A batch envelope (e.g. Grafana) keeps its common fields visible to each item's paths.
      return items.slice(0, maxItems);
    }
    if (items !== undefined && typeof items === 'object') return [items];
  }
  return [payload];
}
