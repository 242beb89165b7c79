import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exitMessageText, writeExitMessage } from '../../../app/adapters/exit/exit-message.js';

const dir = mkdtempSync(join(tmpdir(), 'exit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('keeps the last 255 characters plus a newline', () => {
  assert.equal(exitMessageText('Success'), 'Success\n');
  const long = `${'a'.repeat(300)}END`;
  const text = exitMessageText(long);
  assert.equal(text.length, 256);
  assert.ok(text.endsWith('END\n'));
  assert.equal(Array.from(exitMessageText('é'.repeat(300))).length, 256, 'characters, not bytes');
});

test('writes <outPath>/message.tc', () => {
  const out = join(dir, 'out');
  mkdirSync(out);
  assert.equal(writeExitMessage(out, 'Success', join(dir, 'cwd-unused')), join(out, 'message.tc'));
  assert.equal(readFileSync(join(out, 'message.tc'), 'utf8'), 'Success\n');
});

test('falls back to ./message.tc when the out dir is not writable', () => {
  const cwd = join(dir, 'cwd');
  mkdirSync(cwd);
  const notADir = join(dir, 'file');
  writeFileSync(notADir, 'x');
  assert.equal(writeExitMessage(join(notADir, 'out'), 'Input validation errors\nx: y', cwd), join(cwd, 'message.tc'));
  assert.equal(readFileSync(join(cwd, 'message.tc'), 'utf8'), 'Input validation errors\nx: y\n');
  const readOnly = join(dir, 'ro');
  mkdirSync(readOnly);
  chmodSync(readOnly, 0o500);
  try {
    const written = writeExitMessage(readOnly, 'ro', cwd);
    // root can write anywhere; otherwise the fallback is used
    assert.ok(written === join(readOnly, 'message.tc') || written === join(cwd, 'message.tc'));
  } finally {
    chmodSync(readOnly, 0o700);
  }
  assert.equal(writeExitMessage(join(notADir, 'a'), 'nowhere', join(notADir, 'b')), null);
});
