/**
 * map + normalise: one alert item → the normalised alert (id, title, severity + score, status,
 * description, source, ISO-8601 timestamp, link, extra fields, indicators) using the trigger's
 * overrides first, then the preset's paths.
 */
import type { Preset } from '../presets/preset.js';
import { accountAddresses } from './account-addresses.js';
import { evaluate, firstValue, type Expression } from './expressions.js';
import { parseJsonText } from './safe-json.js';
import { type FoundIndicator, scanAlert } from './indicators/scan-alert.js';
import { MAX_INDICATORS_PER_ALERT } from './indicators/indicator-budget.js';
import { severityOn, severityScore, type Severity } from './severity.js';
import { lifecycleStatus, type AlertStatus } from './status.js';
import { fallbackTitle, titleText } from './title.js';
import { itemDigest } from './item-digest.js';
import type { TriggerSettings } from '../trigger/settings.js';

export interface NormalisedAlert {
  id: string;
  /** True when the id came from the payload (not generated from a hash). */
  idFromPayload: boolean;
  title: string;
  severity: Severity;
  severity_score: number;
  status: AlertStatus;
  description: string;
  source: string;
  /** The preset that mapped the alert (under Auto-detect: the one recognised). */
  preset: string;
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

export { sha256 } from './sha256.js';

export type NormaliseResult = { ok: true; alert: NormalisedAlert } | { ok: false; detail: string };

/** A preset's paths as expressions, made once per paths list (presets are constants). */
const expressionsOf = new WeakMap<readonly string[], readonly Expression[]>();
const NO_PATHS: readonly Expression[] = [];
function jsonPaths(paths: readonly string[] | undefined): readonly Expression[] {
  if (!paths) return NO_PATHS;
  let e = expressionsOf.get(paths);
  if (!e) {
    e = paths.map((source) => ({ language: 'JSONPath' as const, source }));
    expressionsOf.set(paths, e);
  }
  return e;
}

type Field = 'id' | 'title' | 'description' | 'link' | 'timestamp' | 'source';
type Candidates = Readonly<Record<Field, readonly Expression[]>>;

/**
 * The expressions tried for each field — the trigger's override first (never for `source`), then the
 * preset's paths — built once per (overrides, preset) pair rather than per event: no arrays or
 * expression objects per alert, and the same arrays every time (firstValue's compiled code stays
 * monomorphic). Both keys are built once (CreateConfig, the preset modules) and never changed.
 */
const candidateCache = new WeakMap<TriggerSettings['overrides'], WeakMap<Preset, Candidates>>();

function candidatesOf(overrides: TriggerSettings['overrides'], preset: Preset): Candidates {
  let byPreset = candidateCache.get(overrides);
  if (!byPreset) {
    byPreset = new WeakMap();
    candidateCache.set(overrides, byPreset);
  }
  let c = byPreset.get(preset);
  if (!c) {
    const of = (field: Exclude<Field, 'source'>): Expression[] => {
      const override = overrides[field];
      return [...(override ? [override] : []), ...jsonPaths(preset.fields[field])];
    };
    c = {
      id: of('id'),
      title: of('title'),
      description: of('description'),
      link: of('link'),
      timestamp: of('timestamp'),
      source: jsonPaths(preset.fields.source),
    };
    byPreset.set(preset, c);
  }
  return c;
}

/** The item with the preset's JSON-text fields (Sumo Logic `{{ResultsJson}}` sent as a string) parsed, so key rules apply inside. */
function withJsonText(item: object, keys: readonly string[] | undefined): object {
  if (!keys || Array.isArray(item)) return item;
  let out: Record<string, unknown> | undefined;
  for (const k of keys) {
    const v = (item as Record<string, unknown>)[k];
    if (typeof v !== 'string' || !/^\s*[[{]/.test(v)) continue;
    const parsed = parseJsonText(v, 32);
    if (parsed.ok) (out ??= { ...(item as Record<string, unknown>) })[k] = parsed.value;
  }
  return out ?? item;
}

/** A scalar id (a string or a number); objects and arrays are not ids. */
function idText(v: unknown): string | undefined {
  if (typeof v === 'string' && v.trim() !== '') return v.trim().slice(0, 256);
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** The affected asset's own names: the string values at the preset's `assets` paths. */
function assetNames(item: unknown, paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const v = evaluate({ language: 'JSONPath', source: p }, item);
    for (const x of Array.isArray(v) ? v : [v]) if (typeof x === 'string' && x.length <= 253) out.push(x);
  }
  return out;
}

function severityOf(item: unknown, preset: Preset, settings: TriggerSettings): Severity {
  if (settings.overrides.severity) {
    const s = severityOn(evaluate(settings.overrides.severity, item), settings.severityScale);
    if (s) return s;
  }
  // The Severity Scale input governs the generic path (whose own candidates read 'auto').
  for (const c of preset.severity) {
    // Only the first match is read: two are enough to tell one match from several.
    const v = evaluate({ language: 'JSONPath', source: c.path }, item, 2);
    const s = severityOn(Array.isArray(v) ? v[0] : v, c.scale === 'auto' ? settings.severityScale : c.scale);
    if (s) return s;
  }
  return preset.defaultSeverity ?? 'medium';
}

function statusOfItem(item: unknown, preset: Preset): AlertStatus {
  if (!preset.status) return 'firing';
  const values = preset.status.paths.map((source) => {
    const v = evaluate({ language: 'JSONPath', source }, item);
    return typeof v === 'boolean' ? String(v) : v;
  });
  return lifecycleStatus(values, preset.status.map, preset.status.otherwise);
}

/**
 * One alert item, normalised. `maxIndicators`: the most indicators it may report (indicator-budget.ts:
 * 500 alone, less in a large batch).
 */
export function normaliseAlert(
  item: unknown,
  settings: TriggerSettings,
  nowMs: number,
  preset: Preset = settings.preset,
  maxIndicators: number = MAX_INDICATORS_PER_ALERT,
): NormaliseResult {
  if (typeof item === 'string') {
    // A text body: the first line is the title, the whole text the description.
    item = { title: item.split('\n')[0]!.slice(0, 200), description: item };
  }
  if (item === null || typeof item !== 'object') return { ok: false, detail: 'the alert is not a JSON object' };
  item = withJsonText(item, preset.jsonText);
  const candidates = candidatesOf(settings.overrides, preset);
  const rawId = idText(firstValue(candidates.id, item)) ?? preset.deriveId?.(item);
  let title: string | undefined;
  for (const c of candidates.title) {
    title = titleText(evaluate(c, item));
    if (title !== undefined) break;
  }
  const source = asText(firstValue(candidates.source, item)) || preset.source;
  title ??= fallbackTitle(item) ?? `${source} alert`;
  const description = asText(firstValue(candidates.description, item));
  const severity = severityOf(item, preset, settings);
  const link = asText(firstValue(candidates.link, item));
  const timestampRaw = firstValue(candidates.timestamp, item);
  const fields: Record<string, string> = {};
  for (const f of settings.extraFields) fields[f.name] = asText(evaluate(f.expression, item));
  const exclude = new Set([link, asText(timestampRaw)]);
  const accounts = accountAddresses(item);
  const indicators = scanAlert(item, {
    types: settings.indicatorTypes,
    refang: settings.refang,
    allowList: [...settings.allowList, ...(preset.allowDomains ?? [])],
    dropPrivate: settings.dropPrivate,
    maxIndicators,
    reportUrlHosts: settings.reportUrlHosts,
    ...(preset.evidence ? { evidence: preset.evidence } : {}),
    ...(preset.metadata || preset.assets ? { metadata: [...(preset.metadata ?? []), ...(preset.assets ?? [])] } : {}),
    exclude,
    ...(link && preset.toolLink !== false ? { toolLinks: [link] } : {}),
    ...(preset.assets ? { ownHosts: assetNames(item, preset.assets) } : {}),
  }).filter((x) => x.type !== 'EmailAddress' || !accounts.has(x.value.toLowerCase()));
  const id = rawId ?? `sha256:${itemDigest(item).slice(0, 32)}`;
  return {
    ok: true,
    alert: {
      id,
      idFromPayload: rawId !== undefined,
      title,
      severity,
      severity_score: severityScore(severity),
      status: statusOfItem(item, preset),
      description,
      source,
      preset: preset.name,
      timestamp: isoTimestamp(timestampRaw, nowMs),
      link,
      fields,
      indicators,
    },
  };
}

/**
 * The alerts of a payload: the Alert List Expression's array, a root array, the preset's item list,
 * or the payload itself.
 */
export function alertItems(payload: unknown, preset: Preset, alertList: Expression | undefined, maxItems: number): unknown[] {
  if (alertList) {
    const listed = evaluate(alertList, payload);
    if (Array.isArray(listed)) return listed.slice(0, maxItems);
    if (listed !== undefined && listed !== null && typeof listed === 'object') return [listed];
  }
  if (Array.isArray(payload)) return payload.slice(0, maxItems);
  for (const path of preset.items ?? []) {
    const items = evaluate({ language: 'JSONPath', source: path }, payload);
    if (Array.isArray(items) && items.length > 0) return items.slice(0, maxItems);
    if (items !== undefined && items !== null && typeof items === 'object') return [items];
  }
  return [payload];
}
