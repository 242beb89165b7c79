import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { access, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageProject } from '../../../scripts/lib/package/package-project.js';
import type { Finding } from '../../../scripts/lib/package/finding.js';
import { copyFixtureProject, passingValidator, removeDir, FIXTURE_ENTRY } from './helpers/fixture-project.js';

let root = '';

before(async () => {
  root = await copyFixtureProject();
});

after(async () => {
  await removeDir(root);
});

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function withFile(file: string, text: string, run: () => Promise<void>): Promise<void> {
  const path = join(root, file);
  const original = await readFile(path);
  await writeFile(path, text);
  try {
    await run();
  } finally {
    await writeFile(path, original);
  }
}

test('a validator error stops packaging with its findings; nothing is written', async () => {
  const error: Finding = {
    file: 'layout.json',
    jsonPath: '$.inputs[0]',
    rule: 'layout-input-known',
    severity: 'error',
    message: 'unknown input',
    hint: 'fix it',
  };
  const result = await packageProject({ root, entry: FIXTURE_ENTRY, validate: async () => [error] });
  assert.deepEqual(result, { ok: false, findings: [error] });
  assert.equal(await exists(join(root, 'target')), false);
});

test('validator warnings do not stop packaging and are reported', async () => {
  const warning: Finding = {
    file: 'install.json',
    jsonPath: '$.features[4]',
    rule: 'feature-known',
    severity: 'warning',
    message: 'unknown feature',
    hint: '',
  };
  const result = await packageProject({ root, entry: FIXTURE_ENTRY, validate: async () => [warning], outDir: join(root, 'out-warn') });
  assert.ok(result.ok);
  assert.deepEqual(result.summary.warnings, [warning]);
});

test('a throwing validator is a finding, not a crash', async () => {
  const result = await packageProject({ root, entry: FIXTURE_ENTRY, validate: async () => Promise.reject(new Error('boom')) });
  assert.equal(result.ok, false);
  assert.match(!result.ok ? result.findings[0]!.message : '', /validator failed: boom/);
});

const cases: Array<[string, string, string, RegExp]> = [
  [
    'package.json disagrees with install.json',
    'package.json',
    '{"version":"1.1.0"}',
    /package\.json version 1\.1\.0 differs from install\.json programVersion 1\.0\.0/,
  ],
  ['install.json is not JSON', 'install.json', '{', /not valid JSON/],
  ['the change log lacks the version', 'CHANGELOG.md', '# Change log\n## 0.9.0\n', /no change-log entry for 1\.0\.0/],
  ['the user guide lacks items', 'docs/user-guide.md', '# Guide\n## Install\n', /lacks: description and use case, change log/],
  ['the entry does not compile', 'app/run.js', 'const = ;\n', /bundling failed/],
];

for (const [name, file, text, message] of cases) {
  test(`packaging stops when ${name}`, async () => {
    await withFile(file, text, async () => {
      const result = await packageProject({ root, entry: FIXTURE_ENTRY, validate: passingValidator, outDir: join(root, 'out-stop') });
      assert.equal(result.ok, false);
      const finding = !result.ok ? result.findings[0] : undefined;
      assert.equal(finding?.rule, 'package');
      assert.match(finding?.message ?? '', message);
      assert.equal(await exists(join(root, 'out-stop')), false, 'a stopped run writes nothing');
    });
  });
}

test('packaging stops when install.json does not start through run.py', async () => {
  const install = JSON.parse(await readFile(join(root, 'install.json'), 'utf8')) as Record<string, unknown>;
  await withFile('install.json', JSON.stringify({ ...install, programLanguage: 'NONE' }), async () => {
    const result = await packageProject({ root, entry: FIXTURE_ENTRY, validate: passingValidator, outDir: join(root, 'out-stop') });
    assert.match(!result.ok ? result.findings[0]!.message : '', /programLanguage "NONE"/);
  });
});

test('packaging stops when a .env value reaches a shipped file', async () => {
  await writeFile(join(root, '.env'), 'TOKEN=shipped-by-mistake-42\n');
  try {
    await withFile('app/run.js', 'console.log("shipped-by-mistake-42");\n', async () => {
      const result = await packageProject({ root, entry: FIXTURE_ENTRY, validate: passingValidator, outDir: join(root, 'out-stop') });
      const message = !result.ok ? result.findings[0]!.message : '';
      assert.match(message, /secret .* would ship in: app\.mjs/);
      assert.doesNotMatch(message, /shipped-by-mistake-42/);
    });
  } finally {
    await writeFile(join(root, '.env'), '');
  }
});
