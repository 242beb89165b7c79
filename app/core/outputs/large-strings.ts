/**
 * String outputs that are large (the raw body of a big request: up to the 64 MiB body limit) are
 * encoded apart from the rest: to the JSON text's UTF-8 bytes, a slice at a time with the event
 * loop let through in between (a Heartbeat never waits for a 64 MiB JSON.stringify and its UTF-8
 * write), and once per event: the fires of a batch share the same raw body, so its bytes are made
 * once and handed to every session's write (`LargeStrings`, one per event).
 */
import type { Outputs } from '../app.js';
import { preparedJson } from './prepared-value.js';
import type { ParsedVariable } from './variables.js';

/**
 * String values from this many UTF-16 units are encoded here: once per event (a 100-alert batch of
 * a 100 KB body would otherwise stringify the same raw body 100 times), in slices from SLICE_CHARS.
 */
export const LARGE_STRING_CHARS = 16 * 1024;
/** UTF-16 units encoded per turn of the event loop (a few ms). */
const SLICE_CHARS = 1024 * 1024;

/**
 * The encoded large strings, by value: one per event, shared by its fires. A value shorter than a
 * slice that one fire alone writes (an alert's own JSON) stays its JSON text: the store's client
 * writes a command of strings in one go, where one Buffer among its values makes it measure and
 * copy every value of the session once more. A value written by several fires (a batch's raw body)
 * or longer than a slice is the JSON text's UTF-8 bytes, encoded once.
 */
export type LargeStrings = Map<string, string | Buffer>;

const QUOTE = Buffer.from('"');
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Where to end a slice at or before `to`: never between the two halves of a surrogate pair. */
function sliceEnd(text: string, to: number): number {
  if (to >= text.length) return text.length;
  const c = text.charCodeAt(to - 1);
  return c >= 0xd800 && c <= 0xdbff ? to - 1 : to;
}

/**
 * The UTF-8 bytes of JSON.stringify(text), built a slice at a time. Byte for byte the same: JSON
 * escapes code unit by code unit, and a slice never splits a surrogate pair (a lone surrogate is
 * escaped the same wherever it stands).
 */
export async function jsonStringBytes(text: string): Promise<Buffer> {
  const parts: Buffer[] = [QUOTE];
  for (let from = 0; from < text.length; ) {
    const to = sliceEnd(text, from + SLICE_CHARS);
    const json = JSON.stringify(text.slice(from, to));
    parts.push(Buffer.from(json.slice(1, -1), 'utf8'));
    from = to;
    if (from < text.length) await nextTurn();
  }
  parts.push(QUOTE);
  return Buffer.concat(parts);
}

/**
 * The encoded bytes of the requested String outputs whose value is a large string, by variable
 * (the opaque `#Trigger:…!String`); each distinct value encoded once per `cache`.
 */
export async function encodeLargeStrings(
  requested: readonly ParsedVariable[],
  outputs: Outputs,
  cache: LargeStrings,
): Promise<ReadonlyMap<string, string | Buffer>> {
  const encoded = new Map<string, string | Buffer>();
  for (const variable of requested) {
    if (variable.type !== 'String') continue;
    const output = Object.hasOwn(outputs, variable.key) ? outputs[variable.key] : undefined;
    // A value prepared as its JSON (prepared-value.ts) is written as it is, never read here.
    if (output?.type !== 'String' || preparedJson(output) !== undefined) continue;
    if (typeof output.value !== 'string' || output.value.length < LARGE_STRING_CHARS) continue;
    let bytes = cache.get(output.value);
    if (bytes === undefined) {
      bytes = output.value.length < SLICE_CHARS ? JSON.stringify(output.value) : await jsonStringBytes(output.value);
      cache.set(output.value, bytes);
    } else if (typeof bytes === 'string') {
      // The second fire of this value: its bytes from now on.
      bytes = Buffer.from(bytes, 'utf8');
      cache.set(output.value, bytes);
    }
    encoded.set(variable.raw, bytes);
  }
  return encoded;
}
