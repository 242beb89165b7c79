/**
 * `npm run send -- grafana`: a sample by name (samples/<name>.json) and the trigger to post it to,
 * found generically: the presets whose `sample` is that file → the first trigger of the triggers
 * file that uses one of them (one without authentication first). No list of names lives here.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { PRESETS } from '../../app/core/presets/index.js';
import type { TriggerSpec, TriggersFile } from '../../app/simulator/triggers-file.js';
import { CliError } from '../../app/cli/command-line.js';

const DEFAULT_PRESET = 'Generic JSON';

export function sampleNames(root: string): string[] {
  const dir = join(root, 'samples');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'triggers.json')
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** samples/<name>.json for a bare name; a path as given. Throws with the list of samples when absent. */
export function sampleFile(root: string, nameOrPath: string): string {
  const looksLikePath = nameOrPath.includes('/') || nameOrPath.endsWith('.json');
  const path = looksLikePath ? resolve(nameOrPath) : join(root, 'samples', `${nameOrPath}.json`);
  if (existsSync(path)) return path;
  const names = sampleNames(root);
  throw new CliError(
    looksLikePath ? `no file ${nameOrPath}` : `no sample "${nameOrPath}"`,
    `use a file path or one of: ${names.join(', ') || '(no samples/ folder)'}`,
  );
}

/** The preset names whose sample is this file (by its path under the repository, or its file name). */
export function presetsForSample(root: string, file: string): string[] {
  const rel = relative(root, file).split('\\').join('/');
  return PRESETS.filter((p) => [p.sample].flat().some((s) => s === rel || basename(s) === basename(file))).map((p) => p.name);
}

const presetOf = (t: TriggerSpec): string => (typeof t.inputs.source_preset === 'string' && t.inputs.source_preset.trim() ? t.inputs.source_preset.trim() : DEFAULT_PRESET);
const authOf = (t: TriggerSpec): string => (typeof t.inputs.auth_mode === 'string' && t.inputs.auth_mode.trim() ? t.inputs.auth_mode.trim() : 'None');

/** The trigger a sample goes to; throws naming the fix when the triggers file has none for its preset. */
export function triggerForSample(root: string, file: string, triggers: TriggersFile, triggersPath: string): TriggerSpec {
  const presets = presetsForSample(root, file);
  const shown = relative(root, file) || file;
  if (presets.length === 0) throw new CliError(`${shown} is no preset's sample, so its trigger is unknown`, `pass the trigger id: npm run send -- <triggerId> ${shown}`);
  const lower = presets.map((p) => p.toLowerCase());
  const matching = triggers.triggers.filter((t) => lower.includes(presetOf(t).toLowerCase()));
  const chosen = matching.find((t) => authOf(t) === 'None') ?? matching[0];
  if (!chosen) {
    throw new CliError(
      `no trigger in ${relative(root, triggersPath) || triggersPath} uses the preset ${presets.map((p) => `"${p}"`).join(' or ')}`,
      `add one there (and restart npm start), or pass a trigger id: npm run send -- <triggerId> ${shown}`,
    );
  }
  return chosen;
}

/**
 * Headers the trigger's authentication needs that the demo can fill in itself: the shared-secret
 * header, when its secret is a literal or a `&{TC:TEXT:name}` variable of the triggers file.
 */
export function demoAuthHeaders(trigger: TriggerSpec, triggers: TriggersFile): Record<string, string> {
  if (authOf(trigger) !== 'Shared Secret Header') return {};
  const header = typeof trigger.inputs.auth_header === 'string' && trigger.inputs.auth_header ? trigger.inputs.auth_header : 'X-Webhook-Secret';
  const raw = trigger.inputs.auth_secret;
  if (typeof raw !== 'string') return {};
  const variable = /^&\{TC:TEXT:([^}]+)\}$/.exec(raw);
  const secret = variable ? triggers.variables[variable[1]!] : raw;
  return secret ? { [header]: secret } : {};
}

export function authModeOf(trigger: TriggerSpec): string {
  return authOf(trigger);
}
