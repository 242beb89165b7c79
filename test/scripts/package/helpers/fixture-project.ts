import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../../../scripts/lib/package/finding.js';

/** The repository root, from build/test/scripts/package/helpers/. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
/** The committed fixture project (source tree, not build/). */
export const FIXTURE_PROJECT = join(REPO_ROOT, 'test', 'scripts', 'package', 'fixtures', 'project');

/** The fixture's placeholder entry (JavaScript, so the build and the test runner leave it alone). */
export const FIXTURE_ENTRY = 'app/run.js';

/** A validator that finds nothing: the fixture is not what the validator tests. */
export const passingValidator = async (): Promise<Finding[]> => [];

/** A fresh temporary folder; remove it with removeDir. */
export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `alert-intake-${prefix}-`));
}

/** A copy of the fixture project in a temporary folder, so packaging writes its target/ there. */
export async function copyFixtureProject(): Promise<string> {
  const dir = await tempDir('project');
  await cp(FIXTURE_PROJECT, dir, { recursive: true });
  return dir;
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
