/** The packager refuses a template whose dry run fails on the shipped samples, naming template, sample and job. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageProject } from '../../../scripts/lib/package/package-project.js';
import { dryRunTemplates } from '../../../scripts/lib/playbook/dry-run.js';
import { copyFixtureProject, FIXTURE_ENTRY, passingValidator, removeDir } from '../package/helpers/fixture-project.js';
import { component, jobByName, param, ROOT, SERVICE, template } from './helpers.js';

let root = '';

before(async () => {
  root = await copyFixtureProject();
  await rm(join(root, 'templates/Example.pbx'));
  await mkdir(join(root, 'samples'));
  for (const f of ['generic.json', 'triggers.json']) await copyFile(join(ROOT, 'samples', f), join(root, 'samples', f));
  // The dry run plays the app, which takes its trigger inputs' choices and defaults from the project's install.json.
  await copyFile(join(ROOT, 'install.json'), join(root, 'install.json'));
});

after(async () => removeDir(root));

test('the shipped templates pass their dry run on every shipped sample', async () => {
  assert.deepEqual(await dryRunTemplates(ROOT), []);
});

test('a template whose dry run fails stops packaging: the finding names template, sample and job; nothing is written', async () => {
  const doc = template(SERVICE);
  const create = param(jobByName(component(doc), 'Create Suspicious Indicator'), 'resource_type');
  create.value = '#Trigger:200:indicator_kind!String'; // 200: the component trigger's id
  await writeFile(join(root, 'templates/Broken.pbx'), JSON.stringify(doc));
  const result = await packageProject({ root, entry: FIXTURE_ENTRY, validate: passingValidator });
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.deepEqual(
    result.findings.map((f) => [f.file, f.rule, f.severity]),
    [['templates/Broken.pbx', 'PB1', 'error']],
  );
  assert.match(
    result.findings[0]!.message,
    /^dry run on samples\/generic\.json failed: Playbook \[For Each Indicator 1\/\d\] › job 5 "Enrich, Decide and Store" › job \d+ "Create Suspicious Indicator": undefined variable #Trigger:200:indicator_kind!String/,
  );
  assert.match(result.findings[0]!.hint, /npm run playbook -- "templates\/Broken\.pbx" samples\/generic\.json/);
});

test('the same template, fixed, passes its dry run in that project', async () => {
  await writeFile(join(root, 'templates/Broken.pbx'), JSON.stringify(template(SERVICE)));
  const played = await dryRunTemplates(root);
  assert.deepEqual(played, []);
});
