/**
 * The simulator's triggers file: service-level inputs, one entry per playbook trigger (its
 * playbook-level inputs and, optionally, the outputs it requests), and `variables` that stand in
 * for ThreatConnect's variable store (`&{TC:TEXT:name}` inputs resolve against them).
 */
import { readFileSync } from 'node:fs';

export interface TriggerSpec {
  id: number;
  name?: string;
  inputs: Record<string, unknown>;
  /** `name!Type` entries; default: every output install.json declares. */
  outputs?: string[];
}

export interface TriggersFile {
  service: Record<string, unknown>;
  triggers: TriggerSpec[];
  variables: Record<string, string>;
}

export function parseTriggersFile(json: unknown, source: string): TriggersFile {
  const doc = (json ?? {}) as Record<string, unknown>;
  const fail = (why: string): never => {
    throw new Error(`${source}: ${why}`);
  };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail('must be a JSON object');
  const triggers = Array.isArray(doc.triggers) ? doc.triggers : fail('"triggers" must be a list');
  const seen = new Set<number>();
  const parsed = triggers.map((t, i): TriggerSpec => {
    const entry = (t ?? {}) as Record<string, unknown>;
    const id = Number(entry.id);
    if (!Number.isInteger(id) || id < 0) fail(`triggers[${i}].id must be a non-negative integer`);
    if (seen.has(id)) fail(`triggers[${i}].id ${id} is used twice`);
    seen.add(id);
    const inputs = entry.inputs ?? {};
    if (typeof inputs !== 'object' || Array.isArray(inputs)) fail(`triggers[${i}].inputs must be an object`);
    if (entry.outputs !== undefined && (!Array.isArray(entry.outputs) || !entry.outputs.every((o) => typeof o === 'string' && o.includes('!')))) {
      fail(`triggers[${i}].outputs must be a list of "name!Type"`);
    }
    return {
      id,
      ...(typeof entry.name === 'string' ? { name: entry.name } : {}),
      inputs: inputs as Record<string, unknown>,
      ...(entry.outputs ? { outputs: entry.outputs as string[] } : {}),
    };
  });
  return {
    service: (doc.service ?? {}) as Record<string, unknown>,
    triggers: parsed,
    variables: (doc.variables ?? {}) as Record<string, string>,
  };
}

export function readTriggersFile(path: string): TriggersFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return parseTriggersFile(json, path);
}
