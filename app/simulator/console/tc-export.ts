/**
 * "Take it to ThreatConnect": the trigger's inputs as a triggers-file entry, and the checklist of
 * values to set on the imported playbook's trigger (only what differs from install.json's defaults).
 */
import { parseTcVariable } from '../../core/trigger/resolve-variables.js';
import type { TriggerSpec } from '../triggers-file.js';
import type { AppModel } from './app-model.js';
import { MASK } from './secrets.js';

export interface ExportResult {
  /** The triggers-file entry, secrets as variable references only. */
  entry: TriggerSpec;
  checklist: string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b) || String(a) === String(b);
const shown = (v: unknown) => (Array.isArray(v) ? v.join(' | ') : typeof v === 'string' ? v : JSON.stringify(v));

/** `inputs` as the page holds them (literal secrets already MASK). */
export function exportTrigger(trigger: { id: number; name?: string; outputs?: string[] }, inputs: Record<string, unknown>, model: AppModel): ExportResult {
  const entryInputs: Record<string, unknown> = {};
  const checklist: string[] = [];
  for (const group of model.groups) {
    for (const p of group.params) {
      const v = inputs[p.name];
      if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
      if (p.encrypt) {
        const ref = parseTcVariable(v);
        const name = ref ? `&{${ref.provider}:${ref.type}:${ref.key}}` : `&{TC:KEYCHAIN:${p.name}_trigger_${trigger.id}}`;
        entryInputs[p.name] = name;
        checklist.push(
          ref
            ? `${group.title} › ${p.label}: select the ${ref.type} variable "${ref.key}" (create it first if it does not exist)`
            : `${group.title} › ${p.label}: create a KEYCHAIN variable holding the secret (the console shows it as ${MASK}) and select it`,
        );
        continue;
      }
      entryInputs[p.name] = v;
      if (p.default !== undefined && same(v, p.default)) continue;
      checklist.push(`${group.title} › ${p.label}: ${shown(v)}`);
    }
  }
  if (trigger.outputs?.length) checklist.push(`Output variables: select ${trigger.outputs.map((o) => o.split('!')[0]).join(', ')}`);
  if (checklist.length === 0) checklist.push('Nothing to change: every input is at its default.');
  return {
    entry: { id: trigger.id, ...(trigger.name ? { name: trigger.name } : {}), inputs: entryInputs, ...(trigger.outputs ? { outputs: trigger.outputs } : {}) },
    checklist,
  };
}
