/**
 * Playbook variables as ThreatConnect apps read them (tcex playbook read semantics):
 * - a value that is exactly one `#App|#Trigger|#Global:<id>:<name>!<Type>` reads the typed value;
 * - variables embedded in text are replaced: String as is, null as `<null>`, Binary as `<binary>`,
 *   anything else as Python `json.dumps` text (`["a", "b"]`); `\s` in user text becomes a space;
 * - `&{TC:TEXT|KEYCHAIN:<key>}` and `${ORGANIZATION|USER:TEXT|KEYCHAIN:<key>}` read the variable store.
 */
import { UndefinedVariable } from './errors.js';

export interface VarRef {
  raw: string;
  provider: 'App' | 'Trigger' | 'Global';
  id: number;
  name: string;
  type: string;
}

const REF = /#(App|Trigger|Global):(\d+):([A-Za-z0-9_.\-[\]]+)!([A-Za-z0-9_-]+)/g;
const TC_VARIABLE = /&\{(?:TC|Vault):(TEXT|KEYCHAIN|FILE):([^}]+)\}|\$\{(?:ORGANIZATION|USER|SYSTEM):(TEXT|KEYCHAIN):([^}]+)\}/g;

const toRef = (m: RegExpExecArray): VarRef => ({ raw: m[0], provider: m[1] as VarRef['provider'], id: Number(m[2]), name: m[3]!, type: m[4]! });

/** Every variable reference in a text, in order. */
export function findRefs(text: string): VarRef[] {
  return [...text.matchAll(REF)].map((m) => toRef(m as RegExpExecArray));
}

/** The reference when the whole (trimmed) text is one variable. */
export function exactRef(text: string): VarRef | null {
  const t = text.trim();
  const refs = findRefs(t);
  return refs.length === 1 && refs[0]!.raw === t ? refs[0]! : null;
}

export const refKey = (r: Pick<VarRef, 'provider' | 'id' | 'name' | 'type'>): string => `#${r.provider}:${r.id}:${r.name}!${r.type}`;

/** Python's json.dumps defaults (", " and ": " separators, ASCII escapes): how tcex embeds non-strings. */
export function pyJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (typeof v === 'number' || typeof v === 'boolean') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(pyJson).join(', ')}]`;
  if (typeof v === 'object')
    return `{${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${pyJson(k)}: ${pyJson(x)}`)
      .join(', ')}}`;
  return JSON.stringify(String(v));
}

export interface VariableSource {
  /** The value of a playbook variable (null when produced without a value); throws UndefinedVariable. */
  read(ref: VarRef): unknown;
  /** A ThreatConnect variable (`&{TC:TEXT:key}`); throws UndefinedVariable when unknown. */
  tcVariable(type: string, key: string, raw: string): string;
}

/** `\s` → space in user text; `\\s` keeps a literal `\s` (tcex `_process_space_patterns`). */
export const spacePatterns = (text: string): string => text.replace(/(?<!\\)\\s/g, ' ').replace(/\\\\s/g, '\\s');

function embedOne(v: unknown, type: string): string {
  if (type === 'Binary' || type === 'BinaryArray') return '<binary>';
  if (v === null || v === undefined) return '<null>';
  if (typeof v === 'string') return v;
  return pyJson(v);
}

/** Text with every embedded variable replaced (strings stay strings). */
export function embed(text: string, source: VariableSource): string {
  const withTc = text.replace(TC_VARIABLE, (raw, t1: string | undefined, k1: string | undefined, t2: string | undefined, k2: string | undefined) =>
    source.tcVariable((t1 ?? t2)!, (k1 ?? k2)!, raw),
  );
  return withTc.replace(REF, (...m: unknown[]) => {
    const ref = toRef(m as unknown as RegExpExecArray);
    return embedOne(source.read(ref), ref.type);
  });
}

/** A parameter value as an app reads it: one variable → its typed value; text → embedded text. */
export function resolveValue(text: string, source: VariableSource): unknown {
  const ref = exactRef(text);
  if (ref) return source.read(ref);
  return embed(spacePatterns(text), source);
}

/** True when reading this reference would fail: used by Merge and Iterator outputs, which tolerate branches not taken. */
export function tryRead(ref: VarRef, source: VariableSource): { ok: true; value: unknown } | { ok: false; error: UndefinedVariable } {
  try {
    return { ok: true, value: source.read(ref) };
  } catch (err) {
    if (err instanceof UndefinedVariable) return { ok: false, error: err };
    throw err;
  }
}
