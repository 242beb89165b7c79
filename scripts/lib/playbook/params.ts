/**
 * A job's parameters as its app reads them: resolved on demand against the variables upstream
 * (exact variable → typed value; text → embedded), recorded (secrets masked) for the trace.
 */
import { AppFailure } from './errors.js';
import type { Masker } from './mask.js';
import { isObj, type JobDef } from './model.js';
import { pyJson, resolveValue, type VariableSource } from './variables.js';

export interface KeyValue {
  key: string;
  /** The unresolved value text (Merge and Iterator read variables from it themselves). */
  raw: string;
  value: unknown;
}

export const asText = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : pyJson(v));

export class Params {
  readonly inputs: Record<string, unknown> = {};

  constructor(
    private readonly job: JobDef,
    private readonly source: VariableSource,
    private readonly masker: Masker,
  ) {}

  raw(name: string): string | undefined {
    return this.job.params.get(name);
  }

  private note(name: string, value: unknown): void {
    this.inputs[name] = this.masker.value(value);
  }

  /** Typed value (undefined when the parameter is absent or bare). */
  value(name: string): unknown {
    const raw = this.raw(name);
    if (raw === undefined) return undefined;
    const v = resolveValue(raw, this.source);
    this.note(name, v);
    return v;
  }

  text(name: string, options: { required?: boolean; fallback?: string } = {}): string {
    const v = this.value(name);
    const t = v === undefined ? (options.fallback ?? '') : asText(v);
    if (options.required && t.trim() === '')
      throw new AppFailure(`parameter ${name} is required but ${v === undefined ? 'not set' : 'resolved to an empty value'}`);
    return t;
  }

  bool(name: string, fallback: boolean): boolean {
    const t = this.text(name).trim().toLowerCase();
    if (t === '') return fallback;
    if (t === 'true') return true;
    if (t === 'false') return false;
    throw new AppFailure(`parameter ${name} must be "true" or "false", got ${JSON.stringify(t)}`);
  }

  /** A KeyValueList parameter: a JSON string of [{key, value}], each value resolved. */
  kvList(name: string, options: { resolve?: boolean } = {}): KeyValue[] {
    const raw = this.raw(name);
    if (raw === undefined || raw.trim() === '') return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new AppFailure(`parameter ${name} is not a JSON key/value list`);
    }
    if (!Array.isArray(parsed) || !parsed.every((x) => isObj(x) && typeof x.key === 'string')) {
      throw new AppFailure(`parameter ${name} must be a list of {"key", "value"}`);
    }
    const out = (parsed as Array<{ key: string; value?: unknown }>).map((x) => {
      const rawValue = typeof x.value === 'string' ? x.value : x.value === undefined || x.value === null ? '' : JSON.stringify(x.value);
      return { key: x.key, raw: rawValue, value: options.resolve === false ? rawValue : resolveValue(rawValue, this.source) };
    });
    this.note(
      name,
      out.map((x) => ({ key: x.key, value: x.value })),
    );
    return out;
  }
}
