import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { missingGuideItems, renderUserGuide } from '../../../scripts/lib/package/render-user-guide.js';
import { REPO_ROOT } from './helpers/fixture-project.js';
import { parseInstallFacts } from '../../../scripts/lib/package/install-facts.js';
import { generatedReference } from '../../../scripts/lib/package/render-readme.js';

const read = (path: string): Promise<string> => readFile(join(REPO_ROOT, path), 'utf8');

test("the project's user guide has the seven required items and the change log covers the current version", async () => {
  const guide = await read('docs/user-guide.md');
  assert.deepEqual(missingGuideItems(guide), []);
  const { version } = JSON.parse(await read('package.json')) as { version: string };
  const facts = parseInstallFacts(JSON.parse(await read('install.json')));
  const rendered = renderUserGuide(guide, await read('CHANGELOG.md'), version, generatedReference(facts));
  assert.doesNotMatch(rendered, /include:CHANGELOG|generate:|\{\{version\}\}/);
  for (const param of facts.params.filter((p) => !p.hidden))
    assert.ok(rendered.includes(`\`${param.name}\``), `the guide's input reference lists ${param.name}`);
  assert.match(rendered, /^### Splunk$/m, "the guide carries each preset's field map");
  assert.match(rendered, /tcex run/);
  assert.match(rendered, /app_inputs\.json/);
  assert.match(rendered, new RegExp(`## ${version.replace(/\./g, '\\.')} `));
});

test('the launcher source is Python 3 standard library only', async () => {
  const source = await read('packaging/run.py');
  const imports = [...source.matchAll(/^import (\w+)|^from (\w+) import/gm)].map((m) => m[1] ?? m[2]);
  assert.deepEqual(imports.sort(), ['os', 're', 'shutil', 'signal', 'subprocess', 'sys']);
});
