/** `npm run playbook` as a user runs it: usage, exit codes, one-line errors, JSON, secrets masked. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HTTP_LINK, jobByName, param, ROOT, SERVICE, template } from './helpers.js';

const CLI = join(ROOT, 'build/scripts/playbook.js');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
const tmp = mkdtempSync(join(tmpdir(), 'playbook-cli-'));
test.after(() => rmSync(tmp, { recursive: true, force: true }));
const write = (name: string, content: unknown) => {
  const path = join(tmp, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

test('--help prints the usage and exits 0', () => {
  const r = run('--help');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^Usage: npm run playbook -- "<template>\.pbx" <alert\.json>/);
  assert.match(r.stdout, /--trigger-inputs FILE/);
});

test('an unknown option is exit 2: the problem, the usage line and where to read more (the shared CLI helper)', () => {
  const r = run(SERVICE, 'samples/generic.json', '--colour');
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.deepEqual(
    r.stderr
      .trimEnd()
      .split('\n')
      .map((l) => l.replace(/^(Usage: npm run playbook --).*/, '$1')),
    ['playbook: unknown option --colour', 'Usage: npm run playbook --', 'Run with --help for details.'],
  );
});

for (const [args, pattern] of [
  [[], /give exactly a template and an alert file/],
  [[SERVICE], /give exactly a template and an alert file \(got 1 argument/],
  [['templates/none.pbx', 'samples/generic.json'], /templates\/none\.pbx: cannot read the template/],
  [[SERVICE, 'samples/none.json'], /samples\/none\.json: cannot read the alert file/],
  [[SERVICE, 'samples/generic.json', '--intel', 'package.json'], /--intel package\.json: .*"indicators"|package\.json: the intel file/],
  [[SERVICE, 'samples/generic.json', '--trigger-inputs', 'samples/triggers.json', '--trigger-id', '99'], /--trigger-id 99 is not in samples\/triggers\.json/],
  [[SERVICE, 'samples/generic.json', '--header', 'no-colon'], /--header needs "Name: value"/],
] as Array<[string[], RegExp]>) {
  test(`bad arguments (${args.join(' ') || 'none'}) → one line naming the fix, exit 2`, () => {
    const r = run(...args);
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, pattern);
  });
}

test('a readable trace and the effects', () => {
  const r = run(SERVICE, 'samples/sumo-logic.json', '--trigger-inputs', 'samples/triggers.json');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Trigger: {2}App Service 100 "Alert Intake Webhook" \(inputs: samples\/triggers\.json/);
  assert.match(r.stdout, /Playbook \[For Each Indicator 2\/\d\] › job 5 "Enrich, Decide and Store" › job \d+ "Store It\?" \[If \/ Else 1\.0\.0\] → Fail/);
  assert.match(r.stdout, /\n {4}\+ Address 2\.58\.56\.101 in "Alert Intake Suspicious Indicators" — threat rating 1, confidence 50\n/);
  assert.match(
    r.stdout,
    /\n {4}- Address 104\.28\.0\.9: Address 104\.28\.0\.9 is already known to ThreatConnect \(1 match\(es\) in Common Community; highest CAL score 35\): not stored\.\n/,
  );
  assert.match(r.stdout, /Notifications: 1\n {4}✉ Entire Organization \[Alert Intake, Medium\]: critical alert/);
});

test('--json gives the same as data on stdout', () => {
  const r = run(HTTP_LINK, 'samples/generic.json', '--json');
  assert.equal(r.status, 0, r.stderr);
  const result = JSON.parse(r.stdout) as { ok: boolean; trigger: { type: string }; effects: unknown; runs: Array<{ endedAt: string[] }> };
  assert.equal(result.ok, true);
  assert.equal(result.trigger.type, 'HTTP Link');
  assert.deepEqual(result.effects, { created: [], skipped: [], notifications: [] });
  assert.deepEqual(result.runs[0]!.endedAt, ['Playbook › job 7 "No Indicators: Log and End"']);
});

test('a broken template exits 1 naming the job, with no stack trace', () => {
  const doc = template(SERVICE);
  const notify = param(jobByName(doc, 'Notify Organization'), 'message');
  notify.value = `${String(notify.value)} #App:9:nothing!String`;
  const r = run(write('broken.pbx', doc), 'samples/generic.json');
  assert.equal(r.status, 1);
  assert.match(
    r.stdout,
    /RUN FAILED at Playbook › job 6 "Notify Organization"\n {4}.*undefined variable #App:9:nothing!String: "Alert Intake - Low-Volume Alert Processing" has no job 9/,
  );
  assert.doesNotMatch(r.stdout + r.stderr, /\n\s+at /);
});

test('secrets never reach the output: credential headers and encrypted trigger inputs are masked', () => {
  const doc = template(HTTP_LINK);
  param(jobByName(doc, 'No Indicators: Log and End'), 'log_message').value = 'headers: #Trigger:100:trg.http.header!KeyValueArray';
  const headers = ['--header', 'Authorization: Bearer s3cr3t-token-value', '--header', 'X-Acme-Signature: sig-0123456789'];
  for (const json of [[], ['--json']]) {
    const r = run(write('logs-headers.pbx', doc), 'samples/generic.json', ...headers, ...json);
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /s3cr3t-token-value|sig-0123456789/);
    assert.match(r.stdout, /Authorization.*\*\*\*/);
  }
  const inputs = write('inputs.json', {
    inputs: { source_preset: 'Generic JSON', auth_mode: 'Shared Secret Header', auth_header: 'X-Hook', auth_secret: '&{TC:KEYCHAIN:hook}' },
    variables: { hook: 'keychain-secret-42' },
  });
  const service = template(SERVICE);
  param(jobByName(service, 'Log Alert Received'), 'log_message').value =
    'raw #Trigger:100:alert_intake.response.json.raw!String headers #Trigger:100:alert_intake.response.headers!KeyValueArray';
  const body = write('alert.json', { id: 'a-1', title: 'leak test', description: 'the secret keychain-secret-42 in the body from 91.92.93.94' });
  for (const json of [[], ['--json']]) {
    const r = run(write('logs-raw.pbx', service), body, '--trigger-inputs', inputs, '--sign', ...json);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.doesNotMatch(r.stdout, /keychain-secret-42/);
    assert.match(r.stdout, /the secret \*\*\* in the body/);
  }
});
