/*
 * The real service entry (app/run.ts), bundled and started through run.py from the unzipped
 * package with no platform parameters: it must start (every bundled dependency loads) and exit 1
 * with "Input validation errors" in message.tc, the platform's contract (protocol §7).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from './helpers/fixture-project.js';
import { unzippedFixture, type UnzippedFixture } from './helpers/unzipped-fixture.js';
import { finished, startLauncher } from './helpers/run-launcher.js';

let fixture: UnzippedFixture;
let work = '';
let appDir = '';
let emptyPath = '';

before(async () => {
  fixture = await unzippedFixture('real-entry', join(REPO_ROOT, 'app', 'run.ts'));
  ({ work, appDir, emptyPath } = fixture);
});

after(async () => {
  await fixture.remove();
});

test('the packaged service starts through run.py and reports missing parameters with exit 1 and message.tc', async () => {
  const tmp = join(work, 'tmp');
  await mkdir(tmp);
  const run = await finished(startLauncher('run.py', appDir, { PATH: emptyPath, TC_NODE_PATH: process.execPath, TMPDIR: tmp }));
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /^Input validation errors\n/);
  const message = await readFile(join(tmp, 'message.tc'), 'utf8');
  assert.match(message, /tc_svc_server_topic: required, not set\n$/);
});
