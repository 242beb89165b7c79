/**
 * A trigger's playbook-level inputs (install.json names) → validated, precompiled settings.
 * Every error names the input, never a secret value.
 */
import type { TriggerInputs } from '../app.js';
import { presetByName, PRESETS, type Preset } from '../presets/index.js';
import type { AuthSettings } from '../pipeline/auth/settings.js';
import { checkExpression, type Expression, type Language } from '../pipeline/expressions.js';
import { INDICATOR_TYPES, type IndicatorType } from '../pipeline/indicators/extract-indicators.js';
import { SEVERITIES, SEVERITY_SCALES, type Severity, type SeverityScale } from '../pipeline/severity.js';

export const AUTH_MODES: Record<string, AuthSettings['mode']> = {
  None: 'none',
  'Shared Secret Header': 'shared_secret',
  'HMAC Signature': 'hmac',
  GitHub: 'github',
  Stripe: 'stripe',
  'Standard Webhooks': 'standard_webhooks',
  'HTTP Basic': 'basic',
  PagerDuty: 'hmac',
};

/** What a resolved / acknowledged / updated notification does: answered 200 `resolved` (ignore) or fired. */
export type ResolvedNotifications = 'ignore' | 'fire';

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

export function parseTriggerSettings(inputs: TriggerInputs): SettingsResult {
  const errors: string[] = [];
  const presetName = text(inputs.source_preset) ?? 'Auto-detect';
  const preset = presetByName(presetName);
  if (!preset) errors.push(`source_preset: unknown preset ${JSON.stringify(presetName.slice(0, 60))} (one of ${PRESETS.map((p) => p.name).join(', ')})`);
  const languageText = text(inputs.expression_language) ?? 'JSONPath';
  const language: Language | undefined = languageText === 'JMESPath' ? 'JMESPath' : languageText === 'JSONPath' ? 'JSONPath' : undefined;
  if (!language) errors.push('expression_language: must be JSONPath or JMESPath');
  const expr = (input: string, source: string | undefined): Expression | undefined => {
    if (!source || !language) return undefined;
    const e = { language, source };
    const problem = checkExpression(e);
    if (problem) {
      errors.push(`${input}: invalid ${language} expression (${problem})`);
      return undefined;
    }
    return e;
  };
  const overrides: TriggerSettings['overrides'] = {};
  for (const f of ['id', 'title', 'severity', 'description', 'timestamp', 'link'] as const) {
    const e = expr(`field_${f}`, text(inputs[`field_${f}`]));
    if (e) overrides[f] = e;
  }
  const extraFields: TriggerSettings['extraFields'] = [];
  for (const { key, value } of keyValues(inputs.extra_fields)) {
    if (!/^[a-z0-9_.-]{1,64}$/i.test(key)) {
      errors.push(`extra_fields: field name ${JSON.stringify(key.slice(0, 40))} must be letters, digits, _ . -`);
      continue;
    }
    const e = expr(`extra_fields[${key}]`, value);
    if (e) extraFields.push({ name: key, expression: e });
  }
  const alertList = expr('alert_list', text(inputs.alert_list));
  const scaleText = text(inputs.severity_scale) ?? 'auto';
  const severityScale = SEVERITY_SCALES.find((s) => s.toLowerCase() === scaleText.toLowerCase());
  if (!severityScale) errors.push(`severity_scale: one of ${SEVERITY_SCALES.join(', ')}`);
  const resolvedText = (text(inputs.resolved_notifications) ?? 'Ignore').toLowerCase();
  if (resolvedText !== 'ignore' && resolvedText !== 'fire') errors.push('resolved_notifications: Ignore or Fire');

  const tolerance = Number(text(inputs.timestamp_tolerance) ?? '300');
  if (!Number.isInteger(tolerance) || tolerance < 1 || tolerance > 86_400) errors.push('timestamp_tolerance: whole seconds between 1 and 86400');
  const toleranceSeconds = Number.isInteger(tolerance) && tolerance > 0 ? tolerance : 300;
  const modeName = text(inputs.auth_mode) ?? 'None';
  const mode = AUTH_MODES[modeName];
  const secrets = [text(inputs.auth_secret), text(inputs.auth_secret_previous)].filter((s): s is string => s !== undefined);
  let auth: AuthSettings = { mode: 'none' };
  if (!mode) errors.push(`auth_mode: unknown mode ${JSON.stringify(modeName.slice(0, 40))} (one of ${Object.keys(AUTH_MODES).join(', ')})`);
  else if (mode !== 'none' && secrets.length === 0) errors.push(`auth_secret: required for authentication ${modeName}`);
  else {
    const header = text(inputs.auth_header);
    switch (mode) {
      case 'none':
        break;
      case 'shared_secret':
        auth = { mode, header: header ?? 'X-Webhook-Secret', secrets };
        break;
      case 'hmac': {
        if (modeName === 'PagerDuty') {
          // PagerDuty v3: X-PagerDuty-Signature: v1=<hex HMAC-SHA256 of the body>[,v1=… while a secret rotates].
          auth = { mode, header: 'X-PagerDuty-Signature', algorithm: 'sha256', encoding: 'hex', prefix: 'v1=', secrets, toleranceSeconds };
          break;
        }
        const algorithm = (text(inputs.hmac_algorithm) ?? 'sha256').toLowerCase();
        const encoding = (text(inputs.hmac_encoding) ?? 'hex').toLowerCase();
        if (!['sha1', 'sha256', 'sha512'].includes(algorithm)) errors.push('hmac_algorithm: sha1, sha256 or sha512');
        if (!['hex', 'base64'].includes(encoding)) errors.push('hmac_encoding: hex or base64');
        const ts = text(inputs.hmac_timestamp_header);
        const mid = text(inputs.message_id_header);
        auth = {
          mode,
          header: header ?? 'X-Signature',
          algorithm: algorithm as 'sha256',
          encoding: encoding as 'hex',
          prefix: typeof inputs.hmac_prefix === 'string' ? inputs.hmac_prefix.trim() : '',
          secrets,
          toleranceSeconds,
          ...(ts ? { timestampHeader: ts } : {}),
          ...(mid ? { messageIdHeader: mid } : {}),
        };
        break;
      }
      case 'github':
        auth = { mode, secrets };
        break;
      case 'stripe':
        auth = { mode, header: header ?? 'Stripe-Signature', secrets, toleranceSeconds };
        break;
      case 'standard_webhooks':
        auth = { mode, secrets, toleranceSeconds };
        break;
      case 'basic': {
        const username = text(inputs.basic_username);
        if (!username) errors.push('basic_username: required for HTTP Basic');
        auth = { mode, username: username ?? '', secrets };
        break;
      }
    }
  }

  const typesInput = list(inputs.indicator_types);
  const indicatorTypes = (typesInput.length ? typesInput : [...INDICATOR_TYPES]) as IndicatorType[];
  for (const t of indicatorTypes) if (!INDICATOR_TYPES.includes(t)) errors.push(`indicator_types: unknown type ${JSON.stringify(t)}`);
  const minSeverity = (text(inputs.min_severity) ?? 'informational').toLowerCase() as Severity;
  if (!SEVERITIES.includes(minSeverity)) errors.push(`min_severity: one of ${SEVERITIES.join(', ')}`);
  const conditionText = text(inputs.filter_condition);
  let condition: Expression | undefined;
  if (conditionText) {
    const e = { language: 'JMESPath' as const, source: conditionText };
    const problem = checkExpression(e);
    if (problem) errors.push(`filter_condition: invalid JMESPath expression (${problem})`);
    else condition = e;
  }
  const window = Number(text(inputs.dedupe_window) ?? '60');
  if (!Number.isInteger(window) || window < 0 || window > 10_080) errors.push('dedupe_window: whole minutes between 0 (off) and 10080');
  const cap = Number(text(inputs.hourly_cap) ?? '500');
  if (!Number.isInteger(cap) || cap < 0) errors.push('hourly_cap: a whole number, 0 for no cap');
  const dedupeKey = expr('dedupe_key', text(inputs.dedupe_key));

  if (errors.length > 0 || !preset || !language) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      preset,
      language,
      overrides,
      extraFields,
      ...(alertList ? { alertList } : {}),
      severityScale: severityScale ?? 'auto',
      resolvedNotifications: resolvedText === 'fire' ? 'fire' : 'ignore',
      reportUrlHosts: bool(inputs.report_url_hosts, true),
      auth,
      indicatorTypes,
      refang: bool(inputs.refang, true),
      allowList: list(inputs.allow_list).map((d) => d.toLowerCase()),
      dropPrivate: bool(inputs.drop_private, true),
      minSeverity,
      ...(condition ? { condition } : {}),
      requireIndicators: bool(inputs.require_indicators, false),
      ...(dedupeKey ? { dedupeKey } : {}),
      dedupeWindowMinutes: window,
      hourlyCap: cap,
      verifySsl: bool(inputs.verify_ssl, true),
      toleranceSeconds,
    },
  };
}
