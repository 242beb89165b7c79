import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { packageProject, type PackageSummary } from '../../../scripts/lib/package/package-project.js';
import { extractZip, readZip } from './helpers/read-zip.js';
import { copyFixtureProject, passingValidator, removeDir, tempDir, FIXTURE_ENTRY } from './helpers/fixture-project.js';
import { finished, firstJsonLine, startLauncher } from './helpers/run-launcher.js';

let root = '';
let work = '';
let summary: PackageSummary;

before(async () => {
  root = await copyFixtureProject();
  work = await tempDir('runtime');
  const result = await packageProject({ root, entry: FIXTURE_ENTRY, validate: passingValidator, withRuntime: true, zipLevel: 0 });
  assert.ok(result.ok, JSON.stringify(result));
  summary = result.summary;
});

after(async () => {
  await removeDir(root);
  await removeDir(work);
});

test('--with-runtime ships the running Node at runtime/node, executable, and reports its size', async () => {
  const zip = await readFile(join(root, summary.tcx.path));
  const runtime = (await readZip(zip)).find((e) => e.path === `${summary.folderKey}/runtime/node`);
  assert.ok(runtime, 'runtime/node is in the package');
  assert.equal(runtime.mode, 0o755);
  assert.equal(runtime.data.length, (await stat(process.execPath)).size);
  assert.deepEqual(summary.runtime, { included: true, bytes: runtime.data.length, source: process.execPath });
  assert.ok(summary.tcx.bytes > runtime.data.length, 'stored (level 0): the package holds the whole binary');
});

test('the packaged runtime runs the app with no node on PATH and TC_NODE_PATH unset', async () => {
  await extractZip(await readFile(join(root, summary.tcx.path)), join(work, 'unzipped'));
  const appDir = join(work, 'unzipped', summary.folderKey);
  const emptyPath = join(work, 'empty-bin');
  await mkdir(emptyPath);
  const child = startLauncher('run.py', appDir, { PATH: emptyPath }, ['--exit=0']);
  const [ready, run] = await Promise.all([firstJsonLine(child, 20_000), finished(child)]);
  assert.equal(ready['execPath'], join(appDir, 'runtime', 'node'));
  assert.equal(run.code, 0);
});
