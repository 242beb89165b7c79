import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collector, type Finding } from '../../../scripts/lib/validate/finding.js';
import { checkTemplate } from '../../../scripts/lib/validate/template.js';
import { buildComponent } from '../../../scripts/lib/templates/component.js';
import { CATALOG } from '../../../scripts/lib/templates/catalog.js';
import { buildHttpLinkTemplate, buildServiceTemplate } from '../../../scripts/lib/templates/playbooks.js';
import type { InstallJson } from '../../../scripts/lib/templates/service-trigger.js';
import { allRules, clone, errorRules, fixture } from './helpers.js';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const install = fixture<InstallJson>('install.json');
const service = () => clone(buildServiceTemplate(install)) as unknown as Doc;
const httpLink = () => clone(buildHttpLinkTemplate()) as unknown as Doc;
const component = () => clone(buildComponent()) as unknown as Doc;

function check(doc: unknown, inst: InstallJson | null = install): Finding[] {
  const findings: Finding[] = [];
  checkTemplate(doc, { install: inst, shipped: true }, collector('t.pbx', findings));
  return findings;
}

test('the generated templates and the component pass every check with no finding', () => {
  assert.deepEqual(check(service()), []);
  assert.deepEqual(check(httpLink()), []);
  assert.deepEqual(check(component()), []);
});

test('business values are pinned: owner, threat rating 1, confidence 50 in one node', () => {
  const rules = service().jobList.find((j: Doc) => j.name === 'Set Business Rules');
  const mapping = JSON.parse(rules.jobParameterList[0].value) as Array<{ key: string; value: string }>;
  const values = Object.fromEntries(mapping.map((m) => [m.key, m.value]));
  assert.equal(values['alert_intake.config.rating'], '1');
  assert.equal(values['alert_intake.config.confidence'], '50');
  assert.ok(values['alert_intake.config.owner']);
});

const job = (d: Doc, name: string) => d.jobList.find((j: Doc) => j.name === name);
const param = (j: Doc, name: string) => j.jobParameterList.find((p: Doc) => p.appCatalogItemParameter.paramName === name);

