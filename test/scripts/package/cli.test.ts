import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { formatSummary, humanBytes } from '../../../scripts/lib/package/format-summary.js';
import type { PackageSummary } from '../../../scripts/lib/package/package-project.js';
import { REPO_ROOT } from './helpers/fixture-project.js';

const CLI = join(REPO_ROOT, 'build', 'scripts', 'package.js');

test('an unknown option is a usage error (exit 2), --help prints the usage (exit 0)', () => {
  const bad = spawnSync(process.execPath, [CLI, '--bogus'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^package: unknown option --bogus\nUsage: npm run package -- \[--with-runtime\] \[--json\] \[--help\]/);
  assert.equal(bad.stdout, '');
  const help = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^Usage: npm run package --/);
  assert.match(help.stdout, /--with-runtime/);
});

test('the summary names version, key, features, every file with its size, and the runtime choice', () => {
  const summary: PackageSummary = {
    displayName: 'Alert Intake',
    version: '1.2.3',
    folderKey: 'TCVW_-_alert_intake_v1',
    features: ['fileParams', 'layoutEnabledApp'],
    tcx: {
      path: 'target/TCVW_-_alert_intake_v1.tcx',
      bytes: 2_500_000,
      sha256: 'ab'.repeat(32),
      files: [{ path: 'TCVW_-_alert_intake_v1/app.mjs', bytes: 3_696_638 }],
    },
    bundle: { bytes: 3_696_638, inputs: 412, sourceMap: 'target/TCVW_-_alert_intake_v1.app.mjs.map' },
    runtime: { included: false, bytes: 98_932_688, source: '/usr/bin/node' },
    submission: {
      folder: 'target/submission/Alert Intake',
      zip: 'target/submission/Alert Intake.zip',
      bytes: 2_600_000,
      sha256: 'cd'.repeat(32),
      files: [{ path: 'README.md', bytes: 900 }],
    },
    warnings: [],
  };
  const text = formatSummary(summary);
  assert.match(text, /^Alert Intake 1\.2\.3 → TCVW_-_alert_intake_v1\nfeatures: fileParams, layoutEnabledApp\n/);
  assert.match(text, /TCVW_-_alert_intake_v1\/app\.mjs {2}3\.5 MiB/);
  assert.match(text, /runtime {3}not included \(needs Node\.js 20\+ on the server; --with-runtime would add 94\.3 MiB uncompressed\)/);
  assert.match(text, /README\.md {2}900 B/);
  assert.equal(humanBytes(1023), '1023 B');
  assert.equal(humanBytes(1536), '1.5 KiB');
});
