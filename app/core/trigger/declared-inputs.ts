/**
 * install.json's inputs as the trigger settings read them: the choices each input offers and the
 * default an absent input takes. install.json is the one place they are written; this module takes
 * them from it once, when the app is created, and refuses one the code cannot honour (a missing
 * default, a choice with no meaning in choices.ts), naming every problem at once.
 */
import { CHOICES, type ChoiceInput, type ChoiceMeaning } from './choices.js';

/** One input as install.json declares it (the parts the settings need). */
export interface DeclaredInput {
  name: string;
  type?: string;
  default?: unknown;
  validValues?: readonly string[];
  serviceConfig?: boolean;
}

/** What the app is given of install.json (RuntimeManifest, app/config/manifest.ts, has this shape). */
export interface InstallInputs {
  /** Where install.json was read from, for the startup error. */
  source: string;
  listDelimiter: string;
  params: readonly DeclaredInput[];
}

/** String inputs holding a whole number, read with install.json's default when absent. */
export const NUMBER_INPUTS = ['timestamp_tolerance', 'dedupe_window', 'hourly_cap', 'max_body_bytes'] as const;
/** Boolean inputs, read with install.json's default when absent. */
export const BOOLEAN_INPUTS = ['refang', 'drop_private', 'report_url_hosts', 'require_indicators', 'verify_ssl'] as const;
export type NumberInput = (typeof NUMBER_INPUTS)[number];
export type BooleanInput = (typeof BOOLEAN_INPUTS)[number];

export interface DeclaredChoice<K extends ChoiceInput> {
  /** The choices install.json offers, as written there. */
  values: readonly string[];
  /** What each offered choice means (choices.ts), in the same order. */
  meanings: ReadonlyArray<ChoiceMeaning<K>>;
  /** The default's meanings: one for a Choice, each selected value for a MultiChoice. */
  defaults: ReadonlyArray<ChoiceMeaning<K>>;
}

export interface DeclaredInputs {
  choices: { readonly [K in ChoiceInput]: DeclaredChoice<K> };
  numbers: Readonly<Record<NumberInput, number>>;
  booleans: Readonly<Record<BooleanInput, boolean>>;
}

/** ${TEXT} / ${KEYCHAIN} say where a value may come from; they are not choices. */
const isChoice = (v: unknown): v is string => typeof v === 'string' && !v.startsWith('${');

function booleanOf(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  return undefined;
}

/** install.json's inputs → what the settings read; throws one Error naming every problem. */
export function declaredInputs(install: InstallInputs): DeclaredInputs {
  const problems: string[] = [];
  const byName = new Map(install.params.map((p) => [p.name, p]));
  const declared = (name: string): DeclaredInput | undefined => {
    const p = byName.get(name);
    if (!p) problems.push(`${name} is not declared`);
    else if (p.default === undefined || p.default === '') problems.push(`${name} has no default`);
    return p?.default === undefined || p.default === '' ? undefined : p;
  };

  const choice = <K extends ChoiceInput>(name: K): DeclaredChoice<K> => {
    const p = declared(name);
    const meaning = CHOICES[name] as (value: string) => ChoiceMeaning<K> | undefined;
    const values = (p?.validValues ?? []).filter(isChoice);
    if (p && values.length === 0) problems.push(`${name} offers no validValues`);
    const meanings: Array<ChoiceMeaning<K>> = [];
    for (const value of values) {
      const m = meaning(value);
      if (m === undefined) problems.push(`${name} offers ${JSON.stringify(value)}, which the code does not know (app/core/trigger/choices.ts)`);
      else meanings.push(m);
    }
    const defaultText = p?.default === undefined ? [] : Array.isArray(p.default) ? p.default.map(String) : [String(p.default)];
    const defaultValues = p?.type === 'MultiChoice' ? defaultText.flatMap((d) => d.split(install.listDelimiter)).filter((d) => d !== '') : defaultText;
    const defaults: Array<ChoiceMeaning<K>> = [];
    for (const value of defaultValues) {
      const m = values.includes(value) ? meaning(value) : undefined;
      if (m === undefined) problems.push(`${name}'s default ${JSON.stringify(value)} is not one of its validValues`);
      else defaults.push(m);
    }
    return { values, meanings, defaults };
  };

  const choices = Object.fromEntries((Object.keys(CHOICES) as ChoiceInput[]).map((name) => [name, choice(name)])) as unknown as DeclaredInputs['choices'];
  const numbers = {} as Record<NumberInput, number>;
  for (const name of NUMBER_INPUTS) {
    const p = declared(name);
    const n = Number(p?.default);
    if (p && (!Number.isInteger(n) || n < 0)) problems.push(`${name}'s default ${JSON.stringify(p.default)} is not a whole number`);
    numbers[name] = n;
  }
  const booleans = {} as Record<BooleanInput, boolean>;
  for (const name of BOOLEAN_INPUTS) {
    const p = declared(name);
    const b = booleanOf(p?.default);
    if (p && b === undefined) problems.push(`${name}'s default ${JSON.stringify(p.default)} is not true or false`);
    booleans[name] = b ?? false;
  }
  if (problems.length > 0) throw new Error(`install.json (${install.source}) does not give the trigger settings what they need: ${problems.join('; ')}`);
  return { choices, numbers, booleans };
}
