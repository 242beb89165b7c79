/**
 * A trigger's playbook-level inputs (install.json names) → validated, precompiled settings.
 * Choices and defaults come from install.json (declared-inputs.ts); what each choice means from
 * choices.ts. Every error names the input, never a secret value.
 */
import type { TriggerInputs } from '../app.js';
import type { Preset } from '../presets/index.js';
import type { AuthSettings } from '../pipeline/auth/settings.js';
import { checkExpression, type Expression, type Language } from '../pipeline/expressions.js';
import type { IndicatorType } from '../pipeline/indicators/extract-indicators.js';
import type { Severity, SeverityScale } from '../pipeline/severity.js';
import { AUTH_MODES, CHOICES, type ChoiceInput, type ChoiceMeaning, type ResolvedNotifications } from './choices.js';
import type { DeclaredInputs, NumberInput } from './declared-inputs.js';

export type { ResolvedNotifications } from './choices.js';

export interface TriggerSettings {
  preset: Preset;
  language: Language;
  /** Per-field overrides (trigger inputs) tried before the preset's own paths. */
  overrides: Partial<Record<'id' | 'title' | 'severity' | 'description' | 'timestamp' | 'link', Expression>>;
  extraFields: Array<{ name: string; expression: Expression }>;
  /** Alert List Expression: the payload's array of alerts (fan out), before the preset's own list. */
  alertList?: Expression;
  /** How numeric / word severities read on the generic path and in the Severity Expression. */
  severityScale: SeverityScale;
  resolvedNotifications: ResolvedNotifications;
  /** Report each URL's host as a Host indicator too (unless allow-listed or private). */
  reportUrlHosts: boolean;
  auth: AuthSettings;
  indicatorTypes: IndicatorType[];
  refang: boolean;
  allowList: string[];
  dropPrivate: boolean;
  minSeverity: Severity;
  condition?: Expression;
  requireIndicators: boolean;
  dedupeKey?: Expression;
  dedupeWindowMinutes: number;
  hourlyCap: number;
  verifySsl: boolean;
  toleranceSeconds: number;
}

export type SettingsResult = { ok: true; settings: TriggerSettings } | { ok: false; errors: string[] };

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(/[|,\n]/) : []).map((s) => s.trim()).filter(Boolean);

function bool(v: unknown, fallback: boolean): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(t)) return true;
    if (['false', '0', 'no', 'off'].includes(t)) return false;
  }
  return fallback;
}

/** KeyValueList inputs arrive as [{key, value}], its JSON text, or an object. */
function keyValues(v: unknown): Array<{ key: string; value: string }> {
  let data = v;
  if (typeof v === 'string' && v.trim() !== '') {
    try {
      data = JSON.parse(v);
    } catch {
      return [];
    }
  }
  if (Array.isArray(data))
    return data
      .filter((x) => x && typeof x === 'object' && 'key' in x)
      .map((x) => ({ key: String((x as { key: unknown }).key), value: String((x as { value?: unknown }).value ?? '') }));
  if (data && typeof data === 'object') return Object.entries(data).map(([key, value]) => ({ key, value: String(value) }));
  return [];
}

/** Reads the trigger's inputs: an absent one takes install.json's default; a bad one adds an error naming it. */
interface Reader {
  inputs: TriggerInputs;
  errors: string[];
  choice<K extends ChoiceInput>(name: K): ChoiceMeaning<K> | undefined;
  number(name: NumberInput): number;
  /** An expression in the trigger's language, or undefined when empty or invalid (then an error). */
  expression(input: string, source: string | undefined): Expression | undefined;
}

function reader(inputs: TriggerInputs, declared: DeclaredInputs, language: Language | undefined, errors: string[]): Reader {
  return {
    inputs,
    errors,
    choice<K extends ChoiceInput>(name: K): ChoiceMeaning<K> | undefined {
      const offered = declared.choices[name];
      const given = text(inputs[name]);
      if (given === undefined) return offered.defaults[0] as ChoiceMeaning<K>;
      const meaning = (CHOICES[name] as (value: string) => ChoiceMeaning<K> | undefined)(given);
      if (meaning !== undefined && (offered.meanings as unknown[]).includes(meaning)) return meaning;
      errors.push(`${name}: ${JSON.stringify(given.slice(0, 60))} is not one of ${offered.values.join(', ')}`);
      return undefined;
    },
    number(name) {
      const given = text(inputs[name]);
      return given === undefined ? declared.numbers[name] : Number(given);
    },
    expression(input, source) {
      if (!source || !language) return undefined;
      const e = { language, source };
      const problem = checkExpression(e);
      if (problem) {
        errors.push(`${input}: invalid ${language} expression (${problem})`);
        return undefined;
      }
      return e;
    },
  };
}

