/**
 * The output values of a fired alert that depend on the alert alone, as their JSON texts, made where
 * the alert was analysed (analyse-body.ts: in the analysis worker for a large body). A string crosses
 * to the main thread as one copy of its characters, where 500 indicators as objects cost 500 objects
 * and 1,500 strings to receive; the main thread then neither builds nor encodes them
 * (outputs/prepared-value.ts). Each text is JSON.stringify of exactly the value buildOutputs gave
 * before: the outputs are the same byte for byte.
 */
import { alertJson, TYPE_ENTRIES } from './alert-outputs.js';
import type { NormalisedAlert } from './normalise.js';

export interface PreparedOutputs {
  /** `alert_intake.results.alert.json`. */
  json: string;
  /** `alert_intake.results.indicators`, `….types`, `….entities` (JSON) and `….count` (the text of the number). */
  indicators: string;
  types: string;
  entities: string;
  count: string;
  /** The per-type lists (JSON), in TYPE_ENTRIES order. */
  byType: string[];
}

export function prepareOutputs(alert: NormalisedAlert): PreparedOutputs {
  const values: string[] = [];
  const types: string[] = [];
  const entities: Array<{ id: string; value: string; type: string; field: string }> = [];
  const byType = new Map<string, string[]>(TYPE_ENTRIES.map(([type]) => [type, []]));
  for (const i of alert.indicators) {
    values.push(i.value);
    types.push(i.type);
    entities.push({ id: '', value: i.value, type: i.type, field: i.field });
    byType.get(i.type)?.push(i.value);
  }
  return {
    json: alertJson(alert),
    indicators: JSON.stringify(values),
    types: JSON.stringify(types),
    entities: JSON.stringify(entities),
    count: String(alert.indicators.length),
    byType: TYPE_ENTRIES.map(([type]) => JSON.stringify(byType.get(type)!)),
  };
}

/** Prepared outputs of alerts received from the analysis worker (analysis-job.ts), by alert. */
const prepared = new WeakMap<NormalisedAlert, PreparedOutputs>();
export const notePrepared = (alert: NormalisedAlert, outputs: PreparedOutputs): void => void prepared.set(alert, outputs);
/** The alert's prepared outputs when it came from the analysis worker, else undefined (buildOutputs builds them). */
export const preparedFor = (alert: NormalisedAlert): PreparedOutputs | undefined => prepared.get(alert);
