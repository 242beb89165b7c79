/**
 * A JSONPath made only of property steps (`$.a.b[0]['c.d']`, `` $.`@timestamp ``), followed by direct
 * look-ups instead of jsonpath-plus's general walk. The rules are jsonpath-plus 10's own for such
 * paths (its `evaluate` and `_trace`), so the result is the same value, or the same miss:
 * - nothing is selected in a falsy document;
 * - a step descends only into an own property of a truthy value (a string's `length` and indexes
 *   included, as `Object.hasOwn` sees them); an array index is the property of that name;
 * - a backtick step (`` `name ``) reads `name` literally, and its raw text when `name` is absent, in
 *   the order jsonpath-plus tries them (which depends on how the step before was taken).
 * Anything else — wildcards, `..`, slices, unions, filters, scripts, `^`, `~`, type selectors, a
 * `$` after the root — is left to jsonpath-plus (`propertySteps` returns null).
 */

export interface Step {
  /** The property read. */
  key: string;
  /** Backtick steps: the step's raw text (`` `name ``), read when `key` is absent. */
  raw?: string;
}

const SLICE = /^(-?\d*):(-?\d*):?(\d*)$/u;

function isPlain(part: string): boolean {
  return (
    part !== '*' &&
    part !== '..' &&
    part !== '^' &&
    part !== '~' &&
    part !== '$' &&
    !SLICE.test(part) &&
    !part.startsWith('?(') &&
    part[0] !== '(' &&
    part[0] !== '@' &&
    part[0] !== '`' &&
    !part.includes(',')
  );
}

/** The steps of a parsed path (`JSONPath.toPathArray`), or null when it is not made of property steps only. */
export function propertySteps(path: readonly unknown[]): Step[] | null {
  if (path.length === 0) return null;
  const parts = path[0] === '$' && path.length > 1 ? path.slice(1) : path;
  if (parts.length === 1 && parts[0] === '$') return [];
  const steps: Step[] = [];
  for (const part of parts) {
    if (typeof part !== 'string') return null;
    if (part[0] === '`' && !part.includes(',')) steps.push({ key: part.slice(1), raw: part });
    else if (isPlain(part)) steps.push({ key: part });
    else return null;
  }
  return steps;
}

const MISS: unique symbol = Symbol('miss');

/**
 * One step from `v`: the key it read, or MISS. `literal` is jsonpath-plus's "literal priority" of
 * this level: true when the step before was taken by its last (own-property) rule or a backtick.
 */
function keyOf(v: unknown, step: Step, literal: boolean): string | typeof MISS {
  if (!v) return MISS;
  if (step.raw === undefined) return Object.hasOwn(v, step.key) ? step.key : MISS;
  // jsonpath-plus's order: its first rule (literal priority: the raw text), then the backtick rule
  // (the name), then its last rule (the raw text, reached only without literal priority).
  if (literal && Object.hasOwn(v, step.raw)) return step.raw;
  if (Object.hasOwn(v, step.key)) return step.key;
  return Object.hasOwn(v, step.raw) ? step.raw : MISS;
}

/** Whether the next level has literal priority, after `step` read `key` at a level with `literal`. */
const nextLiteral = (step: Step, key: string, literal: boolean): boolean => (step.raw === undefined || key === step.raw ? !literal : true);

/** The value the steps select in `data`, or undefined when they select nothing. */
export function valueAt(steps: readonly Step[], data: unknown): unknown {
  if (!data) return undefined;
  let v = data as Record<string, unknown>;
  let literal = false;
  for (const step of steps) {
    const key = keyOf(v, step, literal);
    if (key === MISS) return undefined;
    literal = nextLiteral(step, key, literal);
    v = v[key] as Record<string, unknown>;
  }
  return v;
}

/** Where the steps select in `data`: the container and key (null, null for the document), or null. */
export function placeAt(steps: readonly Step[], data: unknown): { parent: unknown; parentProperty: string | null } | null {
  if (!data) return null;
  let v = data as Record<string, unknown>;
  let parent: unknown = null;
  let parentProperty: string | null = null;
  let literal = false;
  for (const step of steps) {
    const key = keyOf(v, step, literal);
    if (key === MISS) return null;
    literal = nextLiteral(step, key, literal);
    parent = v;
    parentProperty = key;
    v = v[key] as Record<string, unknown>;
  }
  return { parent, parentProperty };
}