/** The Authentication input and the inputs of the chosen mode → how each request is verified. */
function authFrom(read: Reader, toleranceSeconds: number): AuthSettings {
  const { inputs, errors } = read;
  const modeName = read.choice('auth_mode');
  const mode = modeName === undefined ? undefined : AUTH_MODES[modeName];
  const secrets = [text(inputs.auth_secret), text(inputs.auth_secret_previous)].filter((s): s is string => s !== undefined);
  if (!mode || mode === 'none') return { mode: 'none' };
  if (secrets.length === 0) {
    errors.push(`auth_secret: required for authentication ${modeName}`);
    return { mode: 'none' };
  }
  const header = text(inputs.auth_header);
  switch (mode) {
    case 'shared_secret':
      return { mode, header: header ?? 'X-Webhook-Secret', secrets };
    case 'hmac': {
      if (modeName === 'PagerDuty') {
        // PagerDuty v3: X-PagerDuty-Signature: v1=<hex HMAC-SHA256 of the body>[,v1=… while a secret rotates].
        return { mode, header: 'X-PagerDuty-Signature', algorithm: 'sha256', encoding: 'hex', prefix: 'v1=', secrets, toleranceSeconds };
      }
      const algorithm = read.choice('hmac_algorithm') ?? 'sha256';
      const encoding = read.choice('hmac_encoding') ?? 'hex';
      const ts = text(inputs.hmac_timestamp_header);
      const mid = text(inputs.message_id_header);
      return {
        mode,
        header: header ?? 'X-Signature',
        algorithm,
        encoding,
        prefix: typeof inputs.hmac_prefix === 'string' ? inputs.hmac_prefix.trim() : '',
        secrets,
        toleranceSeconds,
        ...(ts ? { timestampHeader: ts } : {}),
        ...(mid ? { messageIdHeader: mid } : {}),
      };
    }
    case 'github':
      return { mode, secrets };
    case 'stripe':
      return { mode, header: header ?? 'Stripe-Signature', secrets, toleranceSeconds };
    case 'standard_webhooks':
      return { mode, secrets, toleranceSeconds };
    case 'basic': {
      const username = text(inputs.basic_username);
      if (!username) errors.push('basic_username: required for HTTP Basic');
      return { mode, username: username ?? '', secrets };
    }
  }
}

/** The MultiChoice of indicator types: the selected ones, or install.json's default when none is. */
function indicatorTypesFrom(inputs: TriggerInputs, declared: DeclaredInputs, errors: string[]): IndicatorType[] {
  const offered = declared.choices.indicator_types;
  const given = list(inputs.indicator_types);
  if (given.length === 0) return [...offered.defaults];
  const types: IndicatorType[] = [];
  for (const value of given) {
    const t = CHOICES.indicator_types(value);
    if (t !== undefined && offered.meanings.includes(t)) types.push(t);
    else errors.push(`indicator_types: ${JSON.stringify(value.slice(0, 40))} is not one of ${offered.values.join(', ')}`);
  }
  return types;
}

/** `declared`: install.json's choices and defaults (declaredInputs(manifest), built once when the app starts). */
export function parseTriggerSettings(inputs: TriggerInputs, declared: DeclaredInputs): SettingsResult {
  const errors: string[] = [];
  const bare = reader(inputs, declared, undefined, errors);
  const preset = bare.choice('source_preset');
  const language = bare.choice('expression_language');
  const read = reader(inputs, declared, language, errors);
  const overrides: TriggerSettings['overrides'] = {};
  for (const f of ['id', 'title', 'severity', 'description', 'timestamp', 'link'] as const) {
    const e = read.expression(`field_${f}`, text(inputs[`field_${f}`]));
    if (e) overrides[f] = e;
  }
  const extraFields: TriggerSettings['extraFields'] = [];
  for (const { key, value } of keyValues(inputs.extra_fields)) {
    if (!/^[a-z0-9_.-]{1,64}$/i.test(key)) {
      errors.push(`extra_fields: field name ${JSON.stringify(key.slice(0, 40))} must be letters, digits, _ . -`);
      continue;
    }
    const e = read.expression(`extra_fields[${key}]`, value);
    if (e) extraFields.push({ name: key, expression: e });
  }
  const alertList = read.expression('alert_list', text(inputs.alert_list));
  const severityScale = read.choice('severity_scale');
  const resolvedNotifications = read.choice('resolved_notifications');

  const toleranceSeconds = read.number('timestamp_tolerance');
  if (!Number.isInteger(toleranceSeconds) || toleranceSeconds < 1 || toleranceSeconds > 86_400)
    errors.push('timestamp_tolerance: whole seconds between 1 and 86400');
  const auth = authFrom(read, toleranceSeconds);

  const indicatorTypes = indicatorTypesFrom(inputs, declared, errors);
  const minSeverity = read.choice('min_severity');
  const conditionText = text(inputs.filter_condition);
  let condition: Expression | undefined;
  if (conditionText) {
    const e = { language: 'JMESPath' as const, source: conditionText };
    const problem = checkExpression(e);
    if (problem) errors.push(`filter_condition: invalid JMESPath expression (${problem})`);
    else condition = e;
  }
  const window = read.number('dedupe_window');
  if (!Number.isInteger(window) || window < 0 || window > 10_080) errors.push('dedupe_window: whole minutes between 0 (off) and 10080');
  const cap = read.number('hourly_cap');
  if (!Number.isInteger(cap) || cap < 0) errors.push('hourly_cap: a whole number, 0 for no cap');
  const dedupeKey = read.expression('dedupe_key', text(inputs.dedupe_key));

  if (errors.length > 0 || !preset || !language || !severityScale || !resolvedNotifications || !minSeverity) return { ok: false, errors };
  const flag = (name: keyof DeclaredInputs['booleans']) => bool(inputs[name], declared.booleans[name]);
  return {
    ok: true,
    settings: {
      preset,
      language,
      overrides,
      extraFields,
      ...(alertList ? { alertList } : {}),
      severityScale,
      resolvedNotifications,
      reportUrlHosts: flag('report_url_hosts'),
      auth,
      indicatorTypes,
      refang: flag('refang'),
      allowList: list(inputs.allow_list).map((d) => d.toLowerCase()),
      dropPrivate: flag('drop_private'),
      minSeverity,
      ...(condition ? { condition } : {}),
      requireIndicators: flag('require_indicators'),
      ...(dedupeKey ? { dedupeKey } : {}),
      dedupeWindowMinutes: window,
      hourlyCap: cap,
      verifySsl: flag('verify_ssl'),
      toleranceSeconds,
    },
  };
}
