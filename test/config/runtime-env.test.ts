import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appDirOf } from '../../app/config/runtime-env.js';

test("install.json is read from the working directory, else from beside the entry (the package's app.mjs)", () => {
  const root = mkdtempSync(join(tmpdir(), 'alert-intake-appdir-'));
  try {
    const app = join(root, 'app');
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(app);
    mkdirSync(elsewhere);
    writeFileSync(join(app, 'install.json'), '{}');
    assert.equal(appDirOf(app, join(app, 'app.mjs')), app);
    assert.equal(appDirOf(elsewhere, join(app, 'app.mjs')), app, 'started from another folder');
    assert.equal(appDirOf(elsewhere, '../app/app.mjs'), app, 'a relative entry');
    writeFileSync(join(elsewhere, 'install.json'), '{}');
    assert.equal(appDirOf(elsewhere, join(app, 'app.mjs')), elsewhere, 'the working directory first, as TcEx reads it');
    assert.equal(appDirOf(join(root, 'none'), undefined), join(root, 'none'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
