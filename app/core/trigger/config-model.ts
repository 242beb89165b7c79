/**
 * CreateConfig `config` → trigger inputs (protocol §3.4 step 4): the requested output variables
 * split off, "" → null (PLAT-4393), multi-value inputs split on the listDelimiter.
 */
import { parseVariable, type ParsedVariable } from '../outputs/variables.js';
import type { TriggerInputs } from '../app.js';

export const OUT_VARIABLES_KEY = 'tc_playbook_out_variables';

export interface ConfigModelOptions {
  listDelimiter: string;
  /** Inputs declared MultiChoice or allowMultiple in install.json. */
  multiValueInputs: ReadonlySet<string>;
}

export interface ConfigModel {
  inputs: TriggerInputs;
  outputVariables: ParsedVariable[];
  /** Entries of tc_playbook_out_variables that are not playbook variables. */
  ignoredOutputs: string[];
}

/** Accepts the CSV string the platform sends and the JSON list the TX2 harness sent. */
export function parseOutputVariables(value: unknown): { variables: ParsedVariable[]; ignored: string[] } {
  const items = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? value.split(',') : [];
  const variables: ParsedVariable[] = [];
  const ignored: string[] = [];
  for (const item of items) {
    if (item.trim() === '') continue;
    const parsed = parseVariable(item);
    if (parsed) variables.push(parsed);
    else ignored.push(item.slice(0, 200));
  }
  return { variables, ignored };
}

export function buildConfigModel(config: Record<string, unknown>, options: ConfigModelOptions): ConfigModel {
  const inputs: TriggerInputs = Object.create(null) as TriggerInputs;
  for (const [name, raw] of Object.entries(config)) {
    if (name === OUT_VARIABLES_KEY) continue;
    let value: unknown = raw === '' ? null : raw;
    if (typeof value === 'string' && options.multiValueInputs.has(name)) {
      value = value.split(options.listDelimiter).filter((part) => part !== '');
    }
    inputs[name] = value;
  }
  const { variables, ignored } = parseOutputVariables(config[OUT_VARIABLES_KEY]);
  return { inputs, outputVariables: variables, ignoredOutputs: ignored };
}
