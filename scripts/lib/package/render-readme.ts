import type { InstallFacts, InstallParam } from './install-facts.js';
import { presetReference } from './render-presets.js';
import { CATALOG } from '../templates/catalog.js';

function cell(text: string): string {
  return text
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

function inputRow(param: InstallParam): string {
  const where = param.serviceConfig ? 'Service' : 'Trigger';
  const flags = [param.required ? 'required' : 'optional', param.encrypt ? 'encrypted' : ''].filter(Boolean).join(', ');
  const fallback = param.encrypt || param.default === '' ? '' : `\`${cell(param.default)}\``;
  const choices = param.validValues.map((v) => cell(v)).join(', ');
  return `| ${cell(param.label)} | \`${param.name}\` | ${param.type} | ${where} | ${flags} | ${fallback} | ${choices} | ${cell(param.note)} |`;
}

/** The full input reference: every visible install.json input with where it is set, its default and choices. */
export function inputTable(facts: Pick<InstallFacts, 'params'>): string {
  const rows = facts.params.filter((p) => !p.hidden).map(inputRow);
  if (rows.length === 0) return '_This app declares no inputs._';
  return ['| Input | Name | Type | Set on | | Default | Choices / variables | Help |', '|---|---|---|---|---|---|---|---|', ...rows].join('\n');
}

/** Markdown table of the declared playbook output variables. */
export function outputTable(facts: Pick<InstallFacts, 'outputs'>): string {
  const rows = facts.outputs.map((o) => `| \`${o.name}\` | ${o.type} | ${cell(o.note)} |`);
  if (rows.length === 0) return '_This app declares no output variables._';
  return ['| Output variable | Type | Description |', '|---|---|---|', ...rows].join('\n');
}

/** The reference sections generated from the code and install.json, shared by the README and the user guide. */
export function generatedReference(facts: Pick<InstallFacts, 'params' | 'outputs'>): Record<'inputs' | 'outputs' | 'presets' | 'templateApps', string> {
  return {
    inputs: inputTable(facts),
    outputs: outputTable(facts),
    presets: presetReference(),
    templateApps: CATALOG.map((app) => `${app.displayName} ${app.programVersion}`).join(', '),
  };
}

/**
 * Fills the README template: `{{displayName}}`, `{{version}}`, `{{major}}`, `{{folderKey}}`,
 * `{{features}}`, `{{templateApps}}` (the templates' pinned apps, from the catalog),
 * `{{inputs}}`, `{{outputs}}` (tables generated from install.json) and `{{presets}}` (each source
 * preset's field map, from app/core/presets), so they never drift.
 */
export function renderReadme(template: string, facts: InstallFacts, folderKey: string): string {
  const values: Record<string, string> = {
    displayName: facts.displayName,
    version: facts.programVersion,
    folderKey,
    major: String(facts.major),
    features: facts.features.length > 0 ? facts.features.map((f) => `\`${f}\``).join(', ') : 'none',
    ...generatedReference(facts),
  };
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
}
