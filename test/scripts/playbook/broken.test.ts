/**
 * Deliberately broken variants of the shipped templates, built here from the shipped files: each
 * run fails and the error names the job (inside the component when the break is there).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { component, HTTP_LINK, intelOf, jobByName, param, playSample, SERVICE, template, type Doc } from './helpers.js';

/** A normalised alert (what the HTTP Link template reads) that the App Service also accepts as Generic JSON. */
const NORMALISED = Buffer.from(
  JSON.stringify({ id: 'c-1', title: 'Beacon to 91.92.93.94', severity: 'high', source: 'EDR', indicators: [{ type: 'Address', value: '91.92.93.94' }] }),
);

async function failure(doc: Doc, body = NORMALISED): Promise<string> {
  const r = await playSample(doc, 'samples/generic.json', { body, intel: intelOf([]) });
  assert.equal(r.ok, false, 'the run should fail');
  assert.equal(r.errors.length >= 1, true);
  return r.errors[0]!;
}

const edge = (doc: Doc, from: number, to: number): Doc => {
  const e = (doc.playbookConnectionList as Doc[]).find((c) => c.sourceJobId === from && c.targetJobId === to);
  if (!e) throw new Error(`no edge ${from}→${to}`);
  return e;
};

test('an undefined variable (a misspelt output name) names the job that reads it', async () => {
  const doc = template(SERVICE);
  const notify = param(jobByName(doc, 'Notify Organization'), 'message');
  notify.value = (notify.value as string).replace('alert_intake.config.owner!', 'alert_intake.config.ownr!');
  const error = await failure(doc);
  assert.match(
    error,
    /job 6 "Notify Organization": undefined variable #App:1:alert_intake\.config\.ownr!String: job 1 "Set Business Rules" has no output alert_intake\.config\.ownr/,
  );
});

