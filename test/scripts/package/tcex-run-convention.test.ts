/*
 * The packaged launcher under tcex-cli's calling convention (`tcex run` imports run.Run in its own
 * process and calls setup/launch/teardown), against the fixture project's placeholder entry: Node
 * runs as a child (its own pid), signals are forwarded, Node's exit code comes back as SystemExit.
 * The platform's `python run.py` (execve) is covered by launcher.test.ts.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unzippedFixture, type UnzippedFixture } from './helpers/unzipped-fixture.js';
import { finished, firstJsonLine, startTcexRun } from './helpers/run-launcher.js';

let fixture: UnzippedFixture;
let work = '';
let appDir = '';
let emptyPath = '';

before(async () => {
  fixture = await unzippedFixture('tcex-run');
  ({ work, appDir, emptyPath } = fixture);
});

after(async () => {
  await fixture.remove();
});

function harnessLine(stdout: string): Record<string, unknown> {
  const line = stdout.split('\n').find((l) => l.includes('"harness"'));
  assert.ok(line, `the harness printed its exit line:\n${stdout}`);
  return JSON.parse(line) as Record<string, unknown>;
}

test('the package holds app.py and run.py, which tcex run requires', async () => {
  await access(join(appDir, 'app.py'));
  await access(join(appDir, 'run.py'));
});

test('Run starts Node as a child process and returns its exit code through SystemExit', async () => {
  const child = startTcexRun(appDir, { PATH: emptyPath, TC_NODE_PATH: process.execPath, PLACEHOLDER_EXIT: '4', PLACEHOLDER_ECHO: 'inherited' });
  const [ready, run] = await Promise.all([firstJsonLine(child, 20_000), finished(child)]);
  assert.notEqual(ready['pid'], child.pid, 'Node is a child: tcex-cli keeps its own process');
  assert.deepEqual(ready['argv'], [], "tcex-cli's own arguments are not passed to Node");
  assert.equal(ready['echo'], 'inherited', 'the environment (TC_APP_PARAM_KEY/FILE under tcex run) reaches Node');
  assert.deepEqual(harnessLine(run.stdout), { harness: 'tcex run', pid: child.pid, exitCode: 4 });
  assert.equal(run.code, 4);
});

test('SIGTERM to the tcex-cli process is forwarded to Node once; Node decides the exit code', async () => {
  const child = startTcexRun(appDir, { PATH: emptyPath, TC_NODE_PATH: process.execPath });
  const done = finished(child);
  await firstJsonLine(child, 20_000);
  child.kill('SIGTERM');
  const run = await done;
  assert.equal(run.stdout.match(/\{"signal":"SIGTERM"\}/g)?.length, 1);
  assert.equal(harnessLine(run.stdout)['exitCode'], 3);
  assert.equal(run.code, 3);
});

test('SIGINT (Ctrl-C in tcex run) is forwarded too, not raised as KeyboardInterrupt', async () => {
  const child = startTcexRun(appDir, { PATH: emptyPath, TC_NODE_PATH: process.execPath });
  const done = finished(child);
  await firstJsonLine(child, 20_000);
  child.kill('SIGINT');
  const run = await done;
  assert.match(run.stdout, /\{"signal":"SIGINT"\}/);
  assert.doesNotMatch(run.stderr, /KeyboardInterrupt|Traceback/);
  assert.equal(run.code, 3);
});

test('no runtime: setup records the reason, teardown exits 1, message.tc is written', async () => {
  const out = join(work, 'out-none');
  const run = await finished(startTcexRun(appDir, { PATH: emptyPath, TC_OUT_PATH: out }));
  assert.equal(harnessLine(run.stdout)['exitCode'], 1);
  assert.equal(run.code, 1);
  assert.match(await readFile(join(out, 'message.tc'), 'utf8'), /^No Node\.js >= 20 found/);
});
