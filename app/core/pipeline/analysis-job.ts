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

/** A candidate as posted: its output values as JSON texts, its indicators left out (its `json` text holds them). */
type Candidate = Extract<Verdict, { kind: 'candidate' }>;
type WireVerdict = Exclude<Verdict, Candidate> | (Omit<Candidate, 'alert'> & { alert: Omit<NormalisedAlert, 'indicators'>; outputs: PreparedOutputs });
export type WireAnalysis = Exclude<Analysis, { kind: 'alerts' }> | { kind: 'alerts'; items: number; verdicts: WireVerdict[] };

/**
 * The analysis as the worker posts it: each candidate's output values made here, off the event
 * loop, as JSON texts (prepared-outputs.ts); its indicators left out: 500 objects of three strings
 * each to copy per alert at its cap, where a string is one copy of its characters.
 */
export function toWire(analysis: Analysis): WireAnalysis {
  if (analysis.kind !== 'alerts') return analysis;
  const verdicts = analysis.verdicts.map((v): WireVerdict => {
    if (v.kind !== 'candidate') return v;
    const { indicators: _inJson, ...alert } = v.alert;
    return { ...v, alert, outputs: prepareOutputs(v.alert) };
  });
  return { ...analysis, verdicts };
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
  const verdicts = wire.verdicts.map((v): Verdict => {
    if (v.kind !== 'candidate') return v;
    const { outputs, ...candidate } = v;
    const alert = candidate.alert as NormalisedAlert;
    lazyProperty(alert, 'indicators', () => (JSON.parse(outputs.json) as Pick<NormalisedAlert, 'indicators'>).indicators);
    notePrepared(alert, outputs);
    return { ...candidate, alert };
  });
  return { ...wire, verdicts };
}