const cases: Array<[string, string, () => Doc, (d: Doc) => void]> = [
  ['S2', 'no name', service, (d) => (d.name = '')],
  ['S2', 'jobList not a list', service, (d) => (d.jobList = {})],
  ['S2', 'bad log level', service, (d) => (d.logLevel = 'LOUD')],
  ['S3', 'two triggers', service, (d) => d.playbookTriggerList.push({ ...d.playbookTriggerList[0], id: 101 })],
  ['S3', 'component with no PipeConfig', component, (d) => (d.playbookTriggerList[0].type = 'HttpLink')],
  ['S4', 'duplicate job id', service, (d) => (d.jobList[1].id = d.jobList[0].id)],
  ['S5', 'programVersion not semver', service, (d) => (d.jobList[0].appCatalogItem.programVersion = 'latest')],
  ['S5', 'duplicate parameter', service, (d) => d.jobList[0].jobParameterList.push(clone(d.jobList[0].jobParameterList[0]))],
  ['S6', 'KeyValue list is not JSON', service, (d) => (param(job(d, 'Set Business Rules'), 'variable_mapping').value = 'owner=x')],
  ['S6', 'trigger outputVariables not JSON', httpLink, (d) => (d.playbookTriggerList[0].outputVariables = '[{')],
  ['R1', 'dangling connection', service, (d) => d.playbookConnectionList.push({ type: 'Pass', isCircularOnTarget: false, sourceJobId: 1, targetJobId: 999 })],
  ['R1', 'connection with two sources', service, (d) => (d.playbookConnectionList[1].sourceTriggerId = 100)],
  ['R2', 'Fail edge from a trigger', service, (d) => (d.playbookConnectionList[0].type = 'Fail')],
  ['R2', 'EndLoop not flagged circular', service, (d) => (d.playbookConnectionList.find((e: Doc) => e.type === 'EndLoop').isCircularOnTarget = false)],
  ['R2', 'StartLoop not from an Iterator', service, (d) => (d.playbookConnectionList.find((e: Doc) => e.type === 'StartLoop').sourceJobId = 3)],
  [
    'R3',
    'return edge to a service trigger',
    service,
    (d) => d.playbookConnectionList.push({ type: 'Pass', isCircularOnTarget: true, sourceJobId: 6, targetTriggerId: 100 }),
  ],
  [
    'R4',
    'unreachable job',
    service,
    (d) => (d.playbookConnectionList = d.playbookConnectionList.filter((e: Doc) => !(e.sourceJobId === 8 && e.targetJobId === 6))),
  ],
  ['R5', 'duplicate edge', service, (d) => d.playbookConnectionList.push(clone(d.playbookConnectionList[1]))],
  ['R5', 'self loop', service, (d) => d.playbookConnectionList.push({ type: 'Pass', isCircularOnTarget: false, sourceJobId: 1, targetJobId: 1 })],
  ['R6', 'If / Else with an unknown operator', service, (d) => (param(job(d, 'Any Indicators?'), 'operator').value = 'roughly')],
  ['R6', 'If / Else missing a parameter', service, (d) => job(d, 'Any Indicators?').jobParameterList.pop()],
  ['V1', 'malformed variable', service, (d) => (param(job(d, 'Notify Organization'), 'message').value += ' #App:1:bad name!String')],
  ['V2', 'reference to a deleted job', service, (d) => (param(job(d, 'Notify Organization'), 'message').value += ' #App:77:x!String')],
  [
    'V3',
    'reference to a downstream job',
    service,
    (d) =>
      (param(job(d, 'Set Business Rules'), 'variable_mapping').value = JSON.stringify([
        { key: 'alert_intake.config.owner', value: '#App:6:x!String' },
        { key: 'alert_intake.config.rating', value: '1' },
        { key: 'alert_intake.config.confidence', value: '50' },
      ])),
  ],
  [
    'V4',
    'an output the app does not declare',
    service,
    (d) => (param(job(d, 'Notify Organization'), 'message').value += ' #Trigger:100:alert_intake.results.nope!String'),
  ],
  [
    'V4',
    'an undeclared Set Variable key',
    service,
    (d) => (param(job(d, 'Notify Organization'), 'message').value += ' #App:1:alert_intake.config.nope!String'),
  ],
  [
    'V5',
    'wrong type for a declared output',
    service,
    (d) => (param(job(d, 'Notify Organization'), 'message').value += ' #Trigger:100:alert_intake.results.indicators!String'),
  ],
  ['V6', 'unknown global', service, (d) => (param(job(d, 'Notify Organization'), 'message').value += ' #Global:0:gbl.nope!String')],
  ['C1', 'component inputs not mirrored', component, (d) => (d.playbookTriggerList[0].outputVariables = '[]')],
  [
    'C1',
    'component outputs without a return edge',
    component,
    (d) => (d.playbookConnectionList = d.playbookConnectionList.filter((e: Doc) => e.targetTriggerId === undefined)),
  ],
  [
    'C1',
    'required component input not set',
    service,
    (d) => (job(d, 'Enrich, Decide and Store').jobParameterList = job(d, 'Enrich, Decide and Store').jobParameterList.slice(1)),
  ],
  ['C2', 'component not embedded', service, (d) => (d.exportablePipes = [])],
  [
    'C2',
    'parameter the component does not have',
    service,
    (d) => job(d, 'Enrich, Decide and Store').jobParameterList.push({ appCatalogItemParameter: { paramName: 'extra' }, value: 'x' }),
  ],
  [
    'H1',
    'basic-auth credentials exported',
    httpLink,
    (d) => ((d.playbookTriggerList[0].httpBasicAuthUsername = 'admin'), (d.playbookTriggerList[0].httpBasicAuthPassword = 'hunter2')),
  ],
  ['H1', 'API key literal', service, (d) => (param(job(d, 'Notify Organization'), 'message').value += ' api_key=AKIAABCDEFGHIJKLMNOP1234')],
  [
    'H1',
    'literal in an encrypted service input',
    service,
    (d) => (d.playbookTriggerList[0].jobParameterList.find((p: Doc) => p.appCatalogItemParameter.paramName === 'auth_secret').value = 'plain-secret'),
  ],
  ['H2', 'personal recipient', service, (d) => (param(job(d, 'Notify Organization'), 'message').value += ' ${USERS:jdoe}')],
  ['H2', 'personal email', service, (d) => (param(job(d, 'Notify Organization'), 'message').value += ' cc jane.doe@example.com')],
  ['H2', 'instance catalog id', service, (d) => (d.jobList[0].appCatalogItem.id = 12345)],
  ['H3', 'unpinned app version', service, (d) => (d.jobList[0].appCatalogItem.programVersion = '1.0.5')],
  ['H3', 'app outside the dependency list', service, (d) => (d.jobList[0].appCatalogItem.programName = 'TCPB - Mystery v1')],
  ['H3', 'service trigger version differs from the app', service, (d) => (d.playbookTriggerList[0].appCatalogItem.programVersion = '0.9.0')],
  [
    'H4',
    'rating not pinned to 1',
    service,
    (d) =>
      (param(job(d, 'Set Business Rules'), 'variable_mapping').value = JSON.stringify([
        { key: 'alert_intake.config.owner', value: 'X' },
        { key: 'alert_intake.config.rating', value: '3' },
        { key: 'alert_intake.config.confidence', value: '50' },
        { key: 'alert_intake.config.tag', value: 't' },
      ])),
  ],
  [
    'S7',
    'a parameter of the pinned version left out',
    httpLink,
    (d) =>
      (job(d, 'Parse Alert Payload').jobParameterList = job(d, 'Parse Alert Payload').jobParameterList.filter(
        (p: Doc) => p.appCatalogItemParameter.paramName !== 'strip_json',
      )),
  ],
  [
    'S7',
    'a parameter the pinned version does not have',
    service,
    (d) => job(d, 'Notify Organization').jobParameterList.push({ appCatalogItemParameter: { paramName: 'recipient_list' } }),
  ],
  ['S8', 'Logger level in lower case', service, (d) => (param(job(d, 'No Indicators: Log and End'), 'logging').value = 'info')],
  [
    'S8',
    'Logger level in the component',
    service,
    (d) =>
      (param(
        d.exportablePipes[0].jobList.find((j: Doc) => j.name === 'Already Known: Log and Skip'),
        'logging',
      ).value = 'debug'),
  ],
  [
    'S9',
    'Iterator without its array_outputs in outputVariables',
    service,
    (d) =>
      (job(d, 'For Each Indicator').outputVariables = JSON.stringify([
        { name: 'indicator.value', type: 'String' },
        { name: 'indicator.type', type: 'String' },
      ])),
  ],
  ['S10', 'no ROI metadata', service, (d) => delete d.roiMinutes],
  ['S10', 'no ROI metadata on the embedded component', service, (d) => delete d.exportablePipes[0].roiDollarsPerHour],
  ['C3', "embedded component reusing the playbook's job ids", service, (d) => (d.exportablePipes[0].jobList[0].id = 1)],
  [
    'C4',
    'component input with a note',
    component,
    (d) =>
      (d.playbookTriggerList[0].pipeInputParams = JSON.stringify(
        JSON.parse(d.playbookTriggerList[0].pipeInputParams).map((p: Doc) => ({ ...p, note: 'help' })),
      )),
  ],
  [
    'C4',
    'component input with hasDollarVariables true',
    component,
    (d) =>
      (d.playbookTriggerList[0].pipeInputParams = JSON.stringify(
        JSON.parse(d.playbookTriggerList[0].pipeInputParams).map((p: Doc) => ({ ...p, hasDollarVariables: true })),
      )),
  ],
  [
    'C4',
    'component input with playbookVariable true',
    component,
    (d) =>
      (d.playbookTriggerList[0].pipeInputParams = JSON.stringify(
        JSON.parse(d.playbookTriggerList[0].pipeInputParams).map((p: Doc) => ({ ...p, playbookVariable: true })),
      )),
  ],
  [
    'C4',
    'orderSequence counted from 1',
    component,
    (d) =>
      (d.playbookTriggerList[0].pipeInputParams = JSON.stringify(
        JSON.parse(d.playbookTriggerList[0].pipeInputParams).map((p: Doc) => ({ ...p, orderSequence: p.orderSequence + 1 })),
      )),
  ],
  [
    'C5',
    'pipeOutputParams displayValue not the value',
    component,
    (d) =>
      (d.playbookTriggerList[0].pipeOutputParams = JSON.stringify(
        JSON.parse(d.playbookTriggerList[0].pipeOutputParams).map((o: Doc) => ({ ...o, displayValue: 'Decision' })),
      )),
  ],
];

