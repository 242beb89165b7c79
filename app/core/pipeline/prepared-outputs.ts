/**
 * The output values of a fired alert that depend on the alert alone, as their JSON texts, made in the
 * analysis worker for a large body (analysis-job.ts `toWire`; a small body's outputs are built
 * in-line by buildOutputs). Texts cross to the main thread as copies of their characters, where 500
 * indicators as objects cost 500 objects and 1,500 strings to receive; the main thread then neither
 * builds nor encodes them (outputs/prepared-value.ts). Each text is what JSON.stringify writes for
 * the value buildOutputs builds in-line: the outputs are the same byte for byte
 * (test/core/pipeline/prepared-outputs.test.ts). Memory: an alert's indicator values are held four
 * times as text (list, entities, per-type list, alert JSON) until its fire is written.
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

/** The JSON text of each indicator type name (a handful). */
const typeTexts = new Map<string, string>();
function typeText(type: string): string {
  let text = typeTexts.get(type);
  if (text === undefined) {
    text = JSON.stringify(type);
    typeTexts.set(type, text);
  }
  return text;
}

/**
 * The texts, composed from each indicator's value as JSON (made once, used four times) and each
 * field path's (once per run of indicators from the same string): what JSON.stringify writes for
 * string-valued objects and arrays of strings, without building them.
 */
export function prepareOutputs(alert: NormalisedAlert): PreparedOutputs {
  const found = alert.indicators;
  const n = found.length;
  const values = new Array<string>(n);
  const types = new Array<string>(n);
  const entities = new Array<string>(n);
  const listed = new Array<string>(n);
  const byType = new Map<string, string[]>(TYPE_ENTRIES.map(([type]) => [type, []]));
  let field: string | undefined;
  let fieldText = '';
  for (let k = 0; k < n; k++) {
    const i = found[k]!;
    const value = JSON.stringify(i.value);
    const type = typeText(i.type);
    if (i.field !== field) {
      field = i.field;
      fieldText = JSON.stringify(field);
    }
    values[k] = value;
    types[k] = type;
    entities[k] = `{"id":"","value":${value},"type":${type},"field":${fieldText}}`;
    listed[k] = `{"type":${type},"value":${value},"field":${fieldText}}`;
    byType.get(i.type)?.push(value);
  }
  return {
    json: alertText(alert, listed),
    indicators: `[${values.join(',')}]`,
    types: `[${types.join(',')}]`,
    entities: `[${entities.join(',')}]`,
    count: String(n),
    byType: TYPE_ENTRIES.map(([type]) => `[${byType.get(type)!.join(',')}]`),
  };
}

/** alertJson(alert), its indicators (the last key of a normalised alert) written from their texts. */
function alertText(alert: NormalisedAlert, listed: string[]): string {
  const keys = Object.keys(alert);
  if (keys[keys.length - 1] !== 'indicators' || keys.length < 3) return alertJson(alert);
  const { idFromPayload: _omit, indicators: _listed, ...rest } = alert;
  const head = JSON.stringify(rest);
  return `${head.slice(0, -1)},"indicators":[${listed.join(',')}]}`;
}

/** Prepared outputs of alerts received from the analysis worker (analysis-job.ts), by alert. */
const prepared = new WeakMap<NormalisedAlert, PreparedOutputs>();
export const notePrepared = (alert: NormalisedAlert, outputs: PreparedOutputs): void => void prepared.set(alert, outputs);
/** The alert's prepared outputs when it came from the analysis worker, else undefined (buildOutputs builds them). */
export const preparedFor = (alert: NormalisedAlert): PreparedOutputs | undefined => prepared.get(alert);
