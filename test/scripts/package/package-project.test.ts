import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir, stat, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { packageProject, type PackageSummary } from '../../../scripts/lib/package/package-project.js';
import { readZip } from './helpers/read-zip.js';
import { copyFixtureProject, passingValidator, removeDir, FIXTURE_ENTRY } from './helpers/fixture-project.js';

const SECRET = 'fixture-dotenv-secret-5f2a9c';
let root = '';
let summary: PackageSummary;

before(async () => {
  root = await copyFixtureProject();
  await writeFile(join(root, '.env'), `HMAC_SECRET=${SECRET}\nLOG_LEVEL=debug\n`);
  await mkdir(join(root, 'test'), { recursive: true });
  await writeFile(join(root, 'test', 'leak.txt'), SECRET);
  const result = await packageProject({ root, entry: FIXTURE_ENTRY, validate: passingValidator });
  assert.ok(result.ok, JSON.stringify(result));
  summary = result.summary;
});

after(async () => {
  await removeDir(root);
});

test('the .tcx has one top folder, the folder key, and exactly the package files', async () => {
  assert.equal(summary.folderKey, 'TCVW_-_alert_intake_v1');
  assert.equal(summary.tcx.path, 'target/TCVW_-_alert_intake_v1.tcx');
  const entries = await readZip(await readFile(join(root, summary.tcx.path)));
  assert.deepEqual(new Set(entries.map((e) => e.path.split('/')[0])), new Set(['TCVW_-_alert_intake_v1']));
  assert.deepEqual(
    entries.map((e) => e.path),
    ['', 'README.md', 'app.mjs', 'app.py', 'install.json', 'layout.json', 'run.py'].map((p) => `TCVW_-_alert_intake_v1/${p}`),
  );
});

test('nothing from test/, no .env, no source map, no secret in the package', async () => {
  const entries = await readZip(await readFile(join(root, summary.tcx.path)));
  for (const entry of entries) {
    assert.doesNotMatch(entry.path, /(^|\/)(test|node_modules)\/|\.env|\.map$|\.ts$/);
    assert.ok(!entry.data.includes(SECRET), `${entry.path} carries the .env secret`);
  }
  const map = await stat(join(root, summary.bundle.sourceMap));
  assert.ok(map.size > 0, 'the source map is written outside the package');
  assert.match(summary.bundle.sourceMap, /^target\/[^/]+\.map$/);
  const bundle = entries.find((e) => e.path.endsWith('/app.mjs'))!.data.toString('utf8');
  assert.doesNotMatch(bundle, /sourceMappingURL/);
});

test('install.json in the package is the source file, and the bundle states the same version', async () => {
  const entries = await readZip(await readFile(join(root, summary.tcx.path)));
  const install = entries.find((e) => e.path.endsWith('/install.json'))!;
  assert.ok(install.data.equals(await readFile(join(root, 'install.json'))));
  const version = (JSON.parse(install.data.toString('utf8')) as { programVersion: string }).programVersion;
  const bundle = entries.find((e) => e.path.endsWith('/app.mjs'))!.data.toString('utf8');
  assert.equal(bundle.split('\n')[0], `/*! Alert Intake ${version} (TCVW_-_alert_intake_v1) */`);
  assert.equal(summary.version, version);
  const readme = entries.find((e) => e.path.endsWith('/README.md'))!.data.toString('utf8');
  assert.match(readme, /Version 1\.0\.0/);
  assert.match(readme, /`source_preset`/);
  assert.match(readme, /`alert_intake\.response\.json\.raw` \| String/);
  assert.doesNotMatch(readme, /`max_body_bytes`[^\n]*Trigger/);
});

test('the submission folder holds the .tcx, README, user guide and templates, and is zipped', async () => {
  const folder = join(root, 'target', 'submission', 'Alert Intake');
  const names = (await readdir(folder, { recursive: true })).sort();
  assert.deepEqual(names, ['Alert Intake v1.0.0.tcx', 'README.md', 'User Guide.md', 'templates', 'templates/Example.pbx']);
  assert.ok((await readFile(join(folder, 'Alert Intake v1.0.0.tcx'))).equals(await readFile(join(root, summary.tcx.path))));
  const guide = await readFile(join(folder, 'User Guide.md'), 'utf8');
  assert.match(guide, /## Change log\n## 1\.0\.0 - 2026-11-22\n- First release/);
  assert.match(guide, /\(1\.0\.0\)/);
  const zip = await readZip(await readFile(join(root, summary.submission.zip)));
  assert.equal(summary.submission.zip, 'target/submission/Alert Intake.zip');
  assert.deepEqual(new Set(zip.map((e) => e.path.split('/')[0])), new Set(['Alert Intake']));
  assert.deepEqual(
    zip.filter((e) => !e.isDirectory).map((e) => e.path.slice('Alert Intake/'.length)),
    names.filter((n) => n !== 'templates'),
  );
});

test('two runs give byte-identical .tcx and submission zips', async () => {
  const again = await packageProject({ root, entry: FIXTURE_ENTRY, validate: passingValidator, outDir: join(root, 'target-again') });
  assert.ok(again.ok);
  assert.ok((await readFile(join(root, again.summary.tcx.path))).equals(await readFile(join(root, summary.tcx.path))));
  assert.ok((await readFile(join(root, again.summary.submission.zip))).equals(await readFile(join(root, summary.submission.zip))));
  assert.equal(again.summary.tcx.sha256, summary.tcx.sha256);
});

test('the summary reports files, sizes, version, features and the runtime size either way', () => {
  assert.deepEqual(summary.features, ['appBuilderCompliant', 'fileParams', 'redisPasswordSupport', 'layoutEnabledApp']);
  assert.equal(summary.runtime.included, false);
  assert.ok(summary.runtime.bytes > 1_000_000, 'the size the runtime would add');
  assert.ok(summary.tcx.files.every((f) => f.bytes > 0 || f.path.endsWith('/')));
});
