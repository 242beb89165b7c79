/**
 * This repository's install.json, read as the service reads its own (readManifest), and the
 * trigger inputs' choices and defaults taken from it (declaredInputs): what the in-process players
 * (corpus runner, fuzz, `npm run send`, the tests) pass to createAlertApp and parseTriggerSettings.
 * Read once per process.
 */
import { readManifest, type RuntimeManifest } from '../../app/config/manifest.js';
import { declaredInputs, type DeclaredInputs } from '../../app/core/trigger/declared-inputs.js';
import { repoRoot } from './repo-root.js';

let manifest: RuntimeManifest | undefined;
let declared: DeclaredInputs | undefined;

export function repoManifest(): RuntimeManifest {
  manifest ??= readManifest(repoRoot());
  return manifest;
}

export function repoDeclaredInputs(): DeclaredInputs {
  declared ??= declaredInputs(repoManifest());
  return declared;
}
