/**
 * JSON parsing for hostile input: the nesting depth and the widest object are counted in one linear
 * pass before parsing (so nothing recursive ever sees a text deeper than the limit, and no walk meets an
 * object of a million keys), and keys able to reach a prototype
 * (`__proto__`, `constructor`, `prototype`) are dropped while parsing, so no later merge, spread or
 * path assignment over the value can pollute Object.prototype.
 */
import { ownKeys } from './own-keys.js';

export const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Members of one JSON object at the most. Real alerts have tens; an object of a million keys makes
 * every later walk over it (paths, indicators, titles, the id digest) slower per key, so such a text
 * is refused before it is parsed.
 */
export const MAX_OBJECT_MEMBERS = 100_000;

/**
 * Objects and arrays in one JSON text at the most. What a body costs to parse and walk is mostly
 * per container, not per byte: V8's JSON.parse makes each one a heap object (~30 bytes for `[x]`),
 * the garbage collector copies a tree larger than the analysis worker's young generation twice,
 * and the pipeline's walks visit each. Nested arrays hold one per 2.5 bytes: 16 MiB of them (6.6
 * million arrays) cost the service 119–148 ms of CPU per MB (docs/runtime.md). A real alert body has
 * tens to thousands, and the indicator walk reads 500,000 nodes of an alert at the most
 * (WALK_LIMITS): a text of more is refused before it is parsed, in the same linear pass as the depth
 * and the widest object. The densest text under the limit is ~1.2 MB, whose tree the worker's
 * young generation holds without copying it (docs/runtime.md).
 */
export const MAX_JSON_CONTAINERS = 500_000;

/**
 * Where the string opened by the quote at `open` ends (its closing quote; the text's length when it
 * never does): found by indexOf (a string's characters are not looked at one by one in JavaScript),
 * a quote ending a run of an odd number of backslashes being escaped. Each backslash run is counted
 * once, by the quote right after it: linear.
 */
function closingQuote(text: string, open: number): number {
  for (let q = text.indexOf('"', open + 1); q >= 0; q = text.indexOf('"', q + 1)) {
    let b = q - 1;
    while (b > open && text.charCodeAt(b) === 0x5c) b--;
    if ((q - 1 - b) % 2 === 0) return q;
  }
  return text.length;
}

export interface JsonShape {
  depth: number;
  widestObject: number;
  /** Objects and arrays (counting stops at MAX_JSON_CONTAINERS + 1). */
  containers: number;
}

/**
 * The nesting depth of a JSON text, the member count of its widest object and its number of objects
 * and arrays, counted in one pass without parsing (commas at an object's own level). Counting stops
 * once the depth passes `maxDepth` or the containers pass MAX_JSON_CONTAINERS: the text is refused
 * then, and no more than `maxDepth` levels are held.
 */
export function jsonShape(text: string, maxDepth: number): JsonShape {
  const isObject = new Uint8Array(maxDepth + 2);
  const members = new Uint32Array(maxDepth + 2);
  let depth = 0;
  let max = 0;
  let widest = 0;
  let containers = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = closingQuote(text, i);
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > max) max = depth;
      if (depth > maxDepth || ++containers > MAX_JSON_CONTAINERS) return { depth, widestObject: widest, containers };
      isObject[depth] = c === 0x7b ? 1 : 0;
      members[depth] = 1;
    } else if (c === 0x2c) {
      if (depth > 0 && isObject[depth] === 1 && ++members[depth]! > widest) widest = members[depth]!;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return { depth: max, widestObject: widest, containers };
}

/**
 * Deletes prototype-reaching keys from every object of a parsed value, in place (explicit stack, no
 * recursion). JSON.parse defines them as plain own properties, so nothing is polluted before this.
 */
function dropUnsafeKeys(root: unknown): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const x of v) if (x !== null && typeof x === 'object') stack.push(x);
      continue;
    }
    const o = v as Record<string, unknown>;
    for (const k of UNSAFE_KEYS) if (Object.hasOwn(o, k)) delete o[k];
    for (const k of ownKeys(o)) {
      const x = o[k];
      if (x !== null && typeof x === 'object') stack.push(x);
    }
  }
}

/** Could the text hold a prototype-reaching key (spelt out, or behind a `\u` escape)? */
const mayHoldUnsafeKey = (text: string) => text.includes('\\u') || text.includes('__proto__') || text.includes('constructor') || text.includes('prototype');

/**
 * JSON.parse that drops prototype-reaching keys. Throws SyntaxError like JSON.parse. A reviver would
 * call back into JavaScript for every value (~3× the parse); a text that cannot hold such a key is
 * parsed as is, any other is swept once after parsing.
 */
export function safeJsonParse(text: string): unknown {
  const value: unknown = JSON.parse(text);
  if (mayHoldUnsafeKey(text)) dropUnsafeKeys(value);
  return value;
}

/** Starts (after white space) like a JSON object or array? */
export function looksLikeJson(text: string): boolean {
  const m = /^[\s\uFEFF]*([[{])/.exec(text.slice(0, 256));
  return m !== null;
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; detail: string };

export function parseJsonText(text: string, maxDepth: number): JsonParse {
  const shape = jsonShape(text, maxDepth);
  if (shape.depth > maxDepth) return { ok: false, detail: `JSON nested deeper than ${maxDepth} levels` };
  if (shape.widestObject > MAX_OBJECT_MEMBERS) return { ok: false, detail: `a JSON object has more than ${MAX_OBJECT_MEMBERS} members` };
  if (shape.containers > MAX_JSON_CONTAINERS) return { ok: false, detail: `the JSON holds more than ${MAX_JSON_CONTAINERS} objects and arrays` };
  try {
    return { ok: true, value: safeJsonParse(text) };
  } catch (err) {
    // V8's messages quote at most a few characters of the input; cap them anyway.
    return { ok: false, detail: `invalid JSON: ${err instanceof Error ? err.message.slice(0, 120) : 'parse error'}` };
  }
}
