/**
 * The output values of a fired alert that depend on the alert alone, as the JSON texts the session
 * hash stores, made in the analysis worker for a large body (analysis-job.ts `toWire`; a small body's
 * outputs are built in-line by buildOutputs). They cross to the main thread as UTF-8 bytes
 * (analysis-job.ts), where the store's client writes them as they are (outputs/prepared-value.ts): the
 * event loop neither builds, measures nor encodes them. Each text is what encoding the value
 * buildOutputs builds in-line gives (`JSON.stringify` of the list, of the entity list, of the
 * alert's JSON as a String): the outputs are the same byte for byte
 * (test/core/pipeline/prepared-outputs.test.ts).
 */
import { alertJson, TYPE_ENTRIES } from './alert-outputs.js';
import type { NormalisedAlert } from './normalise.js';

/**
 * The prepared outputs of one alert: texts in the worker (`string`), their UTF-8 bytes on the main
 * thread (`Buffer`, views of the one buffer the worker transferred). Equal texts may be one and the
 * same (a per-type list holding every indicator is the indicator list; an empty list is `[]`).
 */
export interface PreparedOutputs<T extends string | Buffer = Buffer> {
  /** `alert_intake.results.alert.json` as stored: the JSON of the String (the alert's JSON text, escaped). */
  json: T;
  /** `alert_intake.results.indicators`, `….types`, `….entities` (JSON). */
  indicators: T;
  types: T;
  entities: T;
  /** `alert_intake.results.indicators.count`: the text of the number (the value, not its JSON). */
  count: string;
  /** The per-type lists (JSON), in TYPE_ENTRIES order. */
  byType: T[];
  /** `alert_intake.response.json.raw` as stored, when it is the alert's own JSON (item-raw.ts). */
  raw?: T;
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

/** The JSON of each indicator type name as it stands inside a JSON String (`\\"Host\\"`). */
const typeEscapedTexts = new Map<string, string>();
function typeEscaped(type: string): string {
  let text = typeEscapedTexts.get(type);
  if (text === undefined) {
    text = escapedJson(type);
    typeEscapedTexts.set(type, text);
  }
  return text;
}

/** `[t,t,…]` (n times) for one type: the types list of an alert whose indicators are all of one type, made once per (type, n). */
const sameTypeLists = new Map<string, string>();
const SAME_TYPE_LISTS = 4096;
function sameTypeList(type: string, n: number): string {
  const key = `${n}${type}`;
  let text = sameTypeLists.get(key);
  if (text === undefined) {
    const t = typeText(type);
    text = `[${`${t},`.repeat(n - 1)}${t}]`;
    if (sameTypeLists.size >= SAME_TYPE_LISTS) sameTypeLists.clear();
    sameTypeLists.set(key, text);
  }
  return text;
}

const EMPTY_LIST = '[]';

/**
 * A character that JSON.stringify would not write as itself (quote, backslash, control character,
 * surrogate: the last also flags well-formed pairs, which only sends such an alert the general way).
 */
const NOT_PLAIN = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * The texts, composed from each indicator's value as JSON (made once, used four times) and each
 * field path's (once per run of indicators from the same string): what JSON.stringify writes for
 * string-valued objects and arrays of strings, without building them. When every indicator is of
 * one type (the usual case), the types list is made once per count and that type's list is the
 * indicator list itself. When no value needs escaping (the usual case: host names, addresses,
 * hashes), the lists are joined around the values as they are, with no text made per indicator.
 */
export function prepareOutputs(alert: NormalisedAlert): PreparedOutputs<string> {
  const found = alert.indicators;
  const n = found.length;
  const raw = new Array<string>(n);
  /** The indexes of each type's indicators, by type. */
  const byTypeIndex = new Map<string, number[]>();
  let firstType: string | undefined;
  let oneType = true;
  for (let k = 0; k < n; k++) {
    const i = found[k]!;
    raw[k] = i.value;
    firstType ??= i.type;
    if (i.type !== firstType) oneType = false;
    let indexes = byTypeIndex.get(i.type);
    if (indexes === undefined) byTypeIndex.set(i.type, (indexes = []));
    indexes.push(k);
  }
  const texts = NOT_PLAIN.test(raw.join(',')) ? generalTexts(alert) : plainTexts(alert, raw);
  const listOf = (type: string): string => {
    const indexes = byTypeIndex.get(type);
    if (indexes === undefined) return EMPTY_LIST;
    if (indexes.length === n) return texts.indicators;
    return texts.listOf(indexes);
  };
  return {
    json: texts.json,
    indicators: texts.indicators,
    types: n === 0 ? EMPTY_LIST : oneType ? sameTypeList(firstType!, n) : `[${found.map((i) => typeText(i.type)).join(',')}]`,
    entities: texts.entities,
    count: String(n),
    byType: TYPE_ENTRIES.map(([type]) => listOf(type)),
  };
}

interface Texts {
  json: string;
  indicators: string;
  entities: string;
  /** The list of the indicators at these indexes. */
  listOf(indexes: number[]): string;
}

/** Any values: each value's JSON made once, composed into the lists and the alert JSON (then escaped as a String). */
function generalTexts(alert: NormalisedAlert): Texts {
  const found = alert.indicators;
  const n = found.length;
  const values = new Array<string>(n);
  const entities = new Array<string>(n);
  const listed = new Array<string>(n);
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
    entities[k] = `{"id":"","value":${value},"type":${type},"field":${fieldText}}`;
    listed[k] = `{"type":${type},"value":${value},"field":${fieldText}}`;
  }
  return {
    json: JSON.stringify(alertText(alert, listed)),
    indicators: `[${values.join(',')}]`,
    entities: `[${entities.join(',')}]`,
    listOf: (indexes) => `[${indexes.map((k) => values[k]).join(',')}]`,
  };
}

