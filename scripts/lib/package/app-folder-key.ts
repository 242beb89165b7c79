import type { InstallFacts } from './install-facts.js';
import { PackagingError } from './packaging-error.js';

/** Package-name prefixes by runtime level, as tcex-app-config assigns them. */
const PREFIXES: Readonly<Record<string, string>> = {
  playbook: 'TCPB_-_',
  webhooktriggerservice: 'TCVW_-_',
  triggerservice: 'TCVC_-_',
  apiservice: 'TCVA_-_',
};

/** `Alert Intake` → `alert_intake`: lower case, one `_` for every run of other characters. */
export function summariseName(displayName: string): string {
  return displayName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * The app's identity key, `<package name>_v<major>`, e.g. `TCVW_-_alert_intake_v1`: the single top
 * folder of the `.tcx` and its file name. The package name is the runtime-level prefix plus the
 * summarised display name; only the major version enters, so minor and patch releases upgrade in place.
 */
export function appFolderKey(facts: Pick<InstallFacts, 'displayName' | 'runtimeLevel' | 'major'>): string {
  const prefix = PREFIXES[facts.runtimeLevel.toLowerCase()];
  if (prefix === undefined) {
    throw new PackagingError(
      'install.json',
      `$.runtimeLevel "${facts.runtimeLevel}" has no package prefix`,
      `use one of ${Object.keys(PREFIXES).join(', ')} (matched case-insensitively)`,
    );
  }
  const name = summariseName(facts.displayName);
  if (name === '') throw new PackagingError('install.json', '$.displayName has no letters or digits to name the package');
  return `${prefix}${name}_v${facts.major}`;
}
