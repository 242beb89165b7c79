import type { InstallFacts, InstallParam } from './install-facts.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ').trim();
}

function inputRow(param: InstallParam): string {
  const where = param.serviceConfig ? 'Service' : 'Trigger';
  const flags = [param.required ? 'required' : 'optional', param.encrypt ? 'encrypted' : ''].filter(Boolean).join(', ');
  return `| ${cell(param.label)} | \`${param.name}\` | ${param.type} | ${where} | ${flags} | ${cell(param.note)} |`;
}

/** Markdown table of the visible inputs of install.json. */
export function inputTable(facts: Pick<InstallFacts, 'params'>): string {
  const rows = facts.params.filter((p) => !p.hidden).map(inputRow);
  if (rows.length === 0) return '_This app declares no inputs._';
  return ['| Input | Name | Type | Set on | | Help |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

/** Markdown table of the declared playbook output variables. */
export function outputTable(facts: Pick<InstallFacts, 'outputs'>): string {
  const rows = facts.outputs.map((o) => `| \`${o.name}\` | ${o.type} | ${cell(o.note)} |`);
  if (rows.length === 0) return '_This app declares no output variables._';
  return ['| Output variable | Type | Description |', '|---|---|---|', ...rows].join('\n');
}

/**
 * Fills the README template: `{{displayName}}`, `{{version}}`, `{{folderKey}}`, `{{features}}`,
 * `{{inputs}}` and `{{outputs}}` (tables generated from install.json, so they never drift).
 */
export function renderReadme(template: string, facts: InstallFacts, folderKey: string): string {
  const values: Record<string, string> = {
    displayName: facts.displayName,
    version: facts.programVersion,
    folderKey,
    features: facts.features.length > 0 ? facts.features.map((f) => `\`${f}\``).join(', ') : 'none',
    inputs: inputTable(facts),
    outputs: outputTable(facts),
  };
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
}
