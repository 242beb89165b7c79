/** The messages between the analysis pool (main thread) and the analysis worker. */
import type { Analysis, AnalysisRequest, Verdict } from './analyse-body.js';
import type { NormalisedAlert } from './normalise.js';
import { TYPE_ENTRIES } from './alert-outputs.js';
import { notePrepared, prepareOutputs, type PreparedOutputs } from './prepared-outputs.js';
import { TextPack, viewsOf, type PackedTexts } from './text-pack.js';
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
 * A candidate as posted: its indicators left out (its alert JSON holds them), its prepared outputs as
 * indexes of the analysis's packed `texts` (PREPARED_TEXTS order, then the per-type lists, then
 * its raw output when that is its own JSON: `raw` is then left out and `rawPrepared` set).
 */
type Candidate = Extract<Verdict, { kind: 'candidate' }>;
type WireCandidate = Omit<Candidate, 'alert' | 'raw'> & {
  alert: Omit<NormalisedAlert, 'indicators'>;
  raw?: null;
  rawPrepared?: true;
  count: string;
  texts: number[];
};
type WireVerdict = Exclude<Verdict, Candidate> | WireCandidate;
export type WireAnalysis = Exclude<Analysis, { kind: 'alerts' }> | { kind: 'alerts'; items: number; verdicts: WireVerdict[]; texts: PackedTexts };

const PREPARED_TEXTS = ['json', 'indicators', 'types', 'entities'] as const;

/**
 * The analysis as the worker posts it: each candidate's output values made here, off the event
 * loop, as the JSON texts the store keeps (prepared-outputs.ts); its indicators left out (500
 * objects of three strings each per alert at its cap). All the texts travel as UTF-8 bytes in a
 * few buffers (text-pack.ts), transferred with the reply (`transferOf`): the main thread receives
 * them without a copy and hands views of them to the store's client, which writes bytes as they are.
 * Texts that repeat (the types list, per-type lists) are stored once.
 */
export function toWire(analysis: Analysis): WireAnalysis {
  if (analysis.kind !== 'alerts') return analysis;
  const pack = new TextPack();
  const verdicts = analysis.verdicts.map((v): WireVerdict => {
    if (v.kind !== 'candidate') return v;
    const prepared = prepareOutputs(v.alert);
    const texts = PREPARED_TEXTS.map((name) => pack.add(prepared[name], name === 'types'));
    for (const list of prepared.byType) texts.push(list === prepared.indicators ? texts[1]! : pack.add(list, list.length <= SHARED_LIST_CHARS));
    const { indicators: _inJson, ...alert } = v.alert;
    const { raw, ...candidate } = v;
    if (typeof raw !== 'string') return { ...candidate, ...(raw === null ? { raw } : {}), alert, count: prepared.count, texts };
    texts.push(pack.add(JSON.stringify(raw)));
    return { ...candidate, rawPrepared: true, alert, count: prepared.count, texts };
  });
  return { ...analysis, verdicts, texts: pack.finish() };
}

/** Per-type lists up to this many characters are looked up among those already packed (`[]`, a short list repeated); longer ones are packed as they are. */
const SHARED_LIST_CHARS = 64;

/** What to transfer with a reply: its buffers of prepared texts. */
export const transferOf = (reply: AnalysisReply): ArrayBuffer[] => (reply.ok && reply.analysis.kind === 'alerts' ? reply.analysis.texts.chunks : []);

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
 * (and its raw output, when prepared) read back from its prepared texts on first use
 * (run-pipeline.ts never reads them), its prepared outputs noted for buildOutputs (preparedFor).
 */
export function fromWire(wire: WireAnalysis): Analysis {
  if (wire.kind !== 'alerts') return wire;
  const { texts: packed, ...analysis } = wire;
  const views = viewsOf(packed);
  const verdicts = wire.verdicts.map((v): Verdict => {
    if (v.kind !== 'candidate') return v;
    const { count, texts, rawPrepared, ...candidate } = v;
    const [json, indicators, types, entities, ...rest] = texts.map((i) => views[i]!) as [Buffer, Buffer, Buffer, Buffer, ...Buffer[]];
    const byType = rest.slice(0, TYPE_ENTRIES.length);
    const outputs: PreparedOutputs = { json, indicators, types, entities, count, byType, ...(rawPrepared ? { raw: rest[TYPE_ENTRIES.length]! } : {}) };
    const alert = candidate.alert as NormalisedAlert;
    lazyProperty(alert, 'indicators', () => (JSON.parse(JSON.parse(json.toString('utf8')) as string) as Pick<NormalisedAlert, 'indicators'>).indicators);
    notePrepared(alert, outputs);
    const verdict: Candidate = { ...candidate, alert };
    if (outputs.raw !== undefined) {
      const raw = outputs.raw;
      lazyProperty(verdict, 'raw', () => JSON.parse(raw.toString('utf8')) as string);
    }
    return verdict;
  });
  return { ...analysis, verdicts };
}
