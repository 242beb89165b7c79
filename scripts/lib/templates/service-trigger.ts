/**
 * THE ONE PLACE for the shape of the Alert Intake App Service trigger inside an exported playbook.
 *
 * No public export of a Webhook Trigger Service trigger exists (templates research §1.3, Q1). What
 * is evidenced: trigger objects share id/name/type/eventType/location/anyOrg/filter list/
 * `outputVariables` (a JSON string); jobs name their app by `appCatalogItem` with the package key's
 * `_` turned into spaces (`TCVW_-_alert_intake_v1` → `TCVW - alert intake v1`) and carry inputs in
 * `jobParameterList`; service outputs are addressed `#Trigger:<triggerId>:<name>!<Type>`.
 * ASSUMED (change here when a real export is available): the `type` string, and that the trigger
 * carries `appCatalogItem` and its playbook-level inputs in `jobParameterList` like a job does.
 */
import type { JobParameter, OutputDecl, Trigger } from './model.js';

export const SERVICE_TRIGGER_TYPE = 'WebhookTriggerService';

export interface InstallParam {
  name: string;
  type?: string;
  default?: unknown;
  encrypt?: boolean;
  serviceConfig?: boolean;
  hidden?: boolean;
}

export interface InstallJson {
  displayName: string;
  programVersion: string;
  params: InstallParam[];
  playbook?: { outputVariables?: OutputDecl[] };
}

/** `TCVW_-_alert_intake_v1` → `TCVW - alert intake v1` (how exports show an app's identity key). */
export function serviceProgramName(install: InstallJson): string {
  const slug = install.displayName
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
  const major = install.programVersion.split('.')[0] ?? '1';
  return `TCVW - ${slug.replace(/_/g, ' ')} v${major}`;
}

/** Playbook-level inputs with their defaults; secrets get a keychain variable, never a value. */
export function serviceTriggerParameters(install: InstallJson, overrides: Record<string, string> = {}): JobParameter[] {
  return install.params
    .filter((p) => p.serviceConfig !== true && p.hidden !== true)
    .map((p) => {
      const override = overrides[p.name];
      if (override !== undefined) return { appCatalogItemParameter: { paramName: p.name }, value: override };
      if (p.encrypt) return { appCatalogItemParameter: { paramName: p.name } };
      if (p.default === undefined || p.default === null || p.default === '') return { appCatalogItemParameter: { paramName: p.name } };
      const value = Array.isArray(p.default) ? p.default.join('|') : String(p.default);
      return { appCatalogItemParameter: { paramName: p.name }, value };
    });
}

export function serviceTrigger(
  install: InstallJson,
  options: { id: number; name: string; left: number; top: number; parameters?: Record<string, string> },
): Trigger {
  return {
    id: options.id,
    name: options.name,
    type: SERVICE_TRIGGER_TYPE,
    eventType: 'External',
    locationLeft: options.left,
    locationTop: options.top,
    anyOrg: true,
    playbookTriggerFilterList: [],
    appCatalogItem: { programName: serviceProgramName(install), displayName: install.displayName, programVersion: install.programVersion },
    jobParameterList: serviceTriggerParameters(install, options.parameters),
    outputVariables: JSON.stringify(install.playbook?.outputVariables ?? []),
  };
}

/** True for a trigger that is (our assumed shape of) an App Service trigger. */
export function isServiceTrigger(trigger: { type?: unknown }): boolean {
  return trigger.type === SERVICE_TRIGGER_TYPE;
}
