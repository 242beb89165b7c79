/**
 * Writes the requested output variables of one playbook session (protocol §5.2–5.3): a variable is
 * written only when the playbook asked for it (selected by key and type from the opaque
 * `#Trigger:…!Type` strings the platform sent), one HSET each, all awaited before the caller may fire.
 */
import type { Outputs } from '../app.js';
import type { KvStore } from '../ports.js';
import type { ParsedVariable } from './variables.js';
import { encodeOutputValue } from './encode-value.js';
import { preparedJson } from './prepared-value.js';

export interface PlannedWrite {
  field: string;
  /** The JSON text, or its UTF-8 bytes (a very large string encoded beforehand: large-strings.ts). */
  json: string | Buffer;
}

export interface WritePlan {
  writes: PlannedWrite[];
  /** Requested variables that were skipped, with why (type mismatch, not produced, invalid value). */
  skipped: Array<{ variable: string; reason: string }>;
}

/** Pure: which fields to write with which JSON text; `encoded` holds variables already encoded (by their opaque string). */
export function planOutputWrites(requested: readonly ParsedVariable[], outputs: Outputs, encoded?: ReadonlyMap<string, string | Buffer>): WritePlan {
  const writes: PlannedWrite[] = [];
  const skipped: WritePlan['skipped'] = [];
  for (const variable of requested) {
    const output = Object.hasOwn(outputs, variable.key) ? outputs[variable.key] : undefined;
    if (!output) {
      skipped.push({ variable: variable.raw, reason: 'not produced for this event' });
      continue;
    }
    if (output.type !== variable.type) {
      skipped.push({ variable: variable.raw, reason: `produced as ${output.type}, requested as ${variable.type}` });
      continue;
    }
    const bytes = encoded?.get(variable.raw);
    if (bytes !== undefined) {
      writes.push({ field: variable.raw, json: bytes });
      continue;
    }
    // A value prepared as its JSON text where the alert was analysed (prepared-value.ts): that text.
    const prepared = preparedJson(output);
    if (prepared !== undefined) {
      writes.push({ field: variable.raw, json: prepared });
      continue;
    }
    const value = encodeOutputValue(variable.type, output.value);
    if (value === null) continue;
    if (!value.ok) {
      skipped.push({ variable: variable.raw, reason: value.reason });
      continue;
    }
    writes.push({ field: variable.raw, json: value.json });
  }
  return { writes, skipped };
}

/** Performs the plan in one HSET; resolves only when the store has acknowledged it. */
export async function writeOutputs(kv: KvStore, sessionId: string, plan: WritePlan): Promise<void> {
  if (plan.writes.length === 0) return;
  // Pairs, not an object: building a 20-odd-key object per event cost more than encoding the values.
  await kv.hsetAll(
    sessionId,
    plan.writes.map((w) => [w.field, w.json] as const),
  );
}
