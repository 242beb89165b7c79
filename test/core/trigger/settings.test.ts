import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTriggerSettings } from '../../../app/core/trigger/settings.js';
import { evaluate } from '../../../app/core/pipeline/expressions.js';
import { repoDeclaredInputs } from '../../../scripts/lib/repo-manifest.js';

const parse = (inputs: Record<string, unknown>) => parseTriggerSettings(inputs, repoDeclaredInputs());

test('defaults: Auto-detect, no authentication, every indicator type, dedupe 60 min, cap 500, verify SSL, resolved ignored, URL hosts reported', () => {
  const r = parse({});
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.equal(r.settings.preset.name, 'Auto-detect');
  assert.deepEqual(r.settings.auth, { mode: 'none' });
  assert.equal(r.settings.resolvedNotifications, 'ignore');
  assert.equal(r.settings.severityScale, 'auto');
  assert.equal(r.settings.reportUrlHosts, true);
  assert.equal(r.settings.alertList, undefined);
  assert.equal(r.settings.indicatorTypes.length, 6);
  assert.equal(r.settings.dedupeWindowMinutes, 60);
  assert.equal(r.settings.hourlyCap, 500);
  assert.equal(r.settings.verifySsl, true);
});

test('strings from the platform are coerced: booleans, numbers, multi-value lists, KeyValueList JSON text', () => {
  const r = parse({
    refang: 'false',
    verify_ssl: 'false',
    dedupe_window: '5',
    indicator_types: ['Host', 'URL'],
    extra_fields: '[{"key":"env","value":"$.env"}]',
  });
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.equal(r.settings.refang, false);
  assert.equal(r.settings.verifySsl, false);
  assert.equal(r.settings.dedupeWindowMinutes, 5);
  assert.deepEqual(r.settings.indicatorTypes, ['Host', 'URL']);
  assert.deepEqual(
    r.settings.extraFields.map((f) => f.name),
    ['env'],
  );
});

test('invalid inputs fail CreateConfig with messages naming the input, never the secret', () => {
  const r = parse({
    source_preset: 'Nope',
    auth_mode: 'HMAC Signature',
    auth_secret: 'super-secret-value',
    hmac_algorithm: 'md5',
    dedupe_window: '-1',
    hourly_cap: 'lots',
    min_severity: 'urgent',
    field_title: 'no-dollar',
    filter_condition: 'a[.',
  });
  assert.equal(r.ok, false);
  if (r.ok) return;
  const text = r.errors.join('\n');
  for (const input of ['source_preset', 'hmac_algorithm', 'dedupe_window', 'hourly_cap', 'min_severity', 'field_title', 'filter_condition']) {
    assert.match(text, new RegExp(`^${input}:`, 'm'));
  }
  assert.ok(!text.includes('super-secret-value'));
  const noSecret = parse({ auth_mode: 'GitHub' });
  assert.ok(!noSecret.ok && noSecret.errors.some((e) => e.startsWith('auth_secret:')));
});

test('a JSONPath expression cannot run code: filter scripts are refused, nothing executes', () => {
  const g = globalThis as Record<string, unknown>;
  delete g.alertIntakePwned;
  const attack = "$..[?(@.constructor.constructor('globalThis.alertIntakePwned = true')())]";
  const r = parse({ field_title: attack });
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.errors[0]!.startsWith('field_title: invalid JSONPath expression'));
  assert.equal(evaluate({ language: 'JSONPath', source: attack }, { a: { b: 1 } }), undefined);
  assert.equal(evaluate({ language: 'JSONPath', source: '$..[?(@.b==1)]' }, { a: { b: 1 } }), undefined);
  assert.equal(g.alertIntakePwned, undefined, 'the expression did not run');
});