for (const [rule, name, base, mutate] of cases) {
  test(`template ${rule}: ${name}`, () => {
    const doc = base();
    mutate(doc);
    const findings = check(doc);
    assert.ok(errorRules(findings).includes(rule), `expected error ${rule}, got ${JSON.stringify(findings.map((f) => [f.rule, f.severity, f.message]))}`);
    for (const f of findings) assert.match(f.jsonPath, /^\$/);
  });
}

test('template H5 and R3 (HttpLink return) are warnings', () => {
  const d = httpLink();
  d.logLevel = 'TRACE';
  d.priority = 6;
  d.jobList[2].name = 'x';
  d.playbookConnectionList.push({ type: 'Pass', isCircularOnTarget: true, sourceJobId: 6, targetTriggerId: 100 });
  const findings = check(d);
  assert.deepEqual(errorRules(findings), []);
  assert.deepEqual(allRules(findings), ['H5', 'R3']);
});

test('a template referencing an output the app does not declare fails against the real outputs', () => {
  const inst = clone(install);
  inst.playbook!.outputVariables = inst.playbook!.outputVariables!.filter((o) => o.name !== 'alert_intake.results.indicators.types');
  assert.ok(errorRules(check(service(), inst)).includes('V4'));
});

test('shaped like real exports: full parameter lists, upper-case Logger levels, disjoint ids, component params', () => {
  const d = service();
  for (const j of [...d.jobList, ...d.exportablePipes[0].jobList]) {
    const app = CATALOG.find((a) => a.programName === j.appCatalogItem.programName);
    if (app)
      assert.deepEqual(
        j.jobParameterList.map((p: Doc) => p.appCatalogItemParameter.paramName),
        Object.keys(app.parameters),
        j.name,
      );
    if (j.appCatalogItem.programName === 'Logger') assert.equal(param(j, 'logging').value, 'INFO');
  }
  const parentIds = [...d.jobList, ...d.playbookTriggerList].map((n: Doc) => n.id);
  const componentIds = [...d.exportablePipes[0].jobList, ...d.exportablePipes[0].playbookTriggerList].map((n: Doc) => n.id);
  assert.deepEqual(
    parentIds.filter((id: number) => componentIds.includes(id)),
    [],
  );
  const trigger = d.exportablePipes[0].playbookTriggerList[0];
  const inputs = JSON.parse(trigger.pipeInputParams) as Doc[];
  assert.deepEqual(
    inputs.map((p) => p.orderSequence),
    inputs.map((_, i) => i),
  );
  assert.ok(inputs.every((p) => !('note' in p) && p.hasDollarVariables === false && p.playbookVariable === false));
  for (const o of JSON.parse(trigger.pipeOutputParams) as Doc[]) assert.equal(o.displayValue, o.value);
  const loop = JSON.parse(job(d, 'For Each Indicator').outputVariables) as Doc[];
  assert.ok(loop.some((o) => o.name === 'alert_intake.loop.decisions' && o.type === 'StringArray'));
  assert.equal(typeof d.roiDollarsPerHour, 'number');
  assert.equal(typeof d.roiMinutes, 'number');
});

test('the component stores only what ThreatConnect does not know; the "Already Known" log line says where it is known and its CAL score', () => {
  const c = component();
  const decide = c.jobList.find((j: Doc) => j.name === 'Decide: Unknown to ThreatConnect?');
  const expressions = Object.fromEntries(
    (JSON.parse(param(decide, 'string_expressions').value) as Array<{ key: string; value: string }>).map((e) => [e.key, e.value]),
  );
  assert.equal(expressions['alert_intake.enrich.should_store'], 'to_string(length(data) == `0`)');
  assert.equal(expressions['alert_intake.enrich.cal_score'], "to_string(max(data[].calScore) || 'none')");
  const log = param(
    c.jobList.find((j: Doc) => j.name === 'Already Known: Log and Skip'),
    'log_message',
  ).value as string;
  assert.match(log, /in #App:\d+:alert_intake\.enrich\.owners!String; highest CAL score #App:\d+:alert_intake\.enrich\.cal_score!String\): not stored\.$/);
});
