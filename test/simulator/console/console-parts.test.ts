/** The console's pure parts: counters, display clauses, signing with faults, masking, the form model, the export. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { authenticate } from '../../../app/core/pipeline/auth/authenticate.js';
import { parseTriggerSettings } from '../../../app/core/trigger/settings.js';
import { readAppModel } from '../../../app/simulator/console/app-model.js';
import { consoleRedactor, maskHeaders, maskInputs, MASK, resolveInputs, unmaskInputs } from '../../../app/simulator/console/secrets.js';
import { signSample, TAMPERS, type Tamper } from '../../../app/simulator/console/sign-sample.js';
import { percentile, reasonOf, StatsBook } from '../../../app/simulator/console/stats.js';
import { exportTrigger } from '../../../app/simulator/console/tc-export.js';
import { REPO } from '../../helpers/profile.js';
import { repoDeclaredInputs } from '../../../scripts/lib/repo-manifest.js';

type DisplayModule = { isShown(clause: string | undefined, values: Record<string, string | null>): boolean; compileDisplay(clause: string): unknown };
const display = (await import(pathToFileURL(join(REPO, 'app/simulator/console/public/display.js')).href)) as DisplayModule;

test('counters: per trigger, by reason code and kind, with nearest-rank percentiles', () => {
  const book = new StatsBook();
  for (let i = 1; i <= 100; i++) book.record({ triggerId: 7, decision: 'fired', status: 200, durationMs: i });
  book.record({ triggerId: 7, decision: 'responded', status: 200, reason: 'duplicate', durationMs: 5 });
  book.record({ triggerId: 7, decision: 'responded', status: 401, reason: 'auth_invalid', durationMs: 3 });
  book.record({ triggerId: 7, decision: 'responded', status: 429, reason: 'over_hourly_cap', durationMs: 2 });
  book.record({ triggerId: NaN, decision: 'unknown_trigger', status: 404, durationMs: 0 });
  const snap = book.snapshot();
  const t7 = snap.triggers.find((t) => t.triggerId === 7)!;
  assert.equal(t7.total, 103);
  assert.deepEqual(t7.byReason, { auth_invalid: 1, duplicate: 1, fired: 100, over_hourly_cap: 1 });
  assert.deepEqual(t7.byKind, { fired: 100, duplicate: 1, rejected: 1, limited: 1 });
  assert.equal(t7.latencyMs.max, 100);
  assert.equal(t7.latencyMs.p50, 49);
  assert.equal(snap.triggers.find((t) => t.triggerId === -1)!.byReason.unknown_trigger, 1);
  assert.equal(percentile([], 50), 0);
  assert.equal(percentile([1, 2, 3, 4], 99), 4);
  assert.equal(reasonOf({ decision: 'responded', status: 200 }), 'answered_200');
});

test('display clauses as layout.json writes them', () => {
  const v = (auth_mode: string | null) => ({ auth_mode });
  assert.equal(display.isShown("auth_mode IN ('Shared Secret Header', 'HMAC Signature', 'Stripe')", v('Stripe')), true);
  assert.equal(display.isShown("auth_mode IN ('Shared Secret Header', 'HMAC Signature', 'Stripe')", v('GitHub')), false);
  assert.equal(display.isShown("auth_mode != 'None'", v('None')), false);
  assert.equal(display.isShown("auth_mode NOT IN ('None') AND (x IS NULL OR x = '2')", { auth_mode: 'GitHub', x: null }), true);
  assert.equal(display.isShown("auth_mode LIKE 'HMAC%'", v('HMAC Signature')), true);
  assert.equal(display.isShown('n > 10', { n: '9' }), false);
  assert.equal(display.isShown(undefined, {}), true);
  // A clause that does not parse hides nothing.
  assert.equal(display.isShown("auth_mode IN ('a'", v('b')), true);
  assert.throws(() => display.compileDisplay("auth_mode = 'x' junk"));
});

const INPUTS = { auth_secret: 'console-unit-secret', hmac_timestamp_header: 'X-Ts', basic_username: 'svc' };
const body = Buffer.from('{"id":"a-1","title":"t"}');
const now = 1_790_000_000;

test("signing: each mode passes the service's own verifier; each fault fails it with its reason", () => {
  const modes = ['Shared Secret Header', 'HMAC Signature', 'GitHub', 'Stripe', 'Standard Webhooks', 'HTTP Basic'];
  const expected: Record<Tamper, string | undefined> = {
    none: undefined,
    body: 'auth_invalid',
    wrong_secret: 'auth_invalid',
    unsigned: 'auth_missing',
    stale: 'auth_stale_timestamp',
  };
  for (const mode of modes) {
    const parsed = parseTriggerSettings({ ...INPUTS, auth_mode: mode }, repoDeclaredInputs());
    assert.ok(parsed.ok, mode);
    for (const tamper of Object.keys(TAMPERS) as Tamper[]) {
      if (tamper === 'stale' && ['Shared Secret Header', 'GitHub', 'HTTP Basic'].includes(mode)) {
        assert.throws(() => signSample(repoDeclaredInputs(), INPUTS, mode, body, tamper, now), /cannot be stale/);
        continue;
      }
      if (tamper === 'body' && ['Shared Secret Header', 'HTTP Basic'].includes(mode)) {
        assert.throws(() => signSample(repoDeclaredInputs(), INPUTS, mode, body, tamper, now), /does not sign the body/);
        continue;
      }
      const s = signSample(repoDeclaredInputs(), INPUTS, mode, body, tamper, now);
      const r = authenticate({ headers: s.headers, body: s.body }, parsed.settings.auth, now);
      const want = expected[tamper];
      if (want === undefined) assert.equal(r.ok, true, `${mode} signed`);
      else assert.equal(r.ok ? 'ok' : r.reason, want, `${mode} / ${tamper}`);
      assert.ok(!s.note.includes(INPUTS.auth_secret));
    }
  }
  assert.throws(() => signSample(repoDeclaredInputs(), {}, 'Stripe', body, 'none', now), /cannot sign as Stripe: auth_secret: required/);
  assert.throws(() => signSample(repoDeclaredInputs(), INPUTS, 'Carrier Pigeon', body, 'none', now), /unknown authentication mode/);
  assert.deepEqual(signSample(repoDeclaredInputs(), { auth_mode: 'None' }, undefined, body, 'none', now).headers, []);
});

test('secrets: literal encrypted inputs masked, references shown, MASK keeps the server value, headers and text masked', () => {
  const encrypted = new Set(['auth_secret', 'auth_secret_previous']);
  const inputs = { auth_mode: 'Stripe', auth_secret: 'literal-secret-value', auth_secret_previous: '&{TC:KEYCHAIN:old}' };
  const masked = maskInputs(inputs, encrypted);
  assert.deepEqual(masked, { auth_mode: 'Stripe', auth_secret: MASK, auth_secret_previous: '&{TC:KEYCHAIN:old}' });
  assert.deepEqual(unmaskInputs({ ...masked, auth_mode: 'GitHub' }, inputs, encrypted), { ...inputs, auth_mode: 'GitHub' });
  assert.deepEqual(unmaskInputs({ auth_secret: 'new-one' }, inputs, encrypted), { auth_secret: 'new-one' });
  assert.equal(resolveInputs({ auth_secret: '&{TC:TEXT:v}' }, { v: 'from-var' }).auth_secret, 'from-var');
  const r = consoleRedactor(
    {
      service: {},
      variables: { v: 'variable-secret' },
      triggers: [
        { id: 1, inputs },
        { id: 2, inputs: { auth_secret: '&{TC:TEXT:v}' } },
      ],
    },
    encrypted,
  );
  assert.equal(r.redactText('a literal-secret-value and variable-secret'), `a ${MASK} and ${MASK}`);
  assert.deepEqual(
    maskHeaders(
      [
        { name: 'Stripe-Signature', value: 't=1,v1=ab' },
        { name: 'X-Note', value: 'literal-secret-value' },
        { name: 'Accept', value: '*/*' },
      ],
      r,
    ),
    [
      { name: 'Stripe-Signature', value: MASK },
      { name: 'X-Note', value: MASK },
      { name: 'Accept', value: '*/*' },
    ],
  );
});

