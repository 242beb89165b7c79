/**
 * Each source preset's field map as Markdown, rendered from the preset objects themselves
 * (app/core/presets), so the shipped README and user guide never drift from the code. Generic
 * over the Preset shape: every entry of `fields`, then every other documented property (batch
 * items, source name, severity scale, evidence, metadata, vendor domains, …) that a preset has.
 */
import { PRESETS } from '../../../app/core/presets/index.js';
import { severityOn, type SeverityScale } from '../../../app/core/pipeline/severity.js';

/** What rendering needs of a preset: a name, a field map, and any other plain properties. */
export interface PresetLike {
  name: string;
  fields: Readonly<Record<string, readonly string[] | undefined>>;
}

/** Properties that are not part of the field map's documentation. */
const NOT_DOCUMENTED = new Set(['name', 'fields', 'sample', 'detect', 'deriveId']);

/** Readable names for the properties we know; others are shown by their key, split into words. */
const LABELS: Readonly<Record<string, string>> = {
  items: 'Batch: alerts listed at',
  source: 'Source name when the payload gives none',
  severity: 'Severity read from (first known value wins)',
  defaultSeverity: 'Severity when none is given',
  status: 'Lifecycle status read from',
  dedupe: 'Dedupe key made of',
  docs: 'Vendor documentation',
  aliases: 'Also accepted as',
  evidence: 'Indicators are extracted only from',
  metadata: "Never scanned for indicators (the tool's own ids, links, people)",
  allowDomains: 'Vendor domains never reported as indicators',
};

function words(key: string): string {
  const spaced = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function code(text: string): string {
  const escaped = text.replace(/\|/g, '\\|');
  return escaped.includes('`') ? `\`\` ${escaped} \`\`` : `\`${escaped}\``;
}

/** A numeric severity scale as ranges of whole numbers, read off the code that applies it. */
export function scaleText(scale: SeverityScale): string | null {
  const runs: Array<{ from: number; to: number; level: string }> = [];
  for (let n = 0; n <= 100; n += 1) {
    const level = severityOn(n, scale) as string | undefined;
    if (level === undefined && runs.length === 0) continue;
    if (level === undefined) return runs.map((r) => `${r.from === r.to ? r.from : `${r.from}-${r.to}`} ${r.level}`).join(', ');
    const last = runs[runs.length - 1];
    if (last && last.level === level) last.to = n;
    else runs.push({ from: n, to: n, level });
  }
  if (runs.length === 0) return null;
  return runs.map((r, i) => `${i === runs.length - 1 ? `${r.from}+` : r.from === r.to ? r.from : `${r.from}-${r.to}`} ${r.level}`).join(', ');
}

function describeProperty(key: string, value: unknown): string | null {
  if (key === 'severity' && Array.isArray(value)) {
    const parts = value
      .filter((c): c is { path: string; scale: SeverityScale } => typeof c === 'object' && c !== null && 'path' in c && 'scale' in c)
      .map((c) => `${code(c.path)} (scale ${code(c.scale)})`);
    return parts.length === 0 ? null : parts.join('; then ');
  }
  if (key === 'status' && value && typeof value === 'object' && 'paths' in value) {
    const { paths, map } = value as { paths: string[]; map?: Record<string, string> };
    const words = map
      ? ` (${Object.entries(map)
          .map(([k, v]) => `${code(k)} → ${v}`)
          .join(', ')})`
      : '';
    return `${paths.map(code).join(', ')}${words}`;
  }
  return describe(value);
}

function describe(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : code(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const items = value.filter((v): v is string => typeof v === 'string');
    return items.length === 0 ? null : items.map(code).join(', ');
  }
  return null;
}

/** One preset: its field table (expressions tried in order) and its other properties. */
export function presetSection(preset: PresetLike, heading = '###'): string {
  const rows = Object.entries(preset.fields)
    .filter((entry): entry is [string, readonly string[]] => Array.isArray(entry[1]) && entry[1].length > 0)
    .map(([field, paths]) => `| ${field} | ${paths.map(code).join(', then ')} |`);
  const extras = Object.entries(preset as unknown as Record<string, unknown>)
    .filter(([key]) => !NOT_DOCUMENTED.has(key))
    .map(([key, value]) => [LABELS[key] ?? words(key), describeProperty(key, value)] as const)
    .filter((entry): entry is readonly [string, string] => entry[1] !== null)
    .map(([label, text]) => `- ${label}: ${text}`);
  return [
    `${heading} ${preset.name}`,
    '',
    '| Field | Taken from (first match wins) |',
    '|---|---|',
    ...rows,
    ...(extras.length > 0 ? ['', ...extras] : []),
  ].join('\n');
}

/** Every preset's section, in the order of the Alert Source choice list. */
export function presetReference(presets: readonly PresetLike[] = PRESETS as unknown as readonly PresetLike[], heading = '###'): string {
  const intro =
    "Each preset says where the alert fields are in that tool's payload (JSONPath, evaluated on one alert). The first expression that finds a value wins; a field expression set on the trigger overrides the preset.";
  const scales = [...new Set(presets.flatMap((p) => ((p as unknown as { severity?: Array<{ scale?: SeverityScale }> }).severity ?? []).map((c) => c.scale)))]
    .filter((s): s is SeverityScale => typeof s === 'string')
    .map((s) => [s, scaleText(s)] as const)
    .filter((entry): entry is readonly [SeverityScale, string] => entry[1] !== null)
    .map(([s, ranges]) => `| ${code(s)} | ${ranges} |`);
  const scaleTable = scales.length > 0 ? [`${heading} Numeric severity scales`, '', '| Scale | Numbers → severity |', '|---|---|', ...scales].join('\n') : '';
  return [intro, ...presets.map((p) => presetSection(p, heading)), ...(scaleTable ? [scaleTable] : [])].join('\n\n');
}
