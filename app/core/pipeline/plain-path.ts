/**
 * Plain JSONPaths evaluated natively: `$`, `.name` / `['name']` / `[0]` steps and `..name` descent —
 * the shapes every preset uses. jsonpath-plus walks each step through a general interpreter (a
 * recursive `_trace` with slice and filter checks at every node, arrays built and copied per level),
 * which costs ~100 ms per MB of deep JSON for one `$..severity`; this walk is linear with a small
 * constant (recursion only as deep as the document, capped), and returns exactly what jsonpath-plus returns
 * (`wrap: true`): the matches in its order (pre-order: a node's own match before its children's, in
 * key order). Anything else (wildcards, slices, unions, filters, backtick escapes, `^`, `~`) is not
 * plain: `plainSteps` answers null and the caller keeps jsonpath-plus.
 */
import { ownKeys, WIDE_OBJECT_KEYS } from './own-keys.js';

/** One step: follow an own property, or apply the rest at every object or array below (`..`). */
export type PlainStep = string | typeof DESCEND;

const DESCEND = Symbol('..');
const NAME = /^[A-Za-z0-9_-]+$/;

/** The steps of a path array (jsonpath-plus's `toPathArray`), or null when it is not plain. */
export function plainSteps(path: readonly string[]): PlainStep[] | null {
  if (path[0] !== '$') return null;
  const steps: PlainStep[] = [];
  for (let i = 1; i < path.length; i++) {
    const part = path[i]!;
    if (part === '..') {
      // `..` must be followed by a name (`$..` and `$....a` are not plain).
      if (!NAME.test(path[i + 1] ?? '')) return null;
      steps.push(DESCEND);
    } else if (NAME.test(part)) steps.push(part);
    else return null;
  }
  return steps;
}

/**
 * Descent stops this deep below where a `..` starts. Parsed bodies are at most 64 levels deep (96
 * with a JSON-text field), so no real document reaches it; jsonpath-plus itself would overflow the
 * stack (and select nothing) long before a hand-built one did.
 */
const MAX_DESCENT = 512;

const MISSING = Symbol('missing');

/** Follows plain names from `at` up to the next `..` (or the end): an own property of a truthy value, as jsonpath-plus does (a string's `length` too). */
function follow(v: unknown, steps: readonly PlainStep[], at: number): { value: unknown; next: number } {
  let i = at;
  for (; i < steps.length; i++) {
    const step = steps[i]!;
    if (step === DESCEND) break;
    if (!v || !Object.hasOwn(v as object, step)) return { value: MISSING, next: i };
    v = (v as Record<string, unknown>)[step];
  }
  return { value: v, next: i };
}

/** Applies the steps from `at` (just after a `..`) at `v`, then the same `..` at each object child, in order. */
function descend(v: unknown, steps: readonly PlainStep[], at: number, out: unknown[], depth: number, limit: number): void {
  if (out.length >= limit) return;
  const { value, next } = follow(v, steps, at);
  if (value !== MISSING) {
    if (next === steps.length) out.push(value);
    else descend(value, steps, next + 1, out, depth, limit);
  }
  if (v === null || typeof v !== 'object' || depth >= MAX_DESCENT) return;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (out.length >= limit) return;
      if (x !== null && typeof x === 'object') descend(x, steps, at, out, depth + 1, limit);
    }
    return;
  }
  const keys = ownKeys(v);
  for (let i = 0; i < keys.length; i++) {
    const x = (v as Record<string, unknown>)[keys[i]!];
    if (out.length >= limit) return;
    if (x !== null && typeof x === 'object') descend(x, steps, at, out, depth + 1, limit);
  }
}

/**
 * Every key of every object in a document, kept per document; deeper than any descent reaches (a
 * descent may start below the root). A wide object (own-keys.ts) is kept whole rather than copied
 * key by key into the set: a name is looked up in it directly.
 */
