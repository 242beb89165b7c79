/** The messages between the analysis pool (main thread) and the analysis worker. */
import type { Analysis, AnalysisRequest, Verdict } from './analyse-body.js';
import type { NormalisedAlert } from './normalise.js';
import { notePrepared, prepareOutputs, type PreparedOutputs } from './prepared-outputs.js';
import type { AnalysisSettings } from './analysis-settings.js';
import type { PipelineLimits } from './run-pipeline.js';

export interface AnalysisJob {
  id: number;
  /** The raw body (a copy of exactly its bytes, transferred). */
  body: Uint8Array;
  req: AnalysisRequest;
  settings: AnalysisSettings;
  limits: PipelineLimits;
  now: number;
}

export type AnalysisReply = { id: number; ok: true; analysis: WireAnalysis } | { id: number; ok: false; error: string };

/** Posted once by the worker when its module has loaded: it can take jobs. */
export const WORKER_READY = 'ready';

/**
 * A candidate as posted: its indicators left out (its `json` text holds them), its prepared output
 * texts as their lengths in the analysis's `texts` (PREPARED_TEXTS order, then the per-type lists).
 */
type Candidate = Extract<Verdict, { kind: 'candidate' }>;
type WireVerdict = Exclude<Verdict, Candidate> | (Omit<Candidate, 'alert'> & { alert: Omit<NormalisedAlert, 'indicators'>; count: string; lengths: number[] });
export type WireAnalysis = Exclude<Analysis, { kind: 'alerts' }> | { kind: 'alerts'; items: number; verdicts: WireVerdict[]; texts: string };

const PREPARED_TEXTS = ['json', 'indicators', 'types', 'entities'] as const;

/**
 * The analysis as the worker posts it: each candidate's output values made here, off the event
 * loop, as JSON texts (prepared-outputs.ts); its indicators left out: 500 objects of three strings
 * each to copy per alert at its cap, where a string is one copy of its characters. All the texts
 * travel as one string (`texts`): received, it is one allocation in the main thread's large-object
 * space, never copied by a scavenge, and each text is a slice of it.
 */
export function toWire(analysis: Analysis): WireAnalysis {
  if (analysis.kind !== 'alerts') return analysis;
  const texts: string[] = [];
  const verdicts = analysis.verdicts.map((v): WireVerdict => {
    if (v.kind !== 'candidate') return v;
    const prepared = prepareOutputs(v.alert);
    const lengths: number[] = [];
    for (const t of [...PREPARED_TEXTS.map((name) => prepared[name]), ...prepared.byType]) {
      texts.push(t);
      lengths.push(t.length);
    }
    const { indicators: _inJson, ...alert } = v.alert;
    return { ...v, alert, count: prepared.count, lengths };
  });
  return { ...analysis, verdicts, texts: texts.join('') };
}

/** A value that reads itself from `read()` on first use, and is an ordinary property from then on. */
function lazyProperty<T>(target: object, name: string, read: () => T): void {
  const settle = (value: T) => Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
  Object.defineProperty(target, name, {
    enumerable: true,
    configurable: true,
    get() {
      const value = read();
      settle(value);
      return value;
    },
    set: settle,
  });
}

/**
 * The analysis as received from the worker, as analyseBody returned it: each candidate's indicators
 * read back from its `json` text on first use (run-pipeline.ts never reads them), its prepared
 * outputs noted for buildOutputs (preparedFor).
 */
export function fromWire(wire: WireAnalysis): Analysis {
  if (wire.kind !== 'alerts') return wire;
  const { texts, ...analysis } = wire;
  let at = 0;
  const next = (length: number) => texts.slice(at, (at += length));
  const verdicts = wire.verdicts.map((v): Verdict => {
    if (v.kind !== 'candidate') return v;
    const { count, lengths, ...candidate } = v;
    const [json, indicators, types, entities, ...byType] = lengths.map(next) as [string, string, string, string, ...string[]];
    const outputs: PreparedOutputs = { json, indicators, types, entities, count, byType };
    const alert = candidate.alert as NormalisedAlert;
    lazyProperty(alert, 'indicators', () => (JSON.parse(outputs.json) as Pick<NormalisedAlert, 'indicators'>).indicators);
    notePrepared(alert, outputs);
    return { ...candidate, alert };
  });
  return { ...analysis, verdicts };
}
