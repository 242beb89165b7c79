import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unzippedFixture, type UnzippedFixture } from './helpers/unzipped-fixture.js';
import { finished, firstJsonLine, startLauncher } from './helpers/run-launcher.js';

let fixture: UnzippedFixture;
let work = '';
let appDir = '';
let emptyPath = '';

before(async () => {
  fixture = await unzippedFixture('launcher');
  ({ work, appDir, emptyPath } = fixture);
});

after(async () => {
  await fixture.remove();
});

test('no runtime: exit 1 and a clear message.tc in TC_OUT_PATH', async () => {
  const out = join(work, 'out-1');
  const run = await finished(startLauncher('run.py', appDir, { PATH: emptyPath, TC_OUT_PATH: out }));
  assert.equal(run.code, 1);
  const message = await readFile(join(out, 'message.tc'), 'utf8');
  assert.match(message, /^No Node\.js >= 20 found \(bundled runtime\/node: absent; TC_NODE_PATH: unset; PATH: no node\)\. /);
  assert.match(message, /--with-runtime\.\n$/);
  assert.ok(message.length <= 256);
  assert.match(run.stderr, /alert-intake launcher: No Node\.js/);
});

test('no runtime and no TC_OUT_PATH: message.tc goes to the working directory', async () => {
  const cwd = join(work, 'cwd-2');
  await mkdir(cwd);
  const run = await finished(startLauncher(join(appDir, 'run.py'), cwd, { PATH: emptyPath }));
  assert.equal(run.code, 1);
  assert.match(await readFile(join(cwd, 'message.tc'), 'utf8'), /No Node\.js >= 20 found/);
});

test('a Node older than 20 is refused with the reason', async () => {
  const fake = join(work, 'old-node');
  await writeFile(fake, '#!/bin/sh\necho v18.19.0\n');
  await chmod(fake, 0o755);
  const out = join(work, 'out-3');
  const run = await finished(startLauncher('run.py', appDir, { PATH: emptyPath, TC_NODE_PATH: fake, TC_OUT_PATH: out }));
  assert.equal(run.code, 1);
  assert.match(await readFile(join(out, 'message.tc'), 'utf8'), /TC_NODE_PATH: v18 too old/);
});

test('TC_NODE_PATH: the launcher execs Node with the same pid, arguments and environment, and its exit code', async () => {
  const child = startLauncher('run.py', appDir, { PATH: emptyPath, TC_NODE_PATH: process.execPath, PLACEHOLDER_ECHO: 'passed through' }, [
    '--exit=4',
    '--tc_log_level',
    'debug',
  ]);
  const [ready, run] = await Promise.all([firstJsonLine(child, 20_000), finished(child)]);
  assert.equal(ready['pid'], child.pid, 'execve keeps the process: signals reach Node directly');
  assert.deepEqual(ready['argv'], ['--exit=4', '--tc_log_level', 'debug']);
  assert.equal(ready['echo'], 'passed through');
  assert.equal(run.code, 4);
});

test('TC_NODE_PATH may name a Node installation folder; SIGTERM reaches the app and its exit code comes back', async () => {
  const install = join(work, 'node-install');
  await mkdir(join(install, 'bin'), { recursive: true });
  await symlink(process.execPath, join(install, 'bin', 'node'));
  const child = startLauncher('run.py', appDir, { PATH: emptyPath, TC_NODE_PATH: install });
  const done = finished(child);
  const ready = await firstJsonLine(child, 20_000);
  assert.equal(ready['execPath'], process.execPath);
  child.kill('SIGTERM');
  const run = await done;
  assert.equal(run.code, 3);
  assert.match(run.stdout, /\{"signal":"SIGTERM"\}/);
});

test('node on PATH is used when nothing else is set', async () => {
  const bin = join(work, 'path-bin');
  await mkdir(bin);
  await symlink(process.execPath, join(bin, 'node'));
  const run = await finished(startLauncher('run.py', appDir, { PATH: bin }, ['--exit=0']));
  assert.equal(run.code, 0);
  assert.match(run.stdout, /"ready":true/);
});
