/** The decisions the issue names, asserted on single alerts with everything spelled out. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HTTP_LINK, intelOf, jobByName, param, playSample, SERVICE, template } from './helpers.js';

const OWNER = 'Alert Intake Suspicious Indicators';
const json = (v: unknown) => Buffer.from(JSON.stringify(v));
/** A Generic JSON alert owned by these tests (the extractor's evolution must not move them): a public address and a URL. */
const TOR = json({
  id: 'gen-0001',
  title: 'Suspicious login from a TOR exit node',
  severity: 'high',
  source: 'Generic SIEM',
  description: 'User j.doe signed in from 185.220.101.4 and fetched https://files.evil-cdn.example/payload.exe',
});

test('an unknown public address is created with threat rating 1 and confidence 50 in the configured owner', async () => {
  const r = await playSample(template(SERVICE), 'samples/generic.json', { body: TOR, intel: intelOf([]) });
  const { job, ...created } = r.effects.created.find((c) => c.value === '185.220.101.4')!;
  assert.match(job, /^Playbook \[For Each Indicator 1\/\d\] › job 5 "Enrich, Decide and Store" › job \d+ "Create Suspicious Indicator"$/);
  assert.deepEqual(created, {
    type: 'Address',
    value: '185.220.101.4',
    owner: OWNER,
    rating: 1,
    confidence: 50,
    tags: ['Alert Intake'],
    attributes: [{ type: 'Source', value: 'Alert Intake: Generic SIEM alert gen-0001 "Suspicious login from a TOR exit node"' }],
    updated: false,
  });
  assert.deepEqual(r.effects.skipped, []);
});

test('the owner, rating and confidence come from "Set Business Rules"', async () => {
  const doc = template(SERVICE);
  const rules = param(jobByName(doc, 'Set Business Rules'), 'variable_mapping');
  rules.value = (rules.value as string).replace('Alert Intake Suspicious Indicators', 'SOC Suspicious').replace('"value":"50"', '"value":"40"');
  const r = await playSample(doc, 'samples/generic.json', { body: TOR, intel: intelOf([]) });
  assert.ok(r.effects.created.length >= 2);
  assert.deepEqual(new Set(r.effects.created.map((c) => `${c.owner}|${c.rating}|${c.confidence}`)), new Set(['SOC Suspicious|1|40']));
});

test('an indicator the intel file knows with a low CAL score is skipped, with why', async () => {
  const intel = intelOf([{ type: 'Address', summary: '185.220.101.4', owner: 'Common Community', rating: 0, confidence: 5, calScore: 30 }]);
  const r = await playSample(template(SERVICE), 'samples/generic.json', { body: TOR, intel });
  assert.deepEqual(r.effects.skipped, [
    {
      type: 'Address',
      value: '185.220.101.4',
      reason: 'Address 185.220.101.4 is already known to ThreatConnect (1 match(es) in Common Community; highest CAL score 30): not stored.',
    },
  ]);
  assert.ok(r.effects.created.some((c) => c.value === 'https://files.evil-cdn.example/payload.exe'));
  assert.ok(!r.effects.created.some((c) => c.value === '185.220.101.4'));
  assert.equal(r.effects.notifications.length, 1);
});

test('a known indicator with a high CAL score is not stored again either', async () => {
  const intel = intelOf([
    { type: 'URL', summary: 'https://files.evil-cdn.example/payload.exe', owner: 'Technical Blogs and Reports', rating: 5, confidence: 90, calScore: 910 },
  ]);
  const r = await playSample(template(SERVICE), 'samples/generic.json', { body: TOR, intel });
  assert.deepEqual(
    r.effects.skipped.map((s) => s.value),
    ['https://files.evil-cdn.example/payload.exe'],
  );
  assert.match(r.effects.skipped[0]!.reason, /Technical Blogs and Reports; highest CAL score 910/);
});

test('an alert with no indicators ends at the log branch: nothing stored, nobody notified', async () => {
  const body = json({ id: 'n-1', title: 'Disk almost full on db-01', severity: 'low', source: 'Ops' });
  for (const file of [SERVICE, HTTP_LINK]) {
    const r = await playSample(template(file), 'samples/generic.json', { body });
    assert.equal(r.ok, true, r.errors.join('\n'));
    assert.deepEqual(r.effects, { created: [], skipped: [], notifications: [] }, file);
    assert.deepEqual(r.runs[0]!.endedAt, ['Playbook › job 7 "No Indicators: Log and End"'], file);
    assert.deepEqual(
      r.runs[0]!.logs.at(-1),
      {
        level: 'INFO',
        message: 'Alert n-1 "Disk almost full on db-01" carried no indicators; nothing to enrich.',
        job: 'Playbook › job 7 "No Indicators: Log and End"',
      },
      file,
    );
  }
});

