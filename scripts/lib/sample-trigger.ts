/**
 * `npm run send -- grafana`: a sample by name (samples/<name>.json) and the trigger to post it to,
 * found generically: the presets whose `sample` is that file → the first trigger of the triggers
 * file that uses one of them (one without authentication first; one with authentication is
 * signed with its demo secret). No list of names lives here.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { PRESETS } from '../../app/core/presets/index.js';
import type { TriggerSpec, TriggersFile } from '../../app/simulator/triggers-file.js';
import { randomUUID } from 'node:crypto';
import { CliError } from '../../app/cli/command-line.js';
import { signingOptionsOf, signRequest } from '../../app/core/pipeline/auth/sign.js';
import { parseTriggerSettings } from '../../app/core/trigger/settings.js';
import type { DeclaredInputs } from '../../app/core/trigger/declared-inputs.js';

const DEFAULT_PRESET = 'Generic JSON';

export function sampleNames(root: string): string[] {
  const dir = join(root, 'samples');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'triggers.json')
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** samples/<name>.json for a bare name (else a file of that name); a path as given (from where npm was run). Throws with the list of samples when absent. */
export function sampleFile(root: string, nameOrPath: string): string {
  const looksLikePath = nameOrPath.includes('/') || nameOrPath.endsWith('.json');
  // npm runs a script in the package root; INIT_CWD is where the user typed the command.
  const asGiven = resolve(process.env.INIT_CWD ?? process.cwd(), nameOrPath);
  const path = looksLikePath ? asGiven : join(root, 'samples', `${nameOrPath}.json`);
  if (existsSync(path)) return path;
  if (!looksLikePath && existsSync(asGiven)) return asGiven;
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

const presetOf = (t: TriggerSpec): string =>
  typeof t.inputs.source_preset === 'string' && t.inputs.source_preset.trim() ? t.inputs.source_preset.trim() : DEFAULT_PRESET;
const authOf = (t: TriggerSpec): string => (typeof t.inputs.auth_mode === 'string' && t.inputs.auth_mode.trim() ? t.inputs.auth_mode.trim() : 'None');

/** The trigger a sample goes to; throws naming the fix when the triggers file has none for its preset. */
export function triggerForSample(root: string, file: string, triggers: TriggersFile, triggersPath: string): TriggerSpec {
  const presets = presetsForSample(root, file);
  const shown = relative(root, file) || file;
  if (presets.length === 0)
    throw new CliError(`${shown} is no preset's sample, so its trigger is unknown`, `pass the trigger id: npm run send -- <triggerId> ${shown}`);
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

/** The trigger's inputs with `&{TC:TEXT:name}` values taken from the triggers file's variables. */
function resolvedInputs(trigger: TriggerSpec, triggers: TriggersFile): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(trigger.inputs)) {
    const variable = typeof value === 'string' ? /^&\{TC:TEXT:([^}]+)\}$/.exec(value) : null;
    out[name] = variable ? triggers.variables[variable[1]!] : value;
  }
  return out;
}

/**
 * The headers a sender configured like this trigger would add (shared secret, HMAC signatures,
 * GitHub, Stripe, Standard Webhooks, Basic), signed over `body` with the trigger's own secret from
 * the triggers file: so a demo trigger with authentication can be tried with one command too.
 * Empty when the trigger needs none or its settings do not parse (the service will say why).
 */
export function demoAuthHeaders(
  declared: DeclaredInputs,
  trigger: TriggerSpec,
  triggers: TriggersFile,
  body: Buffer,
  nowSeconds = Date.now() / 1000,
): Record<string, string> {
  const parsed = parseTriggerSettings(resolvedInputs(trigger, triggers), declared);
  if (!parsed.ok) return {};
  const auth = parsed.settings.auth;
  if (auth.mode === 'none' || auth.secrets.length === 0) return {};
  const headers = signRequest({
    ...signingOptionsOf(auth),
    secret: auth.secrets[0]!,
    body,
    nowSeconds,
    messageId: `send-${randomUUID()}`,
  });
  return Object.fromEntries(headers.map((h) => [h.name, h.value]));
}

export function authModeOf(trigger: TriggerSpec): string {
  return authOf(trigger);
}
