/**
 * Field expressions: JSONPath (jsonpath-plus, script evaluation disabled — filter scripts cannot run)
 * or JMESPath. Compiled (checked) once at CreateConfig; evaluation never throws.
 */
import { JSONPath } from 'jsonpath-plus';
import { compile, search } from '@jmespath-community/jmespath';

export type Language = 'JSONPath' | 'JMESPath';

export interface Expression {
  language: Language;
  source: string;
}

/** Checks an expression; returns an error text naming what is wrong, or null. */
export function checkExpression(e: Expression): string | null {
  try {
    if (e.language === 'JMESPath') compile(e.source);
    else {
      if (!e.source.startsWith('$')) return 'a JSONPath expression starts with $';
      JSONPath({ path: e.source, json: {}, eval: false, wrap: true });
    }
    return null;
  } catch (err) {
    return err instanceof Error ? err.message.slice(0, 160) : 'invalid expression';
  }
}

/** The value an expression selects: a single match unwrapped, several as an array, none as undefined. */
export function evaluate(e: Expression, data: unknown): unknown {
  try {
    if (e.language === 'JMESPath') {
      const v = search(data as Parameters<typeof search>[0], e.source);
      return v === null ? undefined : v;
    }
    const matches = JSONPath({ path: e.source, json: data as object, eval: false, wrap: true }) as unknown[];
    if (!Array.isArray(matches) || matches.length === 0) return undefined;
    return matches.length === 1 ? matches[0] : matches;
  } catch {
    return undefined;
  }
}

/** The first candidate that yields a non-empty value. */
export function firstValue(candidates: readonly Expression[], data: unknown): unknown {
  for (const c of candidates) {
    const v = evaluate(c, data);
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return undefined;
}
