/**
 * The real-alert corpus (test/corpus/<source>/<case>.json): each case is a request built from a
 * vendor's documented payload, the trigger inputs, and what an analyst expects — the decision, the
 * normalised fields, the indicators and the indicators that must not be reported. Played in-process
 * through the real alert app (memory KV); scored per source.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAlertApp } from '../../../app/core/alert-app.js';
import { hmac } from '../../../app/core/pipeline/auth/hmac.js';
import type { NameValue } from '../../../app/protocol/messages.js';
import { offlineAppDeps } from '../offline-deps.js';
import { repoManifest } from '../repo-manifest.js';

export interface CorpusAlert {
  fields: Record<string, string>;
  /** "Type:value" */
  indicators: string[];
  notIndicators: string[];
}
export interface CorpusExpect {
  /** `fired`, or the reason code of the answer (resolved, duplicate, auth_invalid …). */
  decision: string;
  alerts?: CorpusAlert[];
}
export interface CorpusRequest {
  headers?: Record<string, string>;
  body?: unknown;
  bodyText?: string;
  /** Signatures to add: `{header, prefix, secrets[]}` → `header: prefix+hmac(s1),prefix+hmac(s2)…` (HMAC-SHA256 hex). */
  sign?: { header: string; prefix?: string; secrets: string[] };
}
export interface CorpusCase {
  file: string;
  source: string;
  doc: string;
  note?: string;
  trigger: Record<string, unknown>;
  request: CorpusRequest;
  expect: CorpusExpect;
  then?: Array<{ request: CorpusRequest; expect: CorpusExpect }>;
}

export interface Observed {
  decision: string;
  alerts: Array<{ fields: Record<string, string>; indicators: string[] }>;
}

export function loadCorpus(dir: string): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const source of readdirSync(dir).sort()) {
    for (const f of readdirSync(join(dir, source))
      .filter((x) => x.endsWith('.json'))
      .sort()) {
      cases.push({ ...(JSON.parse(readFileSync(join(dir, source, f), 'utf8')) as Omit<CorpusCase, 'file'>), file: `${source}/${f}` });
    }
  }
  return cases;
}

function build(r: CorpusRequest): { headers: NameValue[]; body: Buffer } {
  const body = Buffer.from(r.bodyText ?? JSON.stringify(r.body), 'utf8');
  const headers = Object.entries(r.headers ?? { 'Content-Type': 'application/json' }).map(([name, value]) => ({ name, value }));
  if (r.sign) {
    const value = r.sign.secrets.map((s) => `${r.sign!.prefix ?? ''}${hmac('sha256', s, body).toString('hex')}`).join(',');
    headers.push({ name: r.sign.header, value });
  }
  return { headers, body };
}

const FIELDS = ['id', 'title', 'severity', 'status', 'preset', 'source', 'timestamp', 'link', 'description'];

/** Plays a case (and its follow-up requests, same trigger and store); one observation per request. */
export async function playCase(c: CorpusCase): Promise<Observed[]> {
  const app = createAlertApp(repoManifest());
  const deps = offlineAppDeps(() => Date.parse('2026-11-22T18:30:00Z'));
  const created = await app.createConfig(1, c.trigger, deps);
  if (created.status !== 'Success') throw new Error(`${c.file}: CreateConfig failed: ${created.message}`);
  const out: Observed[] = [];
  for (const r of [c.request, ...(c.then ?? []).map((t) => t.request)]) {
    const { headers, body } = build(r);
    const result = await app.webhookEvent(
      { triggerId: 1, requestKey: randomUUID(), sessionId: randomUUID(), method: 'POST', headers, queryParams: [], body, settings: created.settings },
      deps,
    );
    if (result.kind === 'fire') {
      out.push({
        decision: 'fired',
        alerts: result.fires.map((f) => {
          const v = (name: string) => String(f[`alert_intake.results.alert.${name}`]?.value ?? '');
          const values = (f['alert_intake.results.indicators']?.value ?? []) as string[];
          const types = (f['alert_intake.results.indicators.types']?.value ?? []) as string[];
          return { fields: Object.fromEntries(FIELDS.map((k) => [k, v(k)])), indicators: values.map((x, i) => `${types[i]}:${x}`) };
        }),
      });
    } else {
      let reason = `status ${result.statusCode}`;
      try {
        reason = (JSON.parse(String(result.body)) as { reason?: string }).reason ?? reason;
      } catch {
        // not JSON
      }
      out.push({ decision: reason, alerts: [] });
    }
  }
  return out;
}

