/**
 * install.json ↔ parseTriggerSettings, checked by behaviour: which inputs the parser reads (traced
 * through a Proxy, over every authentication mode), that an absent input means install.json's
 * default, and that every declared choice is accepted and anything else refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TriggerInputs } from '../../../app/core/app.js';
import { parseTriggerSettings } from '../../../app/core/trigger/settings.js';
import { REPO } from '../../helpers/profile.js';
import { repoDeclaredInputs } from '../../../scripts/lib/repo-manifest.js';

interface Param {
  name: string;
  type: string;
  default?: unknown;
  validValues?: string[];
  serviceConfig?: boolean;
}
const params = (JSON.parse(readFileSync(join(REPO, 'install.json'), 'utf8')) as { params: Param[] }).params;
const triggerParams = params.filter((p) => p.serviceConfig !== true);
const choices = (p: Param) => (p.validValues ?? []).filter((v) => !v.startsWith('${'));
/** What every authentication mode needs, so each mode's own inputs are read. */
const SECRETS = { auth_secret: 'test-s3cret', basic_username: 'user' };

function traced(inputs: TriggerInputs): Set<string> {
  const read = new Set<string>();
  const proxy = new Proxy(inputs, {
    get(target, key) {
      if (typeof key === 'string') read.add(key);
      return target[key as string];
    },
  });
  parseTriggerSettings(proxy, repoDeclaredInputs());
  return read;
}

test('the inputs parseTriggerSettings reads are exactly the per-trigger inputs install.json declares', () => {
  const read = new Set<string>();
  for (const mode of choices(params.find((p) => p.name === 'auth_mode')!)) {
    for (const key of traced({ ...SECRETS, auth_mode: mode, hmac_timestamp_header: 'X-Timestamp' })) read.add(key);
  }
  const declared = new Map(params.map((p) => [p.name, p]));
  for (const name of read) {
    assert.ok(declared.has(name), `input ${name} is read but not declared in install.json`);
    assert.notEqual(declared.get(name)!.serviceConfig, true, `${name} is read per trigger but declared serviceConfig: true`);
  }
  assert.deepEqual(
    triggerParams.map((p) => p.name).filter((name) => !read.has(name)),
    [],
    'every declared trigger input is read',
  );
});

test("an absent input means install.json's default", () => {
  const absent = parseTriggerSettings({}, repoDeclaredInputs());
  assert.ok(absent.ok, JSON.stringify(absent));
  for (const p of triggerParams.filter((x) => x.default !== undefined)) {
    const given = parseTriggerSettings({ [p.name]: p.default }, repoDeclaredInputs());
    assert.ok(given.ok, `${p.name}=${JSON.stringify(p.default)}: ${JSON.stringify(given)}`);
    assert.deepEqual(given.settings, absent.settings, `${p.name}: absent ≠ its default ${JSON.stringify(p.default)}`);
  }
});

test('every declared choice is accepted; a value outside a Choice list is refused, naming the input', () => {
  // HMAC reads the most inputs (algorithm, encoding); each choice below overrides its own input.
  const base = { ...SECRETS, auth_mode: 'HMAC Signature' };
  for (const p of triggerParams.filter((x) => choices(x).length > 0)) {
    for (const value of choices(p)) {
      const r = parseTriggerSettings({ ...base, [p.name]: value }, repoDeclaredInputs());
      assert.ok(r.ok, `${p.name}=${value}: ${JSON.stringify(r)}`);
    }
    if (p.type !== 'Choice') continue;
    const r = parseTriggerSettings({ ...base, [p.name]: 'not-a-declared-choice' }, repoDeclaredInputs());
    assert.ok(!r.ok, `${p.name} accepted a value install.json does not offer`);
    assert.ok(
      r.errors.some((e) => e.startsWith(`${p.name}:`)),
      `${p.name}: ${JSON.stringify(r.errors)}`,
    );
  }
});
