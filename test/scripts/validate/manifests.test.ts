import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collector, type Finding } from '../../../scripts/lib/validate/finding.js';
import { checkInstallJson, type InstallDoc } from '../../../scripts/lib/validate/install-json.js';
import { checkLayoutJson } from '../../../scripts/lib/validate/layout-json.js';
import { clone, errorRules, fixture, allRules } from './helpers.js';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const install = fixture<Doc>('install.json');
const layout = fixture<Doc>('layout.json');

function runInstall(doc: unknown, layoutExists = true): Finding[] {
  const findings: Finding[] = [];
  checkInstallJson(doc, collector('install.json', findings), { layoutExists, slug: 'alert_intake' });
  return findings;
}
function runLayout(doc: unknown, inst: Doc = install): Finding[] {
  const findings: Finding[] = [];
  checkLayoutJson(doc, inst as InstallDoc, collector('layout.json', findings));
  return findings;
}

test('the passing fixtures have no findings', () => {
  assert.deepEqual(runInstall(install), []);
  assert.deepEqual(runLayout(layout), []);
});

const installCases: Array<[string, string, (d: Doc) => void]> = [
  ['IJ002', 'programLanguage NODE', (d) => (d.programLanguage = 'NODE')],
  ['IJ002', 'appId not a UUID', (d) => (d.appId = 'not-a-uuid')],
  ['IJ002', 'programVersion not semver', (d) => (d.programVersion = '1.0')],
  ['IJ002', 'missing runtimeLevel', (d) => delete d.runtimeLevel],
  ['IJ002', 'camelCase input name', (d) => (d.params[0].name = 'sourcePreset')],
  ['IJ003', 'duplicate input name', (d) => (d.params[1].name = 'source_preset')],
  ['IJ004', 'duplicate sequence', (d) => (d.params[1].sequence = 1)],
  ['IJ005', 'duplicate output', (d) => d.playbook.outputVariables.push({ ...d.playbook.outputVariables[0] })],
  ['IJ006', 'marshall without webhook runtime', (d) => ((d.runtimeLevel = 'TriggerService'), d.features.push('webhookResponseMarshall'))],
  ['IJ006', 'unknown runtime level', (d) => (d.runtimeLevel = 'Daemon')],
  ['IJ007', 'camelCase output', (d) => (d.playbook.outputVariables[0].name = 'alert_intake.response.jsonRaw')],
  ['IJ007', 'output without the slug', (d) => (d.playbook.outputVariables[0].name = 'other.response.raw')],
  ['IJ008', 'secret not encrypted', (d) => (d.params[3].encrypt = false)],
  ['IJ009', 'secret with a default', (d) => (d.params[3].default = 'hunter2hunter2')],
  ['IJ010', 'input without help note', (d) => delete d.params[2].note],
  ['IJ011', 'choice default not in validValues', (d) => (d.params[0].default = 'Nope')],
  ['IJ013', 'no outputs', (d) => (d.playbook.outputVariables = [])],
  ['IJ014', 'playbook without type (tcex: "playbook -> type field required")', (d) => delete d.playbook.type],
  ['IJ002', 'output variable without type (the schema reports it; IJ014 not repeated)', (d) => delete d.playbook.outputVariables[0].type],
  ['IJ014', 'retry without its required delays', (d) => (d.playbook.retry = { allowed: true })],
  ['IJ002', 'param type not in the enum, case matters (schema; IJ014 not repeated)', (d) => (d.params[0].type = 'choice')],
  ['IJ014', 'numeric default (tcex: bool or string)', (d) => (d.params[2].default = 5)],
  ['IJ014', 'exposePlaybookKeyAs not a tcex value', (d) => (d.params[0].exposePlaybookKeyAs = 'Text')],
  ['IJ014', 'sdkVersion not a version', (d) => (d.sdkVersion = 'latest')],
  ['IJ014', 'displayPath too short', (d) => (d.displayPath = 'ab')],
  ['IJ016', 'no sdkVersion (legacy 2.0.0 to tcex)', (d) => delete d.sdkVersion],
];

for (const [rule, name, mutate] of installCases) {
  test(`install.json ${rule}: ${name}`, () => {
    const doc = clone(install);
    mutate(doc);
    const findings = runInstall(doc);
    assert.ok(errorRules(findings).includes(rule), `expected ${rule}, got ${JSON.stringify(findings)}`);
    for (const f of findings) {
      assert.match(f.jsonPath, /^\$/);
      assert.ok(f.hint.length > 0);
    }
  });
}

test('install.json IJ006: layoutEnabledApp without layout.json, and an unknown feature warns', () => {
  assert.ok(errorRules(runInstall(install, false)).includes('IJ006'));
  const doc = clone(install);
  doc.features.push('madeUpFeature');
  const f = runInstall(doc);
  assert.deepEqual(errorRules(f), []);
  assert.ok(allRules(f).includes('IJ006'));
});

test('install.json IJ014: a required key the schema also requires is reported once', () => {
  const doc = clone(install);
  delete doc.runtimeLevel;
  const at = runInstall(doc).filter((f) => f.jsonPath === '$.runtimeLevel');
  assert.deepEqual(
    at.map((f) => f.rule),
    ['IJ002'],
  );
});

test('install.json IJ015: keys tcex would silently ignore warn, at any depth', () => {
  const doc = clone(install);
  doc.sdkversion = '4.0.0';
  doc.params[0].defualt = 'Splunk';
  doc.playbook.outputVariable = [];
  const f = runInstall(doc);
  assert.deepEqual(errorRules(f), []);
  assert.deepEqual(
    f
      .filter((x) => x.rule === 'IJ015')
      .map((x) => x.jsonPath)
      .sort(),
    ['$.params[0].defualt', '$.playbook.outputVariable', '$.sdkversion'],
  );
  assert.ok(f.every((x) => x.rule !== 'IJ015' || x.severity === 'warning'));
});

test('install.json IJ016: a pre-4 sdkVersion only warns', () => {
  const doc = clone(install);
  doc.sdkVersion = '3.0.0';
  const f = runInstall(doc);
  assert.deepEqual(errorRules(f), []);
  assert.ok(allRules(f).includes('IJ016'));
});

const layoutCases: Array<[string, string, (d: Doc) => void]> = [
  ['LJ002', 'section without title', (d) => delete d.inputs[0].title],
  ['LJ003', 'parameter not in install.json', (d) => d.inputs[0].parameters.push({ name: 'ghost' })],
  ['LJ004', 'service-level input in the layout', (d) => d.inputs[0].parameters.push({ name: 'max_body_bytes' })],
  ['LJ005', 'input missing from the layout', (d) => d.inputs[0].parameters.pop()],
  ['LJ005', 'input placed twice', (d) => d.inputs[1].parameters.push({ name: 'source_preset' })],
  ['LJ006', 'undeclared layout output', (d) => d.outputs.push({ name: 'alert_intake.nope' })],
  ['LJ007', 'display clause syntax error', (d) => (d.inputs[1].parameters[1].display = "auth_mode IN ('HMAC Signature'")],
  ['LJ008', 'display clause unknown input', (d) => (d.inputs[1].parameters[1].display = "authmode = 'HMAC Signature'")],
  ['LJ009', 'duplicate section sequence', (d) => (d.inputs[1].sequence = 1)],
];

for (const [rule, name, mutate] of layoutCases) {
  test(`layout.json ${rule}: ${name}`, () => {
    const doc = clone(layout);
    mutate(doc);
    const findings = runLayout(doc);
    assert.ok(errorRules(findings).includes(rule), `expected ${rule}, got ${JSON.stringify(findings)}`);
  });
}