export interface Score {
  fieldsRight: number;
  fieldsTotal: number;
  expectedIndicators: number;
  foundExpected: number;
  reported: number;
  reportedForbidden: number;
  lost: number;
  extraFires: number;
  decisionsWrong: number;
  problems: string[];
}

export const emptyScore = (): Score => ({
  fieldsRight: 0,
  fieldsTotal: 0,
  expectedIndicators: 0,
  foundExpected: 0,
  reported: 0,
  reportedForbidden: 0,
  lost: 0,
  extraFires: 0,
  decisionsWrong: 0,
  problems: [],
});

/** Compares one observation with its expectation, adding to `s`. */
export function score(s: Score, expect: CorpusExpect, seen: Observed, label: string): void {
  if (seen.decision !== expect.decision) {
    s.decisionsWrong++;
    s.problems.push(`${label}: decision ${seen.decision}, expected ${expect.decision}`);
    if (expect.decision === 'fired') s.lost += expect.alerts?.length ?? 1;
    else if (seen.decision === 'fired') s.extraFires += seen.alerts.length;
  }
  const expected = expect.alerts ?? [];
  if (expect.decision === 'fired' && seen.decision === 'fired' && seen.alerts.length !== expected.length) {
    s.problems.push(`${label}: ${seen.alerts.length} alerts fired, expected ${expected.length}`);
    if (seen.alerts.length < expected.length) s.lost += expected.length - seen.alerts.length;
    else s.extraFires += seen.alerts.length - expected.length;
  }
  expected.forEach((a, i) => {
    const got = seen.alerts[i];
    for (const [k, v] of Object.entries(a.fields)) {
      s.fieldsTotal++;
      if (got?.fields[k] === v) s.fieldsRight++;
      else s.problems.push(`${label} alert ${i} ${k}: ${JSON.stringify(got?.fields[k])}, expected ${JSON.stringify(v)}`);
    }
    const reported = new Set(got?.indicators ?? []);
    s.expectedIndicators += a.indicators.length;
    for (const x of a.indicators) {
      if (reported.has(x)) s.foundExpected++;
      else s.problems.push(`${label} alert ${i}: missed indicator ${x}`);
    }
    s.reported += reported.size;
    const wanted = new Set(a.indicators);
    for (const x of reported)
      if (!wanted.has(x)) s.problems.push(`${label} alert ${i}: unexpected indicator ${x}${a.notIndicators.includes(x) ? ' (listed as must-not)' : ''}`);
    s.reportedForbidden += a.notIndicators.filter((x) => reported.has(x)).length;
  });
}

export function add(a: Score, b: Score): Score {
  return {
    fieldsRight: a.fieldsRight + b.fieldsRight,
    fieldsTotal: a.fieldsTotal + b.fieldsTotal,
    expectedIndicators: a.expectedIndicators + b.expectedIndicators,
    foundExpected: a.foundExpected + b.foundExpected,
    reported: a.reported + b.reported,
    reportedForbidden: a.reportedForbidden + b.reportedForbidden,
    lost: a.lost + b.lost,
    extraFires: a.extraFires + b.extraFires,
    decisionsWrong: a.decisionsWrong + b.decisionsWrong,
    problems: [...a.problems, ...b.problems],
  };
}

/** Recall and precision as ratios (1 when there is nothing to find / nothing reported). */
export const recall = (s: Score): number => (s.expectedIndicators === 0 ? 1 : s.foundExpected / s.expectedIndicators);
export const precision = (s: Score): number => (s.reported === 0 ? 1 : s.foundExpected / s.reported);

/** Plays the whole corpus; scores per source. */
export async function runCorpus(dir: string): Promise<{ bySource: Map<string, Score & { cases: number }>; total: Score & { cases: number } }> {
  const bySource = new Map<string, Score & { cases: number }>();
  for (const c of loadCorpus(dir)) {
    const seen = await playCase(c);
    const s = emptyScore();
    const expects = [c.expect, ...(c.then ?? []).map((t) => t.expect)];
    for (const [i, e] of expects.entries()) score(s, e, seen[i]!, i === 0 ? c.file : `${c.file} (request ${i + 1})`);
    const prev = bySource.get(c.source) ?? { ...emptyScore(), cases: 0 };
    bySource.set(c.source, { ...add(prev, s), cases: prev.cases + 1 });
  }
  let total = { ...emptyScore(), cases: 0 };
  for (const s of bySource.values()) total = { ...add(total, s), cases: total.cases + s.cases };
  return { bySource, total };
}
