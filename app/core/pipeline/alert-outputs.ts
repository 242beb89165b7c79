/**
 * The output variables of one fired alert (product §5, naming schema `alert_intake.<data_type>…`):
 * `response` = the raw data received, `results` = what the pipeline made of it.
 */
import type { NameValue } from '../../protocol/messages.js';
import type { OutputValue, Outputs } from '../app.js';
import { preparedOutput } from '../outputs/prepared-value.js';
import type { IndicatorType } from './indicators/extract-indicators.js';
import type { NormalisedAlert } from './normalise.js';
import type { PreparedOutputs } from './prepared-outputs.js';

const TYPE_SUFFIX: Record<IndicatorType, string> = {
  Address: 'address',
  Host: 'host',
  URL: 'url',
  EmailAddress: 'email_address',
  File: 'file',
  CVE: 'cve',
};

/** [indicator type, output variable key] of the per-type indicator lists. */
export const TYPE_ENTRIES: ReadonlyArray<readonly [string, string]> = Object.entries(TYPE_SUFFIX).map(([type, suffix]) => [
  type,
  `alert_intake.results.indicators.${suffix}`,
]);

/** Headers that carry credentials never reach a playbook variable. */
export const SENSITIVE_HEADER =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|x-hub-signature(-256)?|stripe-signature|webhook-signature|x-.*-(signature|token|secret))$/i;

export function safeHeaders(headers: readonly NameValue[], extraSensitive: readonly string[]): Array<{ key: string; value: string }> {
  const extra = new Set(extraSensitive.map((h) => h.toLowerCase()));
  return headers.filter((h) => !SENSITIVE_HEADER.test(h.name) && !extra.has(h.name.toLowerCase())).map((h) => ({ key: h.name, value: h.value }));
}

/** The normalised alert as JSON: also the body the HTTP Link template accepts. */
export function alertJson(alert: NormalisedAlert): string {
  const { idFromPayload: _omit, ...rest } = alert;
  return JSON.stringify(rest);
}

/** The indicator outputs, in the order of the output keys: list, types, entities, then one list per type (TYPE_ENTRIES). */
interface IndicatorOutputs {
  values: OutputValue;
  types: OutputValue;
  entities: OutputValue;
  byType: OutputValue[];
}

/** The indicator outputs in one pass over the indicators. */
function indicatorOutputs(alert: NormalisedAlert): IndicatorOutputs {
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
    values: { type: 'StringArray', value: values },
    types: { type: 'StringArray', value: types },
    entities: { type: 'TCEntityArray', value: entities },
    byType: TYPE_ENTRIES.map(([type]) => ({ type: 'StringArray', value: byType.get(type)! })),
  };
}

/** The same outputs from their JSON texts (prepared-outputs.ts): read only when used. */
const preparedIndicatorOutputs = (p: PreparedOutputs): IndicatorOutputs => ({
  values: preparedOutput('StringArray', p.indicators),
  types: preparedOutput('StringArray', p.types),
  entities: preparedOutput('TCEntityArray', p.entities),
  byType: p.byType.map((json) => preparedOutput('StringArray', json)),
});

/**
 * `prepared`: the alert's own output values as their stored JSON, made where it was analysed (the
 * analysis worker: prepared-outputs.ts); the same outputs, not built or encoded on the event loop.
 * Its raw output, when prepared, is the alert's raw output (`rawText` is then not used).
 */
export function buildOutputs(
  alert: NormalisedAlert,
  rawText: string | null,
  headers: Array<{ key: string; value: string }>,
  dedupeKey: string,
  prepared?: PreparedOutputs,
): Outputs {
  const s = (value: unknown) => ({ type: 'String' as const, value });
  const indicators = prepared ? preparedIndicatorOutputs(prepared) : indicatorOutputs(alert);
  const out: Outputs = {
    'alert_intake.response.headers': { type: 'KeyValueArray', value: headers },
    'alert_intake.results.alert.id': s(alert.id),
    'alert_intake.results.alert.title': s(alert.title),
    'alert_intake.results.alert.severity': s(alert.severity),
    'alert_intake.results.alert.severity_score': s(String(alert.severity_score)),
    'alert_intake.results.alert.status': s(alert.status),
    'alert_intake.results.alert.preset': s(alert.preset),
    'alert_intake.results.alert.description': s(alert.description),
    'alert_intake.results.alert.source': s(alert.source),
    'alert_intake.results.alert.timestamp': s(alert.timestamp),
    'alert_intake.results.alert.link': s(alert.link),
    'alert_intake.results.alert.json': prepared ? preparedOutput('String', prepared.json) : s(alertJson(alert)),
    'alert_intake.results.fields': { type: 'KeyValueArray', value: Object.entries(alert.fields).map(([key, value]) => ({ key, value })) },
    'alert_intake.results.indicators': indicators.values,
    'alert_intake.results.indicators.types': indicators.types,
    'alert_intake.results.indicators.count': s(prepared ? prepared.count : String(alert.indicators.length)),
    'alert_intake.results.indicators.entities': indicators.entities,
    'alert_intake.results.dedupe_key': s(dedupeKey),
  };
  if (prepared?.raw !== undefined) out['alert_intake.response.json.raw'] = preparedOutput('String', prepared.raw);
  else if (rawText !== null) out['alert_intake.response.json.raw'] = s(rawText);
  for (const [i, [, name]] of TYPE_ENTRIES.entries()) out[name] = indicators.byType[i]!;
  return out;
}
