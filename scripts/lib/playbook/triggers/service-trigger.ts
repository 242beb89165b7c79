/**
 * Plays the Alert Intake App Service trigger exactly as the service would: the trigger's
 * playbook-level inputs (its parameters in the template, overlaid by --trigger-inputs) go through
 * the real CreateConfig steps (config model, ThreatConnect variables resolved, app.createConfig),
 * the request through app.webhookEvent (the real pipeline, in-process, memory key-value store), and
 * each fired alert's outputs through the real output writer: only the `#Trigger:` variables the
 * playbook uses are written, with the types it asks for.
 */
import { createMemoryKv } from '../../../../app/adapters/kv/memory.js';
import { createAlertApp } from '../../../../app/core/alert-app.js';
import type { AppDeps } from '../../../../app/core/app.js';
import { planOutputWrites } from '../../../../app/core/outputs/writer.js';
import { parseVariable } from '../../../../app/core/outputs/variables.js';
import { systemClock, type Logger } from '../../../../app/core/ports.js';
import { buildConfigModel } from '../../../../app/core/trigger/config-model.js';
import { resolveTcVariables } from '../../../../app/core/trigger/resolve-variables.js';
import type { RuntimeManifest } from '../../../../app/config/manifest.js';
import { PlaybookError } from '../errors.js';
import type { Masker } from '../mask.js';
import { arr, isObj, parameterMap, type Obj, type TriggerDef } from '../model.js';
import { findRefs } from '../variables.js';
import type { Fire, TriggerOutcome } from './outcome.js';
import { signedHeaders } from './sign.js';
import type { AlertRequest } from './request.js';
import type { TriggerInputsSpec } from './trigger-inputs.js';

const silent: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, child: () => silent };

/** Every `#Trigger:<id>:…` variable the playbook uses (embedded components excluded): what the platform sends as tc_playbook_out_variables. */
export function requestedTriggerVariables(doc: Obj, triggerId: number): string[] {
  const out = new Set<string>();
  const visit = (v: unknown, key?: string): void => {
    if (key === 'exportablePipes') return;
    if (typeof v === 'string') {
      for (const r of findRefs(v)) if (r.provider === 'Trigger' && r.id === triggerId) out.add(r.raw);
    } else if (Array.isArray(v)) for (const x of v) visit(x);
    else if (isObj(v)) for (const [k, x] of Object.entries(v)) visit(x, k);
  };
  visit(doc);
  return [...out];
}

/** The trigger's inputs in the template (any parameter list shape that names paramName/value). */
function templateInputs(trigger: TriggerDef): Record<string, unknown> {
  const list = arr(trigger.raw.jobParameterList).length ? trigger.raw.jobParameterList : trigger.raw.playbookTriggerParameterList;
  const out: Record<string, unknown> = {};
  for (const [name, value] of parameterMap(list)) if (value !== undefined) out[name] = value;
  return out;
}

export async function playServiceTrigger(
  doc: Obj,
  trigger: TriggerDef,
  request: AlertRequest,
  spec: TriggerInputsSpec,
  manifest: RuntimeManifest,
  masker: Masker,
  options: { sign: boolean } = { sign: false },
): Promise<TriggerOutcome> {
  const where = `trigger ${trigger.id} "${trigger.name}"`;
  const config: Record<string, unknown> = {
    ...templateInputs(trigger),
    ...spec.inputs,
    tc_playbook_out_variables: requestedTriggerVariables(doc, trigger.id).join(','),
  };
  for (const name of manifest.encryptedInputs) masker.add(config[name]);
  const model = buildConfigModel(config, { listDelimiter: manifest.listDelimiter, multiValueInputs: manifest.multiValueInputs });
  const tcApi = {
    get: async (path: string) => {
      const key = decodeURIComponent(path.split('/').pop() ?? '');
      const value = spec.variables[key];
      return value === undefined ? { status: 404, headers: {}, body: '{}' } : { status: 200, headers: {}, body: JSON.stringify({ data: value }) };
    },
  };
  let inputs: Record<string, unknown>;
  try {
    const resolved = await resolveTcVariables(model.inputs, tcApi, trigger.id);
    for (const s of resolved.secrets) masker.add(s);
    inputs = resolved.inputs;
  } catch (err) {
    throw new PlaybookError(`${err instanceof Error ? err.message : String(err)} (define it under "variables" in the trigger inputs file)`, where);
  }
  for (const name of manifest.encryptedInputs) masker.add(inputs[name]);
  const deps: AppDeps = {
    kv: createMemoryKv(),
    http: { request: async () => ({ status: 599, headers: {}, body: 'offline: no outbound HTTP' }) },
    tcApi,
    logger: silent,
    clock: systemClock,
    serviceInputs: { ...spec.service },
  };
  const app = createAlertApp(manifest);
  const created = await app.createConfig(trigger.id, inputs, deps);
  if (created.status !== 'Success') throw new PlaybookError(`CreateConfig failed: ${masker.text(created.message ?? 'no reason given')}`, where);
  let headers = request.headers;
  if (options.sign) headers = [...headers, ...signedHeaders(created.settings, request.body, deps.clock.now())];
  const result = await app.webhookEvent(
    {
      triggerId: trigger.id,
      requestKey: 'offline-request',
      sessionId: 'offline-session',
      method: request.method,
      headers,
      queryParams: request.query,
      body: request.body.length ? request.body : null,
      settings: created.settings,
    },
    deps,
  );
  if (result.kind === 'respond') {
    const body = result.body === undefined ? '' : Buffer.isBuffer(result.body) ? result.body.toString('utf8') : result.body;
    return { kind: 'responded', status: result.statusCode, reason: result.reason, detail: masker.text(result.detail ?? ''), body: masker.text(body) };
  }
  const fires: Fire[] = result.fires.map((outputs) => {
    const plan = planOutputWrites(model.outputVariables, outputs);
    const variables = plan.writes.flatMap((w) => {
      const v = parseVariable(w.field);
      return v ? [{ name: v.key, type: v.type, value: JSON.parse(w.json.toString()) as unknown }] : [];
    });
    const notes = Object.fromEntries(
      plan.skipped.flatMap((s) => {
        const v = parseVariable(s.variable);
        return v ? [[v.key, `the service did not write it: ${s.reason}`]] : [];
      }),
    );
    return { variables, notes };
  });
  return { kind: 'fired', fires, detail: result.detail ?? `${fires.length} alert(s) fired` };
}
