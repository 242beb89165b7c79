/*
 * The real service entry (app/run.ts), bundled and started through run.py from the unzipped
 * package with no platform parameters: it must start (every bundled dependency loads) and exit 1
 * with "Input validation errors" in message.tc, the platform's contract (protocol §7).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageProject } from '../../../scripts/lib/package/package-project.js';
import { extractZip } from './helpers/read-zip.js';
import { copyFixtureProject, passingValidator, REPO_ROOT, removeDir, tempDir } from './helpers/fixture-project.js';
import { finished, startLauncher } from './helpers/run-launcher.js';

let root = '';
let work = '';
let appDir = '';

before(async () => {
  root = await copyFixtureProject();
  work = await tempDir('real-entry');
  const result = await packageProject({ root, entry: join(REPO_ROOT, 'app', 'run.ts'), validate: passingValidator });
  assert.ok(result.ok, JSON.stringify(result));
  await extractZip(await readFile(join(root, result.summary.tcx.path)), join(work, 'unzipped'));
  appDir = join(work, 'unzipped', result.summary.folderKey);
});

after(async () => {
  await removeDir(root);
  await removeDir(work);
});

test('the packaged service starts through run.py and reports missing parameters with exit 1 and message.tc', async () => {
  const tmp = join(work, 'tmp');
  const emptyPath = join(work, 'empty-bin');
  await mkdir(tmp);
  await mkdir(emptyPath);
  const run = await finished(startLauncher('run.py', appDir, { PATH: emptyPath, TC_NODE_PATH: process.execPath, TMPDIR: tmp }));
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /^Input validation errors\n/);
  const message = await readFile(join(tmp, 'message.tc'), 'utf8');
  assert.match(message, /tc_svc_server_topic: required, not set\n$/);
});
