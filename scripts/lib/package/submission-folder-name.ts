import type { InstallFacts } from './install-facts.js';

/**
 * The integration folder of the submission: the display name as written (partner folders in the
 * threatconnect-playbooks repository use plain product names, e.g. `IntelFinder Alerts`), minus the
 * characters no file system accepts.
 */
export function submissionFolderName(facts: Pick<InstallFacts, 'displayName'>): string {
  return facts.displayName
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