test('a batch: the second alert finds the indicator the first one stored, and skips it', async () => {
  const body = json([
    { id: 'b-1', title: 'Beacon', severity: 'high', description: 'beacon to 91.92.93.94 seen' },
    { id: 'b-2', title: 'Second beacon', severity: 'high', description: 'again 91.92.93.94' },
  ]);
  const r = await playSample(template(SERVICE), 'samples/generic.json', { body, intel: intelOf([]) });
  assert.equal(r.runs.length, 2);
  assert.deepEqual(
    r.effects.created.map((c) => c.value),
    ['91.92.93.94'],
  );
  assert.deepEqual(r.effects.skipped, [
    {
      type: 'Address',
      value: '91.92.93.94',
      reason: `Address 91.92.93.94 is already known to ThreatConnect (1 match(es) in ${OWNER}; highest CAL score none): not stored.`,
    },
  ]);
  assert.equal(r.effects.notifications.length, 2);
});

test('the HTTP Link template reads a normalised alert from the request body', async () => {
  const body = json({
    id: 'h-1',
    title: 'Phish',
    severity: 'medium',
    source: 'Mail gateway',
    indicators: [
      { type: 'EmailAddress', value: 'payroll@evil-mail.example' },
      { type: 'Host', value: 'evil-mail.example' },
    ],
  });
  const r = await playSample(template(HTTP_LINK), 'samples/generic.json', {
    body,
    intel: intelOf([{ type: 'Host', summary: 'evil-mail.example', owner: 'Common Community', calScore: 120 }]),
  });
  assert.deepEqual(
    r.effects.created.map((c) => [c.type, c.value, c.attributes[0]!.value]),
    [['EmailAddress', 'payroll@evil-mail.example', 'Alert Intake: Mail gateway alert h-1 "Phish"']],
  );
  assert.deepEqual(
    r.effects.skipped.map((s) => s.value),
    ['evil-mail.example'],
  );
  assert.equal(
    r.effects.notifications[0]!.message,
    'medium alert "Phish" (h-1) from Mail gateway: 2 indicator(s) checked, 1 stored as suspicious in Alert Intake Suspicious Indicators with tag Alert Intake, 1 already known to ThreatConnect.',
  );
});

test('a trigger that answers the sender runs no playbook: a filtered alert, a wrong secret', async () => {
  const low = await playSample(template(SERVICE), 'samples/generic.json', {
    body: json({ id: 'f-1', title: 'Low thing from 91.92.93.94', severity: 'low' }),
    inputs: { inputs: { source_preset: 'Generic JSON', min_severity: 'high' }, variables: {}, service: {}, source: 'test' },
  });
  assert.equal(low.trigger.outcome, 'responded');
  assert.equal(low.trigger.status, 200);
  assert.deepEqual(low.runs, []);
  assert.deepEqual(low.effects, { created: [], skipped: [], notifications: [] });
  const inputs = {
    inputs: { source_preset: 'Generic JSON', auth_mode: 'Shared Secret Header', auth_header: 'X-Hook', auth_secret: 'right-secret-value' },
    variables: {},
    service: {},
    source: 'test',
  };
  const wrong = await playSample(template(SERVICE), 'samples/generic.json', { inputs, sign: false, headers: [{ name: 'X-Hook', value: 'not-the-secret' }] });
  assert.deepEqual([wrong.trigger.outcome, wrong.trigger.status, wrong.runs.length], ['responded', 401, 0]);
  const signed = await playSample(template(SERVICE), 'samples/generic.json', { inputs, body: TOR, intel: intelOf([]) });
  assert.equal(signed.trigger.outcome, 'fired');
  assert.ok(signed.effects.created.some((c) => c.value === '185.220.101.4'));
});

test("the HTTP Link template keeps values and types aligned: an incomplete item is left out, never paired with another item's type", async () => {
  const body = json({
    id: 'm-1',
    title: 'mixed',
    severity: 'high',
    source: 'EDR',
    indicators: [
      { value: '91.92.93.94' },
      { type: 'Host', value: 'evil-mail.example' },
      { type: 'Address' },
      { type: 'URL', value: 'http://evil-mail.example/a' },
    ],
  });
  const r = await playSample(template(HTTP_LINK), 'samples/generic.json', { body, intel: intelOf([]) });
  assert.equal(r.ok, true, r.errors.join('\n'));
  assert.deepEqual(
    r.effects.created.map((c) => [c.type, c.value]),
    [
      ['Host', 'evil-mail.example'],
      ['URL', 'http://evil-mail.example/a'],
    ],
  );
  assert.match(r.effects.notifications[0]!.message, /: 2 indicator\(s\) checked, 2 stored as suspicious in /);
});