test('a variable read with the wrong type names the job', async () => {
  const doc = template(SERVICE);
  const it = param(jobByName(doc, 'For Each Indicator'), 'array_inputs');
  it.value = (it.value as string).replace('alert_intake.results.indicators!StringArray', 'alert_intake.results.indicators!String');
  const error = await failure(doc);
  assert.match(error, /job 4 "For Each Indicator": undefined variable #Trigger:100:alert_intake\.results\.indicators!String/);
});

test('a trigger output the App Service does not have names the job', async () => {
  const doc = template(SERVICE);
  const log = param(jobByName(doc, 'Log Alert Received'), 'log_message');
  log.value = `${String(log.value)} #Trigger:100:alert_intake.results.alert.priority!String`;
  assert.match(
    await failure(doc),
    /job 2 "Log Alert Received": undefined variable #Trigger:100:alert_intake\.results\.alert\.priority!String: trigger 100 "Alert Intake Webhook" has no output/,
  );
});

test('a JMESPath that fails names the job inside the component', async () => {
  for (const file of [SERVICE, HTTP_LINK]) {
    const doc = template(file);
    const decide = param(jobByName(component(doc), 'Decide: Unknown to ThreatConnect?'), 'string_expressions');
    decide.value = (decide.value as string).replace('length(data) == `0`', 'length(data[?calScore >= ]) == `0`');
    const error = await failure(doc);
    assert.match(
      error,
      /job 5 "Enrich, Decide and Store" › job \d+ "Decide: Unknown to ThreatConnect\?": JMESPath failed: expression for alert_intake\.enrich\.should_store failed/,
      file,
    );
  }
});

test('a JMESPath that reads a field the payload lacks fails when fail_on_no_results is true', async () => {
  const doc = template(HTTP_LINK);
  const parse = jobByName(doc, 'Parse Alert Payload');
  param(parse, 'fail_on_no_results').value = 'true';
  const error = await failure(doc, Buffer.from('{"id": "x", "title": "no indicators here"}'));
  assert.match(error, /job 2 "Parse Alert Payload": JMESPath failed: expression for alert_intake\.results\.indicators found nothing/);
});

test('a connection wired backwards leaves its target unreachable, named', async () => {
  const doc = template(SERVICE);
  const e = edge(doc, 3, 4);
  [e.sourceJobId, e.targetJobId] = [4, 3];
  assert.match(await failure(doc), /job 4 "For Each Indicator": cannot be reached from the trigger — is a connection wired backwards\?/);
});

test('a decision wired before the step that computes it names the If / Else', async () => {
  const doc = template(SERVICE);
  const pipe = component(doc);
  const [lookUp, decide, storeIt] = ['Look Up Indicator in ThreatConnect', 'Decide: Unknown to ThreatConnect?', 'Store It?'].map(
    (n) => jobByName(pipe, n).id as number,
  );
  // Look Up → Store It? → Decide, instead of Look Up → Decide → Store It?
  edge(pipe, lookUp!, decide!).targetJobId = storeIt;
  const e = edge(pipe, decide!, storeIt!);
  [e.sourceJobId, e.targetJobId] = [storeIt, decide];
  const error = await failure(doc);
  assert.match(
    error,
    /job 5 "Enrich, Decide and Store" › job \d+ "Store It\?": undefined variable #App:\d+:alert_intake\.enrich\.should_store!String: job \d+ "Decide: Unknown to ThreatConnect\?" has not run on this path/,
  );
});

test('a loop wired backwards (StartLoop and EndLoop swapped) names the job', async () => {
  const doc = template(SERVICE);
  for (const c of doc.playbookConnectionList as Doc[]) {
    if (c.type === 'StartLoop') Object.assign(c, { sourceJobId: 5, targetJobId: 4, isCircularOnTarget: true });
    else if (c.type === 'EndLoop') Object.assign(c, { sourceJobId: 4, targetJobId: 5, isCircularOnTarget: false });
  }
  assert.match(await failure(doc), /job 5 "Enrich, Decide and Store": starts a loop \(StartLoop\) but is not an Iterator/);
});

test('an If / Else whose branches are swapped does not fail, but its effects give it away', async () => {
  const doc = template(SERVICE);
  const storeIt = jobByName(component(doc), 'Store It?').id as number;
  for (const c of component(doc).playbookConnectionList as Doc[]) {
    if (c.sourceJobId === storeIt) c.type = c.type === 'Pass' ? 'Fail' : 'Pass';
  }
  const r = await playSample(doc, 'samples/generic.json', { body: NORMALISED, intel: intelOf([]) });
  assert.equal(r.ok, true);
  assert.deepEqual(r.effects.created, [], 'the unknown indicator is no longer stored');
  assert.equal(r.effects.skipped.length, 1);
});

test('an app the runner does not implement stops the run, naming the job and the app', async () => {
  const doc = template(SERVICE);
  jobByName(doc, 'Log Alert Received').appCatalogItem = { programName: 'TCPB - Slack Messaging v1.0', displayName: 'Slack Messaging', programVersion: '1.0.3' };
  assert.match(
    await failure(doc),
    /job 2 "Log Alert Received": app "TCPB - Slack Messaging v1\.0" \(Slack Messaging 1\.0\.3\) is not one the offline runner plays/,
  );
});

test('a component the template does not embed names the calling job', async () => {
  const doc = template(HTTP_LINK);
  doc.exportablePipes = [];
  assert.match(
    await failure(doc),
    /job 5 "Enrich, Decide and Store": calls component [0-9a-f]{32} \("Alert Intake - Enrich, Decide and Store"\), which is not embedded/,
  );
});

test('a bad business rule (rating 7) fails the create job inside the component', async () => {
  const doc = template(SERVICE);
  const rules = param(jobByName(doc, 'Set Business Rules'), 'variable_mapping');
  rules.value = (rules.value as string).replace('"alert_intake.config.rating","value":"1"', '"alert_intake.config.rating","value":"7"');
  assert.match(
    await failure(doc),
    /job 5 "Enrich, Decide and Store" › job \d+ "Create Suspicious Indicator": Create ThreatConnect Indicator failed: rating "7" must be a number from 0 to 5/,
  );
});
