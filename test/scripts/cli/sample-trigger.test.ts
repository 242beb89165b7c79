import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { authenticate } from '../../../app/core/pipeline/auth/authenticate.js';
import { parseTriggerSettings } from '../../../app/core/trigger/settings.js';
import { PRESETS } from '../../../app/core/presets/index.js';
import { readTriggersFile, type TriggersFile } from '../../../app/simulator/triggers-file.js';
import { repoDeclaredInputs } from '../../../scripts/lib/repo-manifest.js';
import { repoRoot } from '../../../scripts/lib/repo-root.js';
import { demoAuthHeaders, sampleFile, triggerForSample } from '../../../scripts/lib/sample-trigger.js';

const ROOT = repoRoot();
const TRIGGERS_PATH = join(ROOT, 'samples/triggers.json');
const triggers = readTriggersFile(TRIGGERS_PATH);

test('every preset can be tried with one command: its sample resolves to a trigger of samples/triggers.json using it', () => {
  for (const preset of PRESETS) {
    for (const sample of [preset.sample].flat()) {
      const name = sample.replace(/^samples\//, '').replace(/\.json$/, '');
      const file = sampleFile(ROOT, name);
      assert.ok(existsSync(file), `${sample} exists`);
      const trigger = triggerForSample(ROOT, file, triggers, TRIGGERS_PATH);
      // Presets may share a sample (Auto-detect reads the generic one): the trigger uses one of them.
      const sharing = PRESETS.filter((p) => [p.sample].flat().includes(sample)).map((p) => p.name.toLowerCase());
      assert.ok(sharing.includes(String(trigger.inputs.source_preset ?? 'Generic JSON').toLowerCase()), `npm run send -- ${name} → trigger ${trigger.id}`);
    }
  }
});

test('a trigger without authentication is preferred; the demo shared secret is filled in from the variables', () => {
  const file: TriggersFile = {
    service: {},
    variables: { demo: 's3cret' },
    triggers: [
      { id: 7, inputs: { source_preset: 'Splunk', auth_mode: 'Shared Secret Header', auth_header: 'X-Token', auth_secret: '&{TC:TEXT:demo}' } },
      { id: 8, inputs: { source_preset: 'splunk' } },
    ],
  };
  const splunk = sampleFile(ROOT, 'splunk');
  assert.equal(triggerForSample(ROOT, splunk, file, TRIGGERS_PATH).id, 8);
  const body = Buffer.from('{"id":"1"}');
  assert.deepEqual(demoAuthHeaders(repoDeclaredInputs(), file.triggers[0]!, file, body), { 'X-Token': 's3cret' });
  assert.deepEqual(demoAuthHeaders(repoDeclaredInputs(), file.triggers[1]!, file, body), {});
});

test('every demo trigger with authentication gets headers its own verifier accepts', () => {
  const now = Date.now() / 1000;
  let signed = 0;
  for (const trigger of triggers.triggers) {
    const settings = parseTriggerSettings(
      Object.fromEntries(
        Object.entries(trigger.inputs).map(([k, v]) => [k, typeof v === 'string' && v.startsWith('&{TC:TEXT:') ? triggers.variables[v.slice(10, -1)] : v]),
      ),
      repoDeclaredInputs(),
    );
    assert.ok(settings.ok, `trigger ${trigger.id} parses`);
    if (settings.settings.auth.mode === 'none') continue;
    const body = readFileSync(sampleFile(ROOT, 'generic'));
    const headers = Object.entries(demoAuthHeaders(repoDeclaredInputs(), trigger, triggers, body, now)).map(([name, value]) => ({ name, value }));
    const verdict = authenticate({ headers, body }, settings.settings.auth, now);
    assert.ok(verdict.ok, `trigger ${trigger.id} (${String(trigger.inputs.auth_mode)}): ${verdict.ok ? '' : verdict.detail}`);
    signed += 1;
  }
  assert.ok(signed > 0, 'samples/triggers.json has a trigger with authentication');
});

test('no trigger for the preset, or a file no preset claims, is an error naming the fix', () => {
  const empty: TriggersFile = { service: {}, variables: {}, triggers: [{ id: 1, inputs: {} }] };
  assert.throws(
    () => triggerForSample(ROOT, sampleFile(ROOT, 'grafana'), empty, TRIGGERS_PATH),
    /no trigger in samples\/triggers\.json uses the preset "Grafana"/,
  );
  assert.throws(() => triggerForSample(ROOT, TRIGGERS_PATH, empty, TRIGGERS_PATH), /is no preset's sample.*|pass the trigger id/);
  assert.throws(() => sampleFile(ROOT, 'nope'), /no sample "nope"/);
});

test('a file path is taken from where npm was run (INIT_CWD); a bare name that is no sample but a file is that file', () => {
  const saved = process.env.INIT_CWD;
  try {
    process.env.INIT_CWD = join(ROOT, 'samples');
    assert.equal(sampleFile(ROOT, './grafana.json'), join(ROOT, 'samples/grafana.json'));
    process.env.INIT_CWD = ROOT;
    assert.equal(sampleFile(ROOT, 'README.md'), join(ROOT, 'README.md'));
    assert.equal(sampleFile(ROOT, 'grafana'), join(ROOT, 'samples/grafana.json'));
    assert.throws(() => sampleFile(ROOT, 'no-such-sample'), /no sample "no-such-sample"/);
  } finally {
    if (saved === undefined) delete process.env.INIT_CWD;
    else process.env.INIT_CWD = saved;
  }
});
