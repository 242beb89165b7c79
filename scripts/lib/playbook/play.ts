/**
 * Plays one alert through one exported playbook template: the trigger (App Service or HTTP Link),
 * then one playbook run per fired alert, sharing one offline ThreatConnect (the intel), so an
 * indicator stored by one run is known to the next.
 */
import { parseManifest } from '../../../app/config/manifest.js';
import { isServiceTrigger } from '../templates/service-trigger.js';
import { PlaybookError } from './errors.js';
import { Intel, type IntelFile } from './intel.js';
import { Masker } from './mask.js';
import { isObj, readPlaybook, type TriggerDef } from './model.js';
import { emptyRun, type CreatedIndicator, type NotificationEffect, type RunRecord, type SkippedIndicator } from './record.js';
import { Scope } from './scope.js';
import { playHttpLinkTrigger } from './triggers/http-link.js';
import type { TriggerOutcome } from './triggers/outcome.js';
import type { AlertRequest } from './triggers/request.js';
import { playServiceTrigger } from './triggers/service-trigger.js';
import type { TriggerInputsSpec } from './triggers/trigger-inputs.js';
import { storesIndicators, Walker } from './walk.js';

export interface PlayInput {
  doc: unknown;
  request: AlertRequest;
  triggerInputs: TriggerInputsSpec;
  intel: IntelFile;
  /** install.json of the App Service (its params, encrypted inputs, list delimiter). */
  install: unknown;
  /** Add the headers the App Service trigger's authentication expects (--sign). */
  sign?: boolean;
  now?: number;
}

export interface RunResult extends RunRecord {
  index: number;
  error?: { where: string; message: string };
}

export interface PlayResult {
  template: string;
  trigger: {
    id: number;
    name: string;
    type: string;
    inputs?: string;
    outcome: 'fired' | 'responded' | 'failed';
    status?: number;
    reason?: string;
    detail: string;
  };
  runs: RunResult[];
  effects: { created: CreatedIndicator[]; skipped: SkippedIndicator[]; notifications: NotificationEffect[] };
  ok: boolean;
  errors: string[];
}

const isService = (t: TriggerDef): boolean =>
  isServiceTrigger(t.raw) || (isObj(t.raw.appCatalogItem) && /^TCVW\b/.test(String(t.raw.appCatalogItem.programName ?? '')));

/** Plays the alert; every string of the result passes the secrets mask last, whatever produced it. */
export async function play(input: PlayInput): Promise<PlayResult> {
  const masker = new Masker();
  return masker.value(await playUnmasked(input, masker));
}

async function playUnmasked(input: PlayInput, masker: Masker): Promise<PlayResult> {
  const def = readPlaybook(input.doc);
  const triggers = def.triggers.filter((t) => isService(t) || t.type === 'HttpLink');
  const trigger = triggers[0];
  const result: PlayResult = {
    template: def.name,
    trigger: {
      id: trigger?.id ?? 0,
      name: trigger?.name ?? '',
      type: trigger ? (isService(trigger) ? 'App Service' : 'HTTP Link') : 'none',
      outcome: 'failed',
      detail: '',
    },
    runs: [],
    effects: { created: [], skipped: [], notifications: [] },
    ok: false,
    errors: [],
  };
  if (!trigger) {
    result.errors.push(`"${def.name}": no App Service or HTTP Link trigger to play (its triggers: ${def.triggers.map((t) => t.type).join(', ') || 'none'})`);
    return result;
  }
  let outcome: TriggerOutcome;
  try {
    if (isService(trigger)) {
      result.trigger.inputs = input.triggerInputs.source;
      outcome = await playServiceTrigger(def.raw, trigger, input.request, input.triggerInputs, parseManifest(input.install, 'install.json'), masker, {
        sign: input.sign === true,
      });
    } else outcome = playHttpLinkTrigger(trigger, input.request, masker);
  } catch (err) {
    if (!(err instanceof PlaybookError)) throw err;
    result.trigger.detail = masker.text(err.message);
    result.errors.push(masker.text(err.message));
    return result;
  }
  if (outcome.kind === 'responded') {
    Object.assign(result.trigger, { outcome: 'responded', status: outcome.status, reason: outcome.reason, detail: outcome.detail });
    result.ok = true;
    return result;
  }
  Object.assign(result.trigger, { outcome: 'fired', detail: outcome.detail });
  const intel = new Intel(input.intel);
  const now = input.now ?? Date.now();
  const globals: Record<string, string> = {
    'gbl.timestamp.iso': new Date(now).toISOString(),
    'gbl.timestamp.epoch': String(Math.floor(now / 1000)),
    'gbl.org.name': input.intel.organization,
    'gbl.host.api': 'https://threatconnect.offline.invalid/api',
    ...Object.fromEntries(def.scopeVariables.map((v) => [`gbl.${v.name.toLowerCase()}`, v.value])),
  };
  const env = { tcVariables: input.triggerInputs.variables, masker, globals };
  const stores = storesIndicators(def);
  outcome.fires.forEach((fire, index) => {
    const run: RunResult = { ...emptyRun(), index: index + 1 };
    result.runs.push(run);
    const scope = new Scope(def, trigger, fire.variables, fire.notes, `Playbook${outcome.fires.length > 1 ? ` run ${index + 1}` : ''}`, {
      ...env,
      globals: { ...globals, 'gbl.playbook.sessionid': `offline-session-${index + 1}` },
    });
    try {
      new Walker({ root: def, intel, run, env: scope.env, steps: { count: 0, max: 10_000 }, storesIndicators: stores }, scope).start();
    } catch (err) {
      if (!(err instanceof PlaybookError)) throw err;
      run.error = { where: masker.text(err.where), message: masker.text(err.message) };
      result.errors.push(run.error.message);
    }
    result.effects.created.push(...run.created);
    result.effects.skipped.push(...run.skipped);
    result.effects.notifications.push(...run.notifications);
  });
  result.ok = result.errors.length === 0;
  return result;
}