test('the form model follows install.json and layout.json: every playbook input, grouped, with display clauses', () => {
  const model = readAppModel(REPO);
  const names = model.groups.flatMap((g) => g.params.map((p) => p.name));
  assert.ok(names.includes('source_preset') && names.includes('auth_secret') && names.includes('min_severity'));
  assert.ok(!names.includes('max_body_bytes'), "service-level inputs are not a trigger's");
  assert.equal(new Set(names).size, names.length);
  assert.ok(model.groups.flatMap((g) => g.params).some((p) => p.name === 'auth_header' && p.display?.includes('auth_mode')));
  assert.ok(model.encrypted.has('auth_secret'));
  assert.ok(model.outputs.some((o) => o.type === 'TCEntityArray'));
});

test('export: triggers-file entry without literal secrets, checklist of what differs from the defaults', () => {
  const model = readAppModel(REPO);
  const out = exportTrigger(
    { id: 4, name: 'Mine', outputs: ['alert_intake.results.alert.title!String'] },
    { source_preset: 'Splunk', min_severity: 'informational', auth_mode: 'Stripe', auth_secret: MASK, auth_secret_previous: '&{TC:KEYCHAIN:old}' },
    model,
  );
  assert.equal(out.entry.inputs.auth_secret, '&{TC:KEYCHAIN:auth_secret_trigger_4}');
  assert.equal(out.entry.inputs.auth_secret_previous, '&{TC:KEYCHAIN:old}');
  assert.ok(!JSON.stringify(out).includes(MASK.repeat(2)));
  assert.ok(out.checklist.some((c) => c.includes('Splunk')));
  assert.ok(!out.checklist.some((c) => c.includes('informational')), 'defaults are not on the checklist');
  assert.ok(out.checklist.some((c) => c.includes('KEYCHAIN variable')));
  assert.ok(out.checklist.at(-1)!.startsWith('Output variables'));
});
