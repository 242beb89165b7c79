/**
 * `--trigger-inputs FILE`: the App Service trigger's playbook-level inputs. Accepted shapes:
 * the simulator's triggers file (`{"service", "variables", "triggers": [{id, inputs}]}`; the
 * trigger is chosen by --trigger-id, or the only one, or the one whose preset's sample is the
 * alert file), `{"inputs", "variables", "service"}`, or a plain object of inputs.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { presetByName, PRESETS } from '../../../../app/core/presets/index.js';
import { UsageError } from '../errors.js';
import { arr, isObj, type Obj } from '../model.js';

export interface TriggerInputsSpec {
  inputs: Record<string, unknown>;
  /** ThreatConnect variables (`&{TC:TEXT:key}`) by key. */
  variables: Record<string, string>;
  /** Service-level inputs (serviceConfig: true). */
  service: Record<string, unknown>;
  /** Where the inputs came from, for the trace. */
  source: string;
}

export const NO_INPUTS: TriggerInputsSpec = { inputs: {}, variables: {}, service: {}, source: "the template trigger's own parameters" };

const stringMap = (v: unknown): Record<string, string> =>
  isObj(v) ? (Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'string')) as Record<string, string>) : {};

function fromTriggersFile(doc: Obj, file: string, alertFile: string, triggerId: number | undefined): TriggerInputsSpec {
  const triggers = arr(doc.triggers).filter(isObj);
  const ids = triggers.map((t) => String(t.id)).join(', ');
  let chosen: Obj | undefined;
  if (triggerId !== undefined) {
    chosen = triggers.find((t) => Number(t.id) === triggerId);
    if (!chosen) throw new UsageError(`--trigger-id ${triggerId} is not in ${file} (its triggers: ${ids}); pick one of those`);
  } else if (triggers.length === 1) chosen = triggers[0];
  else {
    const sample = basename(alertFile);
    chosen = triggers.find((t) => {
      const preset = isObj(t.inputs) && typeof t.inputs.source_preset === 'string' ? presetByName(t.inputs.source_preset) : undefined;
      return preset !== undefined && basename(preset.sample) === sample;
    });
    const preset = chosen ? undefined : PRESETS.find((p) => basename(p.sample) === sample);
    // A preset's own sample with no trigger of that preset in the file: the preset with its defaults.
    if (preset) {
      return {
        inputs: { source_preset: preset.name },
        variables: stringMap(doc.variables),
        service: isObj(doc.service) ? doc.service : {},
        source: `${file}: no trigger for ${sample}, so the ${preset.name} preset with default inputs`,
      };
    }
    if (!chosen) throw new UsageError(`${file} has several triggers and none is for ${sample}'s preset; pick one with --trigger-id (${ids})`);
  }
  if (!chosen) throw new UsageError(`${file} has no triggers`);
  if (chosen.inputs !== undefined && !isObj(chosen.inputs)) throw new UsageError(`${file}: trigger ${String(chosen.id)} inputs must be an object`);
  return {
    inputs: (chosen.inputs ?? {}) as Record<string, unknown>,
    variables: stringMap(doc.variables),
    service: isObj(doc.service) ? doc.service : {},
    source: `${file}, trigger ${String(chosen.id)}${typeof chosen.name === 'string' ? ` "${chosen.name}"` : ''}`,
  };
}

export function parseTriggerInputs(json: unknown, file: string, alertFile: string, triggerId?: number): TriggerInputsSpec {
  if (!isObj(json)) throw new UsageError(`--trigger-inputs ${file}: must be a JSON object (the triggers file, {"inputs": {...}}, or the inputs themselves)`);
  if (Array.isArray(json.triggers)) return fromTriggersFile(json, file, alertFile, triggerId);
  if (isObj(json.inputs)) {
    return { inputs: json.inputs, variables: stringMap(json.variables), service: isObj(json.service) ? json.service : {}, source: file };
  }
  return { inputs: json, variables: {}, service: {}, source: file };
}

export function readTriggerInputs(file: string, alertFile: string, triggerId?: number): TriggerInputsSpec {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`--trigger-inputs ${file}: cannot read the file`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new UsageError(`--trigger-inputs ${file}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  return parseTriggerInputs(json, file, alertFile, triggerId);
}
