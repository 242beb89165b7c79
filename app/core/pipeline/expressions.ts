/**
 * Field expressions: JSONPath (jsonpath-plus, script evaluation disabled — filter scripts cannot run)
 * or JMESPath. Checked at CreateConfig — including whether they can ever evaluate — and compiled
 * once: the compiled form is cached per expression text (a bounded cache), so events only evaluate.
 * Evaluation never throws.
 */
import { JSONPath } from 'jsonpath-plus';
import { compile, TreeInterpreter } from '@jmespath-community/jmespath';
import { evaluatePlain, plainSteps, type PlainStep } from './plain-path.js';

export type Language = 'JSONPath' | 'JMESPath';

export interface Expression {
  language: Language;
  source: string;
}

/**
 * JMESPath: the parsed tree. JSONPath: the path steps (jsonpath-plus keeps its own parse cache by
 * text) and, for a plain path, the steps evaluated natively (plain-path.ts).
 */
type Compiled = { language: 'JMESPath'; ast: ReturnType<typeof compile> } | { language: 'JSONPath'; source: string; path: string[]; plain: PlainStep[] | null };

/** Compiled expressions by language + text; bounded (oldest dropped) so no input can grow it without limit. */
const MAX_COMPILED = 1024;
const compiled = new Map<string, Compiled>();

/** The compiled form (cached); throws when the text does not parse. */
function compiledOf(e: Expression): Compiled {
  const key = `${e.language}\u0000${e.source}`;
  const hit = compiled.get(key);
  if (hit) return hit;
  let c: Compiled;
  if (e.language === 'JMESPath') c = { language: 'JMESPath', ast: compile(e.source) };
  else {
    const path = JSONPath.toPathArray(e.source);
    c = { language: 'JSONPath', source: e.source, path, plain: plainSteps(path) };
  }
  if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
  compiled.set(key, c);
  return c;
}

function run(c: Compiled, data: unknown, maxMatches = Infinity): unknown {
  if (c.language === 'JMESPath') return TreeInterpreter.search(c.ast, data as Parameters<typeof TreeInterpreter.search>[1]);
  if (c.plain) return evaluatePlain(c.plain, data, maxMatches);
  return JSONPath({ path: c.source, json: data as object, eval: false, wrap: true });
}

/**
 * Documents of every shape an alert can have: an expression that throws on each of them for a
 * reason no data can change can never select anything, so it is refused at CreateConfig.
 */
const PROBES: unknown[] = [
  {},
  [],
  { a: { b: [1, { c: 'x', d: [true, null, 2.5] }], e: 'text' }, f: [{ g: 1 }, { g: 'two' }], alert: { id: 1 }, payload: {}, headers: {} },
  [{ a: 1 }, [2, 'b']],
];

/** JMESPath errors that no data can avoid (the rest, e.g. a type error, depend on the alert). */
const DATA_INDEPENDENT = /^(?:Unknown function|Invalid arity|Error referencing undefined variable)/;

/** Checks an expression; returns an error text naming what is wrong, or null. */
export function checkExpression(e: Expression): string | null {
  let c: Compiled;
  try {
    if (e.language === 'JSONPath' && !e.source.startsWith('$')) return 'a JSONPath expression starts with $';
    c = compiledOf(e);
  } catch (err) {
    return err instanceof Error ? err.message.slice(0, 160) : 'invalid expression';
  }
  if (c.language === 'JSONPath' && c.path.some((part) => part.startsWith('?(') || part.startsWith('('))) {
    return 'JSONPath filter and script expressions ([?(…)], [(…)]) are disabled, so this can never select anything; use JMESPath for filters';
  }
  for (const probe of PROBES) {
    try {
      run(c, probe);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (c.language === 'JSONPath' || DATA_INDEPENDENT.test(message)) return `can never be evaluated: ${message.slice(0, 160)}`;
    }
  }
  return null;
}

/**
 * The value an expression selects: a single match unwrapped, several as an array, none as undefined.
 * `maxMatches` (JSONPath): at most that many matches, in order — a caller that reads only the first
 * of several passes 2, and a `$..name` over a large alert stops at the second match.
 */
export function evaluate(e: Expression, data: unknown, maxMatches = Infinity): unknown {
  try {
    const c = compiledOf(e);
    const v = run(c, data, maxMatches);
    if (c.language === 'JMESPath') return v === null ? undefined : v;
    const matches = Array.isArray(v) && v.length > maxMatches ? v.slice(0, maxMatches) : (v as unknown[]);
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
