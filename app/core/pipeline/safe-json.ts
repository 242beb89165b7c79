/**
 * JSON parsing for hostile input: the nesting depth is counted in one linear pass before parsing
 * (so nothing recursive ever sees a text deeper than the limit), and keys able to reach a prototype
 * (`__proto__`, `constructor`, `prototype`) are dropped while parsing, so no later merge, spread or
 * path assignment over the value can pollute Object.prototype.
 */
export const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Nesting depth of a JSON text, counted without parsing. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
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
    for (const k of Object.keys(o)) {
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
  if (jsonDepth(text) > maxDepth) return { ok: false, detail: `JSON nested deeper than ${maxDepth} levels` };
  try {
    return { ok: true, value: safeJsonParse(text) };
  } catch (err) {
    // V8's messages quote at most a few characters of the input; cap them anyway.
    return { ok: false, detail: `invalid JSON: ${err instanceof Error ? err.message.slice(0, 120) : 'parse error'}` };
  }
}
