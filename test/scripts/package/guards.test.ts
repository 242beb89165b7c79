import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forbiddenPaths, forbiddenReason } from '../../../scripts/lib/package/forbidden-paths.js';
import { filesWithSecrets } from '../../../scripts/lib/package/leaked-secrets.js';
import { changelogHasVersion, missingGuideItems, renderUserGuide, REQUIRED_GUIDE_ITEMS } from '../../../scripts/lib/package/render-user-guide.js';
import { PackagingError } from '../../../scripts/lib/package/packaging-error.js';
import { inputTable, outputTable } from '../../../scripts/lib/package/render-readme.js';
import { presetReference, presetSection, type PresetLike } from '../../../scripts/lib/package/render-presets.js';
import { PRESETS } from '../../../app/core/presets/index.js';

test('paths that never ship are named with a reason; package files pass', () => {
  for (const ok of ['K/install.json', 'K/layout.json', 'K/README.md', 'K/app.mjs', 'K/run.py', 'K/runtime/node']) {
    assert.equal(forbiddenReason(ok), null, ok);
  }
  const bad = [
    'K/.env',
    'K/.env.local',
    'K/test/x.js',
    'K/node_modules/a/index.js',
    'K/app.mjs.map',
    'K/package.json',
    'K/old.zip',
    'K/app.log',
    'K/src/a.ts',
    'K/tls.key',
  ];
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
  const full = [
    '# G',
    '## Description and use cases',
    '## Change log',
    '<!-- include:CHANGELOG.md -->',
    '## Requirements',
    '## Install',
    '## Configuration',
    '## Usage with an example',
    '## Support',
  ].join('\n');
  assert.deepEqual(missingGuideItems(full), []);
  assert.deepEqual(missingGuideItems('# G\n## Install\n'), [
    'description and use case',
    'change log',
    'requirements',
    'configuration',
    'usage with an example',
    'support',
  ]);
  assert.ok(changelogHasVersion('# Log\n## [1.2.0] - 2026-01-01\n', '1.2.0'));
  assert.ok(!changelogHasVersion('# Log\n## 1.2.0\n', '1.2'));
  const rendered = renderUserGuide(full, '# Change log\n\n## 1.0.0\n- first\n', '1.0.0');
  assert.match(rendered, /## Change log\n## 1\.0\.0\n- first/);
  assert.throws(
    () => renderUserGuide(full, '# Change log\n## 0.9.0\n', '1.0.0'),
    (e: unknown) => e instanceof PackagingError && e.file === 'CHANGELOG.md',
  );
  assert.throws(
    () => renderUserGuide('# G\n', '## 1.0.0', '1.0.0'),
    (e: unknown) => e instanceof PackagingError && e.file === 'docs/user-guide.md',
  );
});

test('README tables come from install.json, hide hidden inputs and escape pipes', () => {
  const table = inputTable({
    params: [
      {
        name: 'a',
        label: 'A',
        type: 'String',
        required: true,
        encrypt: true,
        serviceConfig: false,
        hidden: false,
        note: 'x | y',
        default: 'never shown',
        validValues: ['${KEYCHAIN}'],
      },
      { name: 'h', label: 'H', type: 'String', required: false, encrypt: false, serviceConfig: false, hidden: true, note: '', default: '', validValues: [] },
      {
        name: 'c',
        label: 'C',
        type: 'Choice',
        required: true,
        encrypt: false,
        serviceConfig: true,
        hidden: false,
        note: 'pick',
        default: 'One',
        validValues: ['One', 'Two'],
      },
    ],
  });
  assert.match(table, /\| A \| `a` \| String \| Trigger \| required, encrypted \|  \| \$\{KEYCHAIN\} \| x \\\| y \|/);
  assert.doesNotMatch(table, /never shown/, 'an encrypted input shows no default');
  assert.match(table, /\| C \| `c` \| Choice \| Service \| required \| `One` \| One, Two \| pick \|/);
  assert.doesNotMatch(table, /`h`/);
  assert.match(
    outputTable({ outputs: [{ name: 'alert_intake.results.indicators', type: 'StringArray', note: '' }] }),
    /`alert_intake.results.indicators` \| StringArray/,
  );
});

test('preset field maps are rendered generically from the preset objects, new properties included', () => {
  const text = presetSection({
    name: 'Acme EDR',
    fields: { id: ['$.id', '$.alert.id'], title: ['$.name'], severity: [], future_field: ['$.x|y'] },
    evidence: ['$.process.cmdline'],
    allowDomains: ['acme.example'],
    sample: 'samples/acme.json',
    brandNewSetting: 'on',
  } as PresetLike);
  assert.match(text, /^### Acme EDR$/m);
  assert.match(text, /\| id \| `\$\.id`, then `\$\.alert\.id` \|/);
  assert.match(text, /\| future_field \| `\$\.x\\\|y` \|/);
  assert.doesNotMatch(text, /\| severity \|/, 'an empty candidate list is not a row');
  assert.match(text, /- Indicators are extracted only from: `\$\.process\.cmdline`/);
  assert.match(text, /- Vendor domains never reported as indicators: `acme\.example`/);
  assert.match(text, /- Brand new setting: `on`/);
  assert.doesNotMatch(text, /samples\/acme/);
});

test('every shipped preset has a field map in the reference', () => {
  const text = presetReference();
  for (const preset of PRESETS) {
    assert.match(text, new RegExp(`^### ${preset.name.replace(/[/.]/g, '\\$&')}$`, 'm'));
    for (const path of preset.fields.id) assert.ok(text.includes(`\`${path}\``), `${preset.name} id ${path}`);
  }
});

test('the user guide takes generated sections by name and refuses unknown ones', () => {
  const guide = `${REQUIRED_GUIDE_ITEMS.map((i) => `## ${i.item}`).join('\n')}\n<!-- generate:presets -->\n`;
  assert.match(renderUserGuide(guide, '## 1.0.0\n', '1.0.0', { presets: '### Splunk' }), /^### Splunk$/m);
  assert.throws(
    () => renderUserGuide(guide, '## 1.0.0\n', '1.0.0', {}),
    (e: unknown) => e instanceof PackagingError && /presets/.test(e.message),
  );
});
