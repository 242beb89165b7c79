import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateProject } from '../../../scripts/lib/validate/index.js';
import { buildAllTemplates, renderTemplate } from '../../../scripts/lib/templates/playbooks.js';
import type { InstallJson } from '../../../scripts/lib/templates/service-trigger.js';
import { REPO } from './helpers.js';

test('the shipped install.json, layout.json and templates validate with no finding', async () => {
  assert.deepEqual(await validateProject(REPO), []);
});

test('the shipped templates are exactly what their sources generate', () => {
  const install = JSON.parse(readFileSync(join(REPO, 'install.json'), 'utf8')) as InstallJson;
  for (const { file, playbook } of buildAllTemplates(install)) {
    assert.equal(readFileSync(join(REPO, 'templates', file), 'utf8'), renderTemplate(playbook), `templates/${file} is stale: run npm run templates`);
  }
});

test('the CLI: readable text, --json, exit 1 on errors, file + JSON path + rule + hint in each finding', () => {
  const dir = mkdtempSync(join(tmpdir(), 'alert-intake-validate-'));
  try {
    cpSync(join(REPO, 'install.json'), join(dir, 'install.json'));
    cpSync(join(REPO, 'layout.json'), join(dir, 'layout.json'));
    cpSync(join(REPO, 'templates'), join(dir, 'templates'), { recursive: true });
    const cli = join(REPO, 'build/scripts/validate.js');
    const ok = spawnSync(process.execPath, [cli, '--root', dir], { encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    const file = join(dir, 'templates', 'Alert Intake - Low-Volume Alert Processing.pbx');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('#Trigger:100:alert_intake.results.alert.title!String', '#Trigger:100:alert_intake.results.alert.nope!String'),
    );
    writeFileSync(join(dir, 'layout.json'), '{ not json');
    const bad = spawnSync(process.execPath, [cli, '--root', dir], { encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.match(bad.stdout, /layout\.json\n\s+error\s+LJ001/);
    assert.match(bad.stdout, /V4\s+\$\.jobList\[\d+\]\.jobParameterList\[\d+\]\.value/);
    assert.match(bad.stdout, /fix: /);
    const json = spawnSync(process.execPath, [cli, '--root', dir, '--json'], { encoding: 'utf8' });
    const report = JSON.parse(json.stdout) as { errors: number; findings: Array<{ file: string; jsonPath: string; rule: string; hint: string }> };
    assert.ok(report.errors >= 2);
    assert.ok(report.findings.every((f) => f.file && f.jsonPath.startsWith('$') && f.rule && f.hint));
    rmSync(join(dir, 'install.json'));
    const missing = spawnSync(process.execPath, [cli, '--root', dir, '--json'], { encoding: 'utf8' });
    assert.ok((JSON.parse(missing.stdout) as { findings: Array<{ rule: string }> }).findings.some((f) => f.rule === 'IJ001'));
    assert.equal(existsSync(dir), true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
