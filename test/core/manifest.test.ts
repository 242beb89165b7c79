/**
 * install.json ↔ code: every input the code reads is declared (with the right serviceConfig side),
 * every declared output is produced by the app on the shipped samples, with its declared type.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, loadProfiles } from '../helpers/profile.js';
import { runProfileInProcess } from '../helpers/run-profile-in-process.js';
import { createAlertApp } from '../../app/core/alert-app.js';
import { createMemoryKv } from '../../app/adapters/kv/memory.js';
import { PRESETS } from '../../app/core/presets/index.js';
import { offlineAppDeps } from '../../scripts/lib/offline-deps.js';
import { repoManifest } from '../../scripts/lib/repo-manifest.js';

interface Install {
  params: Array<{ name: string; serviceConfig?: boolean; validValues?: string[]; type: string }>;
  playbook: { outputVariables: Array<{ name: string; type: string }> };
}
const install = JSON.parse(readFileSync(join(REPO, 'install.json'), 'utf8')) as Install;

// The trigger inputs ↔ install.json link (names, defaults, choices) is checked by behaviour in
// trigger/settings-install.test.ts; that they are read from install.json, in trigger/declared-inputs.test.ts.

test('the service-level inputs the app reads are declared serviceConfig: true (traced over an event)', async () => {
  const read = new Set<string>();
  const serviceInputs = new Proxy({} as Record<string, unknown>, {
    get(target, key) {
      if (typeof key === 'string') read.add(key);
      return target[key as string];
    },
  });
  const app = createAlertApp(repoManifest());
  const deps = { ...offlineAppDeps(() => Date.now()), serviceInputs };
  const created = await app.createConfig(1, {}, deps);
  assert.equal(created.status, 'Success');
  if (created.status !== 'Success') return;
  const body = readFileSync(join(REPO, 'samples/generic.json'));
  const headers = [{ name: 'Content-Type', value: 'application/json' }];
  await app.webhookEvent({ triggerId: 1, requestKey: 'k', sessionId: 's', method: 'POST', headers, queryParams: [], body, settings: created.settings }, deps);
  assert.ok(read.size > 0);
  for (const name of read) assert.equal(install.params.find((p) => p.name === name)?.serviceConfig, true, name);
});

test('the source preset choices are exactly the presets the code has', () => {
  const choices = install.params.find((p) => p.name === 'source_preset')!.validValues!;
  assert.deepEqual([...choices].sort(), PRESETS.map((p) => p.name).sort());
});

test('every declared output is produced, with its declared type', async () => {
  const produced = new Map<string, string>();
  const app = createAlertApp(repoManifest());
  const deps = {
    kv: createMemoryKv(),
    http: { request: async () => ({ status: 500, headers: {}, body: '' }) },
    tcApi: { get: async () => ({ status: 500, headers: {}, body: '' }) },
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, child: () => deps.logger },
    clock: { now: () => Date.now() },
    serviceInputs: {},
  };
  const created = await app.createConfig(1, { extra_fields: [{ key: 'x', value: '$.id' }] }, deps);
  assert.equal(created.status, 'Success');
  if (created.status !== 'Success') return;
  const r = await app.webhookEvent(
    {
      triggerId: 1,
      requestKey: 'k',
      sessionId: 's',
      method: 'POST',
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      queryParams: [],
      body: readFileSync(join(REPO, 'samples/generic.json')),
      settings: created.settings,
    },
    deps,
  );
  assert.equal(r.kind, 'fire');
  if (r.kind === 'fire') for (const [k, v] of Object.entries(r.fires[0]!)) produced.set(k, v.type);
  for (const o of install.playbook.outputVariables) assert.equal(produced.get(o.name), o.type, `output ${o.name}!${o.type}`);
  for (const [k] of produced)
    assert.ok(
      install.playbook.outputVariables.some((o) => o.name === k),
      `${k} is produced but not declared`,
    );
});

test('every preset has a sample, and a profile plays it', async () => {
  const profiles = loadProfiles();
  for (const preset of PRESETS) {
    assert.ok(readFileSync(join(REPO, preset.sample)).length > 0, preset.sample);
    const p = profiles.find((x) => x.trigger.inputs.source_preset === preset.name && x.request.bodyFile === preset.sample);
    assert.ok(p, `no profile plays ${preset.sample}`);
    const [outcome] = await runProfileInProcess(p);
    assert.equal(outcome!.decision, 'fired', preset.name);
  }
});
