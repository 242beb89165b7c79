/**
 * What each choice of a trigger input means in code. install.json offers the choices and names the
 * default; this table only maps a chosen value (any case) to what the code does with it. Every
 * choice install.json offers must map (declared-inputs.ts checks it when the app starts).
 */
import type { AuthSettings } from '../pipeline/auth/settings.js';
import type { Language } from '../pipeline/expressions.js';
import { INDICATOR_TYPES, type IndicatorType } from '../pipeline/indicators/extract-indicators.js';
import { SEVERITIES, SEVERITY_SCALES, type Severity, type SeverityScale } from '../pipeline/severity.js';
import { presetByName, type Preset } from '../presets/index.js';

/** An Authentication choice → the verifier it runs (PagerDuty is HMAC with PagerDuty's header and prefix). */
export const AUTH_MODES: Readonly<Record<string, AuthSettings['mode']>> = {
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

/** The one of `known` equal to `value` ignoring case. */
function oneOf<T extends string>(known: readonly T[]): (value: string) => T | undefined {
  return (value) => {
    const wanted = value.toLowerCase();
    return known.find((k) => k.toLowerCase() === wanted);
  };
}

/** Input name → the meaning of one of its values, or undefined when the code has none. */
export const CHOICES = {
  /** The preset (earlier preset names are accepted as aliases). */
  source_preset: (value: string): Preset | undefined => presetByName(value),
  expression_language: oneOf<Language>(['JSONPath', 'JMESPath']),
  severity_scale: oneOf<SeverityScale>(SEVERITY_SCALES),
  resolved_notifications: (value: string): ResolvedNotifications | undefined => oneOf<ResolvedNotifications>(['ignore', 'fire'])(value),
  /** The Authentication choice's own name (the key of AUTH_MODES). */
  auth_mode: oneOf(Object.keys(AUTH_MODES)),
  hmac_algorithm: oneOf(['sha1', 'sha256', 'sha512'] as const),
  hmac_encoding: oneOf(['hex', 'base64'] as const),
  min_severity: oneOf<Severity>(SEVERITIES),
  /** One of the indicator types (MultiChoice: each selected value). */
  indicator_types: oneOf<IndicatorType>(INDICATOR_TYPES),
} as const;

export type ChoiceInput = keyof typeof CHOICES;
/** The meaning of a choice of `name`. */
export type ChoiceMeaning<K extends ChoiceInput> = NonNullable<ReturnType<(typeof CHOICES)[K]>>;
