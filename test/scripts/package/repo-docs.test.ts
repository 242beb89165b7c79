import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { missingGuideItems, renderUserGuide } from '../../../scripts/lib/package/render-user-guide.js';
import { REPO_ROOT } from './helpers/fixture-project.js';

const read = (path: string): Promise<string> => readFile(join(REPO_ROOT, path), 'utf8');

test("the project's user guide has the seven required items and the change log covers the current version", async () => {
  const guide = await read('docs/user-guide.md');
  assert.deepEqual(missingGuideItems(guide), []);
  const { version } = JSON.parse(await read('package.json')) as { version: string };
  const rendered = renderUserGuide(guide, await read('CHANGELOG.md'), version);
  assert.doesNotMatch(rendered, /include:CHANGELOG|\{\{version\}\}/);
  assert.match(rendered, new RegExp(`## ${version.replace(/\./g, '\\.')} `));
});

test('the launcher source is Python 3 standard library only', async () => {
  const source = await read('packaging/run.py');
  const imports = [...source.matchAll(/^import (\w+)|^from (\w+) import/gm)].map((m) => m[1] ?? m[2]);
  assert.deepEqual(imports.sort(), ['os', 're', 'shutil', 'subprocess', 'sys']);
});
