/**
 * The terminal's account of each request, leading with what matters: the decision and its reason,
 * then per fired alert its title, severity, source and indicators counted by type, then the other
 * output variables, compact. Three levels: `line` (one line per request, --quiet), `block` (the
 * default), `full` (--verbose: every variable in full, headers and raw JSON included).
 * Secrets are masked and long values cut.
 */
import { createRedactor } from '../adapters/log/redact.js';
import type { FiredSession, SimEvent } from './events.js';

export type EventDetail = 'line' | 'block' | 'full';

/** The detail of a request that held one alert and fired it: nothing to add. */
const SINGLE_FIRED = '1 of 1 alert(s) fired';

const redactor = createRedactor();
const SENSITIVE_NAME = /(secret|passw|token|authorization|cookie|signature)/i;
const PREFIX = 'alert_intake.results.';
/** Shown in the lead lines of a fired alert (or, for `indicators`, by type below), so not repeated among the variables. */
const LEAD = [
  'alert.title',
  'alert.severity',
  'alert.severity_score',
  'alert.source',
  'indicators',
  'indicators.types',
  'indicators.count',
  'indicators.entities',
];
/** Long copies of the request: printed with --verbose only. */
const VERBOSE_ONLY = ['alert_intake.response.headers', 'alert_intake.response.json.raw', 'alert_intake.results.alert.json'];

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

function show(value: unknown, max: number): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null');
  return cut(text, max);
}

function outputValue(fire: FiredSession, name: string): unknown {
  const o = fire.outputs[name];
  if (!o) return undefined;
  return SENSITIVE_NAME.test(name) ? '***' : redactor.redactValue(o.value);
}

const text = (fire: FiredSession, short: string): string | undefined => {
  const v = outputValue(fire, `${PREFIX}${short}`);
  return v === undefined || v === null || v === '' ? undefined : String(v);
};

/** "2 Address, 1 URL" from the entities, else the parallel types list, else the per-type lists. */
export function indicatorCounts(fire: FiredSession): string {
  const counts = new Map<string, number>();
  const entities = outputValue(fire, `${PREFIX}indicators.entities`);
  const types = outputValue(fire, `${PREFIX}indicators.types`);
  const add = (type: string) => counts.set(type, (counts.get(type) ?? 0) + 1);
  if (Array.isArray(entities)) {
    for (const e of entities) add(String((e as { type?: unknown })?.type ?? '?'));
  } else if (Array.isArray(types)) {
    // One type per indicator, parallel to alert_intake.results.indicators.
    for (const t of types) add(String(t));
  } else {
    const perType: Array<[string, string]> = [
      ['address', 'Address'],
      ['host', 'Host'],
      ['url', 'URL'],
      ['email_address', 'EmailAddress'],
      ['file', 'File'],
      ['cve', 'CVE'],
    ];
    for (const [key, type] of perType) {
      const list = outputValue(fire, `${PREFIX}indicators.${key}`);
      if (Array.isArray(list) && list.length > 0) counts.set(type, list.length);
    }
  }
  if (counts.size === 0) {
    const count = text(fire, 'indicators.count');
    return count === undefined ? 'not requested' : count === '0' ? 'none' : `${count}`;
  }
  return [...counts].map(([type, n]) => `${n} ${type}`).join(', ');
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function firedLines(fire: FiredSession, index: number, detail: EventDetail): string[] {
  const title = text(fire, 'alert.title');
  const severity = text(fire, 'alert.severity');
  const score = text(fire, 'alert.severity_score');
  const lines = [
    `   fired ${index + 1}: ${title === undefined ? '(title not requested)' : JSON.stringify(cut(title, 100))}`,
    `      severity ${severity ?? '(not requested)'}${score ? ` (${score})` : ''} · source ${text(fire, 'alert.source') ?? '(not requested)'} · indicators: ${indicatorCounts(fire)}`,
  ];
  const names = Object.keys(fire.outputs).filter((n) => detail === 'full' || (!VERBOSE_ONLY.includes(n) && !LEAD.includes(n.slice(PREFIX.length))));
  const shown = names.filter((n) => detail === 'full' || !isEmpty(outputValue(fire, n)));
  for (const name of shown) {
    const o = fire.outputs[name]!;
    const label = detail === 'full' ? `${name} (${o.type})` : name.startsWith(PREFIX) ? name.slice(PREFIX.length) : name;
    lines.push(`      ${label} = ${show(outputValue(fire, name), detail === 'full' ? 4000 : 100)}`);
  }
  if (detail === 'full' || names.length > shown.length) {
    const hidden = names.length - shown.length + (detail === 'full' ? 0 : Object.keys(fire.outputs).filter((n) => VERBOSE_ONLY.includes(n)).length);
    if (hidden > 0) lines.push(`      (${hidden} empty or long variable(s) not shown; --verbose shows all)`);
  }
  lines.push(`      session ${fire.sessionId}`);
  return lines;
}

function target(e: SimEvent): string {
  return Number.isInteger(e.triggerId) ? `trigger ${e.triggerId}` : 'no trigger';
}

/** The reason's detail split into one line per alert of a batch. */
function detailLines(detail: string | undefined): string[] {
  if (!detail) return [];
  return detail.split(/; (?=alert \d+ )/);
}

export function formatEvent(e: SimEvent, detail: EventDetail = 'block'): string {
  const outcome = `${e.decision.toUpperCase()} ${e.status}`;
  const why = e.reason && e.reason !== 'fired' ? ` · ${e.reason}` : '';
  if (detail === 'line') {
    const title = e.fires[0] ? text(e.fires[0], 'alert.title') : undefined;
    const parts = [`#${e.seq} ${e.method} ${e.path} → ${target(e)}: ${outcome}${why}`];
    if (title) parts.push(JSON.stringify(cut(title, 80)));
    if (e.detail && e.detail !== SINGLE_FIRED) parts.push(cut(e.detail, 200));
    return parts.join(' · ');
  }
  const lines = [`── #${e.seq} ${e.method} ${e.path} → ${target(e)}: ${outcome}${why} · ${e.durationMs} ms`];
  const [first, ...items] = detailLines(e.detail);
  if (first && first !== SINGLE_FIRED) lines.push(`   ${first}`);
  for (const item of items) lines.push(`   · ${item}`);
  for (const [i, fire] of e.fires.entries()) lines.push(...firedLines(fire, i, detail));
  if (e.decision !== 'fired' && e.responseBody && (detail === 'full' || !e.detail))
    lines.push(`   body: ${cut(e.responseBody, detail === 'full' ? 2000 : 200)}`);
  return lines.join('\n');
}
