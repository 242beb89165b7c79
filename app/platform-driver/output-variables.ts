/**
 * The playbook output variables the platform asks a trigger for in CreateConfig
 * (`tc_playbook_out_variables`: `#Trigger:<id>:<name>!<type>`, comma-separated): by default every
 * output variable the app's install.json declares.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `<name>!<type>` of each output variable install.json (in `appDir`) declares; none when it is missing or unreadable. */
export function declaredOutputs(appDir: string): string[] {
  const p = join(appDir, 'install.json');
  if (!existsSync(p)) return [];
  try {
    const doc = JSON.parse(readFileSync(p, 'utf8')) as { playbook?: { outputVariables?: Array<{ name: string; type: string }> } };
    return (doc.playbook?.outputVariables ?? []).map((o) => `${o.name}!${o.type}`);
  } catch {
    return [];
  }
}

/** The `tc_playbook_out_variables` value for these `<name>!<type>` outputs of a trigger. */
export function outVariables(triggerId: number | string, outputs: readonly string[]): string {
  return outputs.map((o) => `#Trigger:${String(triggerId)}:${o}`).join(',');
}
