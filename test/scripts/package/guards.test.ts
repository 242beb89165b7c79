import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forbiddenPaths, forbiddenReason } from '../../../scripts/lib/package/forbidden-paths.js';
import { filesWithSecrets } from '../../../scripts/lib/package/leaked-secrets.js';
import { changelogHasVersion, missingGuideItems, renderUserGuide } from '../../../scripts/lib/package/render-user-guide.js';
import { PackagingError } from '../../../scripts/lib/package/packaging-error.js';
import { inputTable, outputTable } from '../../../scripts/lib/package/render-readme.js';

test('paths that never ship are named with a reason; package files pass', () => {
  for (const ok of ['K/install.json', 'K/layout.json', 'K/README.md', 'K/app.mjs', 'K/run.py', 'K/runtime/node']) {
    assert.equal(forbiddenReason(ok), null, ok);
  }
  const bad = ['K/.env', 'K/.env.local', 'K/test/x.js', 'K/node_modules/a/index.js', 'K/app.mjs.map', 'K/package.json', 'K/old.zip', 'K/app.log', 'K/src/a.ts', 'K/tls.key'];
  assert.equal(forbiddenPaths(bad).length, bad.length);
});

test('a .env value or a private key in a file is reported by file name only', () => {
  const files = [
    { path: 'a.js', data: Buffer.from('const token = "s3cr3t-value-123";') },
    { path: 'b.js', data: Buffer.from(`-----BEGIN RSA PRIVATE KEY-----\n${'A'.repeat(64)}`) },
    { path: 'c.js', data: Buffer.from('if (pem.startsWith("-----BEGIN PRIVATE KEY-----")) {}') },
  ];
  const found = filesWithSecrets(files, ['s3cr3t-value-123']);
  assert.deepEqual(found, ['a.js', 'b.js']);
});

test('the user guide needs all seven items and a change-log entry for the version', () => {
  const full = ['# G', '## Description and use cases', '## Change log', '<!-- include:CHANGELOG.md -->', '## Requirements', '## Install', '## Configuration', '## Usage with an example', '## Support'].join('\n');
  assert.deepEqual(missingGuideItems(full), []);
  assert.deepEqual(missingGuideItems('# G\n## Install\n'), ['description and use case', 'change log', 'requirements', 'configuration', 'usage with an example', 'support']);
  assert.ok(changelogHasVersion('# Log\n## [1.2.0] - 2026-01-01\n', '1.2.0'));
  assert.ok(!changelogHasVersion('# Log\n## 1.2.0\n', '1.2'));
  const rendered = renderUserGuide(full, '# Change log\n\n## 1.0.0\n- first\n', '1.0.0');
  assert.match(rendered, /## Change log\n## 1\.0\.0\n- first/);
  assert.throws(() => renderUserGuide(full, '# Change log\n## 0.9.0\n', '1.0.0'), (e: unknown) => e instanceof PackagingError && e.file === 'CHANGELOG.md');
  assert.throws(() => renderUserGuide('# G\n', '## 1.0.0', '1.0.0'), (e: unknown) => e instanceof PackagingError && e.file === 'docs/user-guide.md');
});

test('README tables come from install.json, hide hidden inputs and escape pipes', () => {
  const table = inputTable({
    params: [
      { name: 'a', label: 'A', type: 'String', required: true, encrypt: true, serviceConfig: false, hidden: false, note: 'x | y' },
      { name: 'h', label: 'H', type: 'String', required: false, encrypt: false, serviceConfig: false, hidden: true, note: '' },
    ],
  });
  assert.match(table, /\| A \| `a` \| String \| Trigger \| required, encrypted \| x \\\| y \|/);
  assert.doesNotMatch(table, /`h`/);
  assert.match(outputTable({ outputs: [{ name: 'alert_intake.results.indicators', type: 'StringArray', note: '' }] }), /`alert_intake.results.indicators` \| StringArray/);
});
