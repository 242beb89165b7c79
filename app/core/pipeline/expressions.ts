/**
 * Field expressions: JSONPath (jsonpath-plus, script evaluation disabled — filter scripts cannot run)
 * or JMESPath. Checked at CreateConfig — including whether they can ever evaluate — and compiled
 * once: the compiled form is cached per expression text (a bounded cache), so events only evaluate.
 * A JSONPath made only of property steps (`$.a.b[0]['c.d']`, the form of almost every preset path)
 * compiles to direct property look-ups with jsonpath-plus's own semantics (json-path-steps.ts);
 * the others are evaluated by jsonpath-plus. Evaluation never throws.
 */
import { JSONPath } from 'jsonpath-plus';
import { compile, TreeInterpreter } from '@jmespath-community/jmespath';
import { evaluatePlain, plainSteps, type PlainStep } from './plain-path.js';
import { placeAt, propertySteps, valueAt, type Step } from './json-path-steps.js';

export type Language = 'JSONPath' | 'JMESPath';

export interface Expression {
  language: Language;
  source: string;
}

/**
 * JMESPath: the parsed tree. JSONPath: the path steps; `steps` when the path is made of property
 * steps only (json-path-steps.ts: one direct look-up), else `plain` when it is a plain path with
 * recursive descent or wildcards (plain-path.ts), else null for both: jsonpath-plus evaluates it,
 * keeping its own parse cache by text.
 */
type JmesCompiled = { language: 'JMESPath'; ast: ReturnType<typeof compile> };
type JsonPathCompiled = { language: 'JSONPath'; source: string; path: string[]; steps: Step[] | null; plain: PlainStep[] | null };
type Compiled = JmesCompiled | JsonPathCompiled;

/** Compiled expressions by text, one map per language (no key to build per look-up); bounded (oldest dropped). */
const MAX_COMPILED = 1024;
const compiled: Record<Language, Map<string, Compiled>> = { JSONPath: new Map(), JMESPath: new Map() };

function compileJsonPath(source: string): JsonPathCompiled {
  const path = JSONPath.toPathArray(source);
  const steps = propertySteps(path);
  return { language: 'JSONPath', source, path, steps, plain: steps ? null : plainSteps(path) };
}

/** The compiled form (cached); throws when the text does not parse. */
function compiledOf(e: Expression): Compiled {
  const cache = e.language === 'JMESPath' ? compiled.JMESPath : compiled.JSONPath;
  const hit = cache.get(e.source);
  if (hit) return hit;
  const c: Compiled = e.language === 'JMESPath' ? { language: 'JMESPath', ast: compile(e.source) } : compileJsonPath(e.source);
  if (cache.size >= MAX_COMPILED) cache.delete(cache.keys().next().value!);
  cache.set(e.source, c);
  return c;
}

/** jsonpath-plus itself (wrapped results), for the paths that are not plain. */
function runJsonPathPlus(source: string, data: unknown): unknown {
  return JSONPath({ path: source, json: data as object, eval: false, wrap: true });
}

function run(c: Compiled, data: unknown, maxMatches = Infinity): unknown {
  if (c.language === 'JMESPath') return TreeInterpreter.search(c.ast, data as Parameters<typeof TreeInterpreter.search>[1]);
  if (c.plain) return evaluatePlain(c.plain, data, maxMatches);
  return runJsonPathPlus(c.source, data);
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
    if (c.language === 'JMESPath') {
      const v = run(c, data);
      return v === null ? undefined : v;
    }
    if (c.steps) return valueAt(c.steps, data);
    const v = run(c, data, maxMatches);
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

/** One place a JSONPath selects: the container and the key in it (both null for the document itself). */
export interface SelectedPlace {
  parent: unknown;
  parentProperty: string | number | null;
}

/**
 * The places a JSONPath selects in a document (jsonpath-plus `resultType: 'all'`, scripts disabled),
 * at most `limit`; none when the path does not parse or fails. Property-step paths are followed directly.
 */
export function selectPlaces(source: string, data: unknown, limit: number): SelectedPlace[] {
  try {
    const c = compiledOf({ language: 'JSONPath', source }) as JsonPathCompiled;
    if (c.steps) {
      const place = placeAt(c.steps, data);
      return place ? [place] : [];
    }
    const matches = JSONPath({ path: source, json: data as object, eval: false, wrap: true, resultType: 'all' }) as SelectedPlace[] | undefined;
    return Array.isArray(matches) ? matches.slice(0, limit) : [];
  } catch {
    return [];
  }
}
