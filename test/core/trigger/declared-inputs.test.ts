/**
 * The trigger settings take their choices and defaults from install.json, not from code: change
 * install.json and the settings change with it; leave something out and the app refuses to start,
 * naming it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseManifest } from '../../../app/config/manifest.js';
import { createAlertApp } from '../../../app/core/alert-app.js';
import { declaredInputs } from '../../../app/core/trigger/declared-inputs.js';
import { parseTriggerSettings } from '../../../app/core/trigger/settings.js';
import { REPO } from '../../helpers/profile.js';
import { offlineAppDeps } from '../../../scripts/lib/offline-deps.js';

interface Param {
  name: string;
  default?: unknown;
  validValues?: string[];
}
type Install = { params: Param[] } & Record<string, unknown>;
const INSTALL = readFileSync(join(REPO, 'install.json'), 'utf8');

/** The repository's install.json with `change` applied to the named input's declaration. */
function installWith(changes: Record<string, (p: Param) => void>): Install {
  const doc = JSON.parse(INSTALL) as Install;
  for (const [name, change] of Object.entries(changes)) change(doc.params.find((p) => p.name === name)!);
  return doc;
}
const declaredFrom = (doc: unknown) => declaredInputs(parseManifest(doc, 'test install.json'));

test("the repository's install.json gives every choice and default the settings read", () => {
  const d = declaredFrom(JSON.parse(INSTALL));
  assert.equal(d.numbers.hourly_cap, 500);
  assert.equal(d.numbers.max_body_bytes, 1048576);
  assert.equal(d.booleans.require_indicators, false);
  assert.deepEqual(d.choices.indicator_types.defaults, ['Address', 'Host', 'URL', 'EmailAddress', 'File', 'CVE']);
  assert.equal(d.choices.source_preset.defaults[0]?.name, 'Auto-detect');
});

test('a default changed in install.json is what an absent input means', () => {
  const d = declaredFrom(
    installWith({
      min_severity: (p) => (p.default = 'high'),
      hourly_cap: (p) => (p.default = '7'),
      refang: (p) => (p.default = false),
      indicator_types: (p) => (p.default = 'URL|Host'),
      resolved_notifications: (p) => (p.default = 'Fire'),
      auth_mode: (p) => (p.default = 'GitHub'),
    }),
  );
  const absent = parseTriggerSettings({}, d);
  assert.ok(!absent.ok, 'GitHub by default needs a secret');
  assert.deepEqual(absent.errors, ['auth_secret: required for authentication GitHub']);
  const r = parseTriggerSettings({ auth_secret: 's3cret' }, d);
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.settings.minSeverity, 'high');
  assert.equal(r.settings.hourlyCap, 7);
  assert.equal(r.settings.refang, false);
  assert.deepEqual(r.settings.indicatorTypes, ['URL', 'Host']);
  assert.equal(r.settings.resolvedNotifications, 'fire');
  assert.equal(r.settings.auth.mode, 'github');
});

test('a choice install.json does not offer is refused, though the code knows it; the error lists what is offered', () => {
  const d = declaredFrom(
    installWith({
      expression_language: (p) => (p.validValues = ['JSONPath']),
      indicator_types: (p) => Object.assign(p, { validValues: ['URL', 'Host'], default: 'URL|Host' }),
    }),
  );
  const r = parseTriggerSettings({ expression_language: 'JMESPath', indicator_types: ['URL', 'CVE'] }, d);
  assert.ok(!r.ok);
  assert.deepEqual(r.errors, ['expression_language: "JMESPath" is not one of JSONPath', 'indicator_types: "CVE" is not one of URL, Host']);
});

test('choices match whatever their case; an earlier preset name still reads as its preset', () => {
  const d = declaredFrom(JSON.parse(INSTALL));
  const r = parseTriggerSettings({ expression_language: 'jmespath', min_severity: 'HIGH', source_preset: 'AWS SNS/GuardDuty', auth_mode: 'none' }, d);
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.settings.language, 'JMESPath');
  assert.equal(r.settings.minSeverity, 'high');
  assert.equal(r.settings.preset.name, 'AWS GuardDuty');
});

test('install.json without what the settings need: one error naming every problem and where install.json was read', () => {
  const doc = installWith({
    hourly_cap: (p) => delete p.default,
    refang: (p) => (p.default = 'maybe'),
    severity_scale: (p) => p.validValues!.push('0-100'),
    min_severity: (p) => (p.default = 'severe'),
  });
  doc.params = doc.params.filter((p) => p.name !== 'verify_ssl');
  const problems = [
    'hourly_cap has no default',
    'refang\'s default "maybe" is not true or false',
    'severity_scale offers "0-100", which the code does not know',
    'min_severity\'s default "severe" is not one of its validValues',
    'verify_ssl is not declared',
  ];
  assert.throws(
    () => declaredFrom(doc),
    (err: Error) => err.message.startsWith('install.json (test install.json) does not give') && problems.every((p) => err.message.includes(p)),
  );
  assert.throws(() => createAlertApp(parseManifest(doc, 'test install.json')), /hourly_cap has no default/);
  assert.throws(
    () => createAlertApp(parseManifest({}, 'defaults (install.json not read: ENOENT)')),
    /install\.json not read: ENOENT.*source_preset is not declared/,
  );
});

test('service-level defaults come from install.json too: max_body_bytes', async () => {
  const app = createAlertApp(parseManifest(installWith({ max_body_bytes: (p) => (p.default = '10') }), 'test install.json'));
  const created = await app.createConfig(
    1,
    {},
    offlineAppDeps(() => 0),
  );
  assert.equal(created.status, 'Success');
  if (created.status !== 'Success') return;
  const result = await app.webhookEvent(
    {
      triggerId: 1,
      requestKey: 'k',
      sessionId: 's',
      method: 'POST',
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      queryParams: [],
      body: Buffer.from('{"title":"more than ten bytes"}'),
      settings: created.settings,
    },
    offlineAppDeps(() => 0),
  );
  assert.equal(result.kind, 'respond');
  if (result.kind === 'respond') assert.equal(result.statusCode, 413);
});
