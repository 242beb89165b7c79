/**
 * The real process with an install.json that lacks a trigger-setting default: it refuses to start
 * (exit 1), and message.tc and the log name what is missing. Nothing to connect to: it stops first.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchService, serviceParams } from '../../app/platform-driver/launch.js';
import { REPO } from '../helpers/profile.js';

test('an install.json without the hourly_cap default: exit 1, message.tc and the log name it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'alert-intake-install-'));
  try {
    const install = JSON.parse(readFileSync(join(REPO, 'install.json'), 'utf8')) as { params: Array<{ name: string; default?: unknown }> };
    delete install.params.find((p) => p.name === 'hourly_cap')!.default;
    writeFileSync(join(dir, 'install.json'), JSON.stringify(install));
    const params = serviceParams({
      broker: { host: '127.0.0.1', port: 9 },
      kv: { host: '127.0.0.1', port: 9 },
      clientTopic: 'client',
      serverTopic: 'server',
      logDir: join(dir, 'log'),
      workDir: dir,
    });
    let output = '';
    const launched = launchService(params, { command: process.execPath, args: [join(REPO, 'dist/run.js')], cwd: dir }, (line) => (output += `${line}\n`), {
      dir,
    });
    const { code } = await launched.exited;
    assert.equal(code, 1, output);
    assert.match(readFileSync(join(dir, 'out', 'message.tc'), 'utf8'), /hourly_cap has no default/);
    const logs = readdirSync(join(dir, 'log')).map((f) => readFileSync(join(dir, 'log', f), 'utf8'));
    assert.ok(
      logs.some((l) => /event=invalid-install-json.*hourly_cap has no default/.test(l)),
      logs.join('\n'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
