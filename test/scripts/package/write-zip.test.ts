import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeZip } from '../../../scripts/lib/package/write-zip.js';
import { ZIP_EPOCH } from '../../../scripts/lib/package/package-date.js';
import { readZip } from './helpers/read-zip.js';
import { removeDir, tempDir } from './helpers/fixture-project.js';

const files = [
  { path: 'K/run.py', data: Buffer.from('print(1)\n'), executable: true },
  { path: 'K/b/z.txt', data: Buffer.from('z'.repeat(5000)) },
  { path: 'K/a.txt', data: Buffer.from('a') },
];

test('zips are byte-identical whatever the input order, with sorted entries, fixed time and modes', async () => {
  const one = await writeZip(files, ZIP_EPOCH);
  const two = await writeZip([...files].reverse(), ZIP_EPOCH);
  assert.ok(one.equals(two));
  const entries = await readZip(one);
  assert.deepEqual(
    entries.map((e) => e.path),
    ['K/', 'K/a.txt', 'K/b/', 'K/b/z.txt', 'K/run.py'],
  );
  assert.deepEqual(
    entries.map((e) => e.mode.toString(8)),
    ['755', '644', '755', '644', '755'],
  );
  for (const e of entries) {
    assert.equal(e.dosDate, (0 << 9) | (1 << 5) | 1, `${e.path} date is 1980-01-01`);
    assert.equal(e.dosTime, 0);
  }
  assert.equal(entries[3]?.data.toString(), 'z'.repeat(5000));
});

test('a different timestamp changes the bytes; unsafe or duplicate paths are refused', async () => {
  const later = await writeZip(files, new Date(Date.UTC(2024, 0, 1)));
  assert.ok(!later.equals(await writeZip(files, ZIP_EPOCH)));
  await assert.rejects(writeZip([{ path: 'K/../x', data: Buffer.alloc(0) }], ZIP_EPOCH), /unsafe/);
  await assert.rejects(writeZip([files[0]!, files[0]!], ZIP_EPOCH), /duplicate/);
});

test("Python's zipfile accepts the zip (the platform's side of the format)", async () => {
  const dir = await tempDir('zip');
  try {
    const path = join(dir, 'x.zip');
    await writeFile(path, await writeZip(files, ZIP_EPOCH));
    const listing = execFileSync(
      'python3',
      ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print("\\n".join(z.namelist()))', path],
      { encoding: 'utf8' },
    );
    assert.deepEqual(listing.trim().split('\n'), ['K/', 'K/a.txt', 'K/b/', 'K/b/z.txt', 'K/run.py']);
  } finally {
    await removeDir(dir);
  }
});
