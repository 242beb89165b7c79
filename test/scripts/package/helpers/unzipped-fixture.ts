import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageProject } from '../../../../scripts/lib/package/package-project.js';
import { extractZip } from './read-zip.js';
import { copyFixtureProject, FIXTURE_ENTRY, passingValidator, removeDir, tempDir } from './fixture-project.js';

/** The fixture project packaged and its `.tcx` unzipped: the app folder as the platform installs it. */
export interface UnzippedFixture {
  /** The packaged copy of the fixture project. */
  root: string;
  /** A scratch folder for the test (the unzipped package lives under it). */
  work: string;
  /** The unzipped app folder (`<work>/unzipped/<folder key>`). */
  appDir: string;
  /** An empty folder to use as PATH, so no node is found there. */
  emptyPath: string;
  remove: () => Promise<void>;
}

export async function unzippedFixture(prefix: string, entry: string = FIXTURE_ENTRY): Promise<UnzippedFixture> {
  const root = await copyFixtureProject();
  const work = await tempDir(prefix);
  const result = await packageProject({ root, entry, validate: passingValidator });
  assert.ok(result.ok, JSON.stringify(result));
  await extractZip(await readFile(join(root, result.summary.tcx.path)), join(work, 'unzipped'));
  const emptyPath = join(work, 'empty-bin');
  await mkdir(emptyPath);
  return {
    root,
    work,
    appDir: join(work, 'unzipped', result.summary.folderKey),
    emptyPath,
    remove: async () => {
      await removeDir(root);
      await removeDir(work);
    },
  };
}