const KEYS_DEPTH = MAX_DESCENT + 64;
interface KeyIndex {
  names: Set<string>;
  wide: object[];
}
const keyIndexes = new WeakMap<object, KeyIndex>();

function keysIn(root: object): KeyIndex {
  let index = keyIndexes.get(root);
  if (index) return index;
  const found: KeyIndex = { names: new Set<string>(), wide: [] };
  const visit = (v: object, depth: number): void => {
    if (Array.isArray(v)) {
      if (depth < KEYS_DEPTH) for (const x of v as unknown[]) if (x !== null && typeof x === 'object') visit(x, depth + 1);
      return;
    }
    const keys = ownKeys(v);
    const wide = keys.length >= WIDE_OBJECT_KEYS;
    if (wide) found.wide.push(v);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      if (!wide) found.names.add(k);
      const x = (v as Record<string, unknown>)[k];
      if (depth < KEYS_DEPTH && x !== null && typeof x === 'object') visit(x, depth + 1);
    }
  };
  visit(root, 0);
  index = found;
  keyIndexes.set(root, index);
  return index;
}

/** Is `name` a key of some object of the document? */
function hasKey(index: KeyIndex, name: string): boolean {
  if (index.names.has(name)) return true;
  for (const o of index.wide) if (Object.hasOwn(o, name)) return true;
  return false;
}

/**
 * The JSON text a document (or an object in it) was parsed from, when noted (analyse-body.ts): a key
 * written without a `\u` escape appears in the text as `"name"`, so a text without `"severity"`
 * answers for `$..severity` with one substring search, remembered per name, and no walk.
 */
interface SourceText {
  text: string;
  /** Names whose `"name"` is in the text (true) or not (false). */
  names: Map<string, boolean>;
}
const sourceTexts = new WeakMap<object, SourceText>();

/**
 * Notes that `values` were parsed from `text` (the document itself or objects in it, exactly as
 * JSON.parse made them). Not when the text holds a `\u` escape: a key could be spelt with one.
 */
export function noteJsonText(text: string, values: readonly unknown[]): void {
  if (text.includes('\\u')) return;
  const source: SourceText = { text, names: new Map() };
  for (const v of values) if (v !== null && typeof v === 'object') sourceTexts.set(v, source);
}

/** Could `name` be a key of `data` or of an object in it? */
function mayHoldKey(data: object, name: string): boolean {
  const source = sourceTexts.get(data);
  if (source !== undefined) {
    let found = source.names.get(name);
    if (found === undefined) {
      found = source.text.includes(`"${name}"`);
      if (source.names.size < 64) source.names.set(name, found);
    }
    return found;
  }
  return hasKey(keysIn(data), name);
}

/**
 * A `..name` can only match where an object has the key `name`: when some name after a `..` is a
 * key of no object in the document, nothing matches. One walk per document answers that for every
 * descent (a preset tries `$..severity`, `$..priority`, `$..priority.name` in turn on an alert
 * that usually has none of them). Array indices and `length` (an own property of arrays and
 * strings) are not object keys: paths naming them always descend.
 */
function cannotMatch(steps: readonly PlainStep[], data: unknown): boolean {
  if (data === null || typeof data !== 'object') return false;
  for (let i = 0; i < steps.length - 1; i++) {
    if (steps[i] !== DESCEND) continue;
    const name = steps[i + 1] as string;
    if (name === 'length' || /^\d+$/.test(name)) return false;
    if (!mayHoldKey(data, name)) return true;
  }
  return false;
}

/** The values `steps` select in `data`, in jsonpath-plus's order: the first `limit` of them. */
export function evaluatePlain(steps: readonly PlainStep[], data: unknown, limit = Infinity): unknown[] {
  const out: unknown[] = [];
  // jsonpath-plus answers nothing for a falsy document.
  if (!data || cannotMatch(steps, data)) return out;
  const { value, next } = follow(data, steps, 0);
  if (value === MISSING) return out;
  if (next === steps.length) out.push(value);
  else descend(value, steps, next + 1, out, 0, limit);
  return out;
}