/**
 * Values that are their own JSON between quotes (NOT_PLAIN finds nothing in them): each list is one
 * join of the values with what stands between two of them (made once per run of indicators of the
 * same type and field), and the alert JSON's indicators are written already escaped as a String.
 */
function plainTexts(alert: NormalisedAlert, raw: string[]): Texts {
  const found = alert.indicators;
  const n = found.length;
  const head = alertHead(alert);
  if (n === 0 || head === undefined) return generalTexts(alert);
  // entities: [{"id":"","value":"v","type":T,"field":F},…]; the alert's list, escaped: {\\"type\\":T',\\"value\\":\\"v\\",\\"field\\":F'},…
  // What stands between two values depends on the type and field of the one before and (in the
  // alert's list) the type of the one after: made again only when those change.
  const entities = new Array<string>(2 * n + 1);
  const listed = new Array<string>(2 * n + 1);
  let type = found[0]!.type;
  let field = found[0]!.field;
  let fieldText = JSON.stringify(field);
  let fieldEscaped = escapedJson(field);
  entities[0] = '[{"id":"","value":"';
  listed[0] = `${JSON.stringify(head).slice(0, -1)}{\\"type\\":${typeEscaped(type)},\\"value\\":\\"`;
  let entitySep = '';
  let listedSep = '';
  let nextType = '';
  for (let k = 0; k < n; k++) {
    const i = found[k]!;
    if (i.type !== type || i.field !== field || k === 0) {
      if (i.field !== field) {
        field = i.field;
        fieldText = JSON.stringify(field);
        fieldEscaped = escapedJson(field);
      }
      type = i.type;
      entitySep = `","type":${typeText(type)},"field":${fieldText}},{"id":"","value":"`;
      listedSep = '';
    }
    entities[2 * k + 1] = raw[k]!;
    listed[2 * k + 1] = raw[k]!;
    const next = found[k + 1];
    if (next === undefined) break;
    entities[2 * k + 2] = entitySep;
    if (listedSep === '' || next.type !== nextType) {
      nextType = next.type;
      listedSep = `\\",\\"field\\":${fieldEscaped}},{\\"type\\":${typeEscaped(nextType)},\\"value\\":\\"`;
    }
    listed[2 * k + 2] = listedSep;
  }
  entities[2 * n] = `","type":${typeText(type)},"field":${fieldText}}]`;
  listed[2 * n] = `\\",\\"field\\":${fieldEscaped}}]}"`;
  return {
    json: listed.join(''),
    indicators: `["${raw.join('","')}"]`,
    entities: entities.join(''),
    listOf: (indexes) => `["${indexes.map((k) => raw[k]).join('","')}"]`,
  };
}

/** JSON.stringify(JSON.stringify(s)) without its outer quotes: s's JSON as it stands inside a JSON String. */
const escapedJson = (s: string): string => JSON.stringify(JSON.stringify(s)).slice(1, -1);

/** The alert's JSON up to its indicators (`{…,"indicators":[`), or undefined when alertText would not compose it. */
function alertHead(alert: NormalisedAlert): string | undefined {
  const keys = Object.keys(alert);
  if (keys[keys.length - 1] !== 'indicators' || keys.length < 3) return undefined;
  const { idFromPayload: _omit, indicators: _listed, ...rest } = alert;
  return `${JSON.stringify(rest).slice(0, -1)},"indicators":[`;
}

/** alertJson(alert), its indicators (the last key of a normalised alert) written from their texts. */
function alertText(alert: NormalisedAlert, listed: string[]): string {
  const head = alertHead(alert);
  return head === undefined ? alertJson(alert) : `${head}${listed.join(',')}]}`;
}

/** Prepared outputs of alerts received from the analysis worker (analysis-job.ts), by alert. */
const prepared = new WeakMap<NormalisedAlert, PreparedOutputs>();
export const notePrepared = (alert: NormalisedAlert, outputs: PreparedOutputs): void => void prepared.set(alert, outputs);
/** The alert's prepared outputs when it came from the analysis worker, else undefined (buildOutputs builds them). */
export const preparedFor = (alert: NormalisedAlert): PreparedOutputs | undefined => prepared.get(alert);
