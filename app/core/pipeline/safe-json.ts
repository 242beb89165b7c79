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

/** JSON.parse that drops prototype-reaching keys. Throws SyntaxError like JSON.parse. */
export function safeJsonParse(text: string): unknown {
  return JSON.parse(text, (key, value: unknown) => (UNSAFE_KEYS.has(key) ? undefined : value));
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
