import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RotatingFile } from '../../../app/adapters/log/rotating-file.js';
import { eventually } from '../../helpers/eventually.js';

const root = mkdtempSync(join(tmpdir(), 'rotating-file-'));
after(() => rmSync(root, { recursive: true, force: true }));
const moduleUrl = pathToFileURL(join(import.meta.dirname, '../../../app/adapters/log/rotating-file.js')).href;
const lines = (path: string) => readFileSync(path, 'utf8').trimEnd().split('\n');

test('lines written over many turns arrive whole and in order', async () => {
  const filename = join(root, 'order', 'app.log');
  const file = new RotatingFile({ filename, maxBytes: 0, backupCount: 0 });
  for (let i = 0; i < 2000; i += 1) {
    file.write(`line ${i}\n`);
    if (i % 97 === 0) await new Promise((r) => setImmediate(r));
  }
  // One batch reached the disk before the last line.
  await eventually(async () => existsSync(filename) && statSync(filename).size > 0, 5000, 'the first batch written');
  file.write('last\n');
  file.close();
  file.write('after close is ignored\n');
  const got = lines(filename);
  assert.equal(got.length, 2001);
  for (const [i, l] of got.slice(0, 2000).entries()) assert.equal(l, `line ${i}`);
  assert.equal(got[2000], 'last');
});

test('process.exit right after logging loses nothing (flushed from the exit hook)', () => {
  const filename = join(root, 'exit', 'app.log');
  const script = join(root, 'exit.mjs');
  writeFileSync(
    script,
    `import { RotatingFile } from ${JSON.stringify(moduleUrl)};
const file = new RotatingFile({ filename: ${JSON.stringify(filename)}, maxBytes: 4000, backupCount: 3 });
for (let i = 0; i < 300; i += 1) { file.write('line ' + i + ' ' + 'x'.repeat(20) + '\\n'); if (i === 150) await new Promise((r) => setImmediate(r)); }
process.exit(3);
`,
  );
  const run = spawnSync(process.execPath, [script], { encoding: 'utf8' });
  assert.equal(run.status, 3, run.stderr);
  const all = [`${filename}.3`, `${filename}.2`, `${filename}.1`, filename].filter(existsSync).flatMap(lines);
  // 300 lines of 30 bytes = 9,000 bytes over files of at most 4,000: nothing rotated away yet.
  assert.deepEqual(
    all,
    Array.from({ length: 300 }, (_, i) => `line ${i} ${'x'.repeat(20)}`),
  );
  for (const f of [filename, `${filename}.1`, `${filename}.2`].filter(existsSync)) assert.ok(readFileSync(f).length <= 4000, f);
});

test('rotation with a write in flight: every file within maxBytes, backups named <file>.N', async () => {
  const filename = join(root, 'rotate', 'svc.log');
  const file = new RotatingFile({ filename, maxBytes: 300, backupCount: 2 });
  for (let i = 0; i < 60; i += 1) {
    file.write(`row ${String(i).padStart(2, '0')} ${'y'.repeat(40)}\n`);
    if (i % 7 === 0) await new Promise((r) => setImmediate(r));
  }
  file.close();
  assert.ok(!existsSync(`${filename}.3`));
  for (const f of [filename, `${filename}.1`, `${filename}.2`]) assert.ok(readFileSync(f).length <= 300, f);
  const kept = [`${filename}.2`, `${filename}.1`, filename].flatMap(lines);
  assert.equal(kept.at(-1), `row 59 ${'y'.repeat(40)}`);
  for (const [i, l] of kept.entries()) if (i > 0) assert.ok(l > kept[i - 1]!, 'in order');
});
