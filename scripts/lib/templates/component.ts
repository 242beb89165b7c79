/**
 * The reusable Component: look one indicator up in ThreatConnect (with CAL/ThreatAssess), decide,
 * store it as suspicious in the business owner, and return the decision. Both templates call it
 * inside their Iterator loop and embed it, as exports do.
 */
import { APPS, type CatalogApp } from './catalog.js';
import { appVar, edge, job, kv, ROI, trgVar } from './builders.js';
import type { Playbook } from './model.js';

/** Component id: fixed (the platform assigns its own on import; any 32-hex value is accepted). */
export const COMPONENT_ID = '6a1e7b0c2d9f4e3a8b5c1d0e9f7a6b5c';
export const COMPONENT_NAME = 'Alert Intake - Enrich, Decide and Store';
/**
 * The component's ids: its trigger 200 and its jobs 201–208, disjoint from the parent playbook's
 * (trigger 100, jobs 1–8), as in every real export that embeds a component.
 */
export const COMPONENT_TRIGGER = 200;
const J = (n: number) => COMPONENT_TRIGGER + n;
export const DECISION_OUTPUT = 'alert_intake.enrich.decision';

const INPUTS: Array<{ name: string; label: string; note: string }> = [
  { name: 'indicator_value', label: 'Indicator Value', note: 'The indicator, e.g. 203.0.113.7 or evil.example.' },
  { name: 'indicator_type', label: 'Indicator Type', note: 'ThreatConnect type: Address, Host, URL, EmailAddress, File or CVE.' },
  { name: 'owner', label: 'Owner', note: 'The owner (Source) the suspicious indicator is created in.' },
  { name: 'rating', label: 'Threat Rating', note: 'Threat rating of the created indicator (1 = Suspicious).' },
  { name: 'confidence', label: 'Confidence', note: 'Confidence of the created indicator (0-100).' },
  { name: 'tag', label: 'Tag', note: 'Tag applied to the created indicator.' },
  { name: 'source', label: 'Source Description', note: 'Text for the Source attribute, naming the alert.' },
];

export const COMPONENT_APP: CatalogApp = {
  programName: COMPONENT_ID,
  displayName: COMPONENT_NAME,
  programVersion: '1.0.0',
  parameters: Object.fromEntries(INPUTS.map((i) => [i.name, null])),
  outputs: [{ name: DECISION_OUTPUT, type: 'String' }],
};

const input = (name: string) => trgVar(COMPONENT_TRIGGER, name);

/** Real exports carry no help note on a component input: the notes go into the description. */
const INPUT_HELP = INPUTS.map((i) => `- **${i.label}** (\`${i.name}\`): ${i.note}`).join('\n');

/** A component input as modern exports write it (§ "Checked against 157 real exports"). */
function pipeInput(i: { name: string; label: string }, orderSequence: number) {
  return {
    uiHidden: false,
    allowMultiple: false,
    serviceConfig: false,
    label: i.label,
    dataType: 'String',
    playbookDataType: 'String',
    required: true,
    name: i.name,
    encrypted: false,
    viewRows: 1,
    orderSequence,
    hidden: false,
    hasDollarVariables: false,
    playbookVariable: false,
    validValuesList: ['${TEXT}'],
    variableTypes: [],
  };
}

export function buildComponent(): Playbook {
  const S = APPS;
  return {
    name: COMPONENT_NAME,
    type: 'Component',
    description: `Looks one indicator up in ThreatConnect with CAL/ThreatAssess. When ThreatConnect does not know it yet, creates it as a suspicious indicator (given owner, rating, confidence, tag, Source attribute); a known one (any owner, with its CAL score) is logged and skipped. Returns alert_intake.enrich.decision = "stored" or "skipped".\n\nInputs:\n${INPUT_HELP}`,
    version: '1.0',
    comment: 'Alert Intake template 1.0.0',
    logLevel: 'WARN',
    ...ROI,
    priority: 3,
    panX: 0,
    panY: 0,
    zoom: 1,
    playbookLabels: [{ playbookLabelType: { label: 'Alert Intake' } }],
    playbookScopeVariables: [],
    exportablePipes: [],
    playbookTriggerList: [
      {
        id: COMPONENT_TRIGGER,
        name: 'Component Trigger',
        type: 'PipeConfig',
        eventType: 'External',
        locationLeft: -400,
        locationTop: 0,
        anyOrg: true,
        playbookTriggerFilterList: [],
        pipeInputParams: JSON.stringify(INPUTS.map(pipeInput)),
        pipeOutputParams: JSON.stringify([{ key: DECISION_OUTPUT, value: appVar(J(8), DECISION_OUTPUT), displayValue: appVar(J(8), DECISION_OUTPUT) }]),
        outputVariables: JSON.stringify(INPUTS.map((i) => ({ name: i.name, type: 'String' }))),
      },
    ],
    jobList: [
      job(
        J(1),
        'Look Up Indicator in ThreatConnect',
        S.tcApi,
        {
          http_method: 'GET',
          url: '/v3/indicators',
          params: kv({ tql: `summary EQ "${input('indicator_value')}"`, fields: 'threatAssess' }),
          headers: '[]',
          fail_on_error: 'true',
        },
        [-200, 0],
        S.tcApi.outputs,
      ),
      job(
        J(2),
        'Decide: Unknown to ThreatConnect?',
        S.jmespath,
        {
          json_data: appVar(J(1), 'tc.api.content'),
          string_expressions: kv({
            'alert_intake.enrich.match_count': 'to_string(length(data))',
            // Store only what ThreatConnect does not know yet: a known indicator (any owner, any CAL
            // score) already correlates; a low CAL score means likely benign, a high one already known bad.
            'alert_intake.enrich.should_store': 'to_string(length(data) == `0`)',
            'alert_intake.enrich.owners': "join(', ', data[].ownerName)",
            'alert_intake.enrich.cal_score': "to_string(max(data[].calScore) || 'none')",
          }),
          string_array_expressions: '[]',
          strip_quotes: 'true',
          fail_on_no_results: 'false',
          fail_on_jmes_expression: 'true',
        },
        [0, 0],
        [
          { name: 'alert_intake.enrich.match_count', type: 'String' },
          { name: 'alert_intake.enrich.should_store', type: 'String' },
          { name: 'alert_intake.enrich.owners', type: 'String' },
          { name: 'alert_intake.enrich.cal_score', type: 'String' },
        ],
      ),
      job(
        J(3),
        'Store It?',
        S.ifElse,
        {
          operand_1: appVar(J(2), 'alert_intake.enrich.should_store'),
          operator: 'equals',
          operand_2: 'true',
          as_numeric: 'false',
          match_case: 'false',
        },
        [200, 0],
      ),
      job(
        J(4),
        'Create Suspicious Indicator',
        S.indicatorCreate,
        {
          owner: input('owner'),
          resource_type: input('indicator_type'),
          resource_values: input('indicator_value'),
          rating: input('rating'),
          confidence: input('confidence'),
          tags: input('tag'),
          attributes: kv({ Source: input('source') }),
          use_batch: 'false',
          batch_halt_on_error: 'false',
        },
        [400, -100],
      ),
      job(
        J(5),
        'Already Known: Log and Skip',
        S.logger,
        {
          logging: 'INFO',
          log_message: `${input('indicator_type')} ${input('indicator_value')} is already known to ThreatConnect (${appVar(J(2), 'alert_intake.enrich.match_count')} match(es) in ${appVar(J(2), 'alert_intake.enrich.owners')}; highest CAL score ${appVar(J(2), 'alert_intake.enrich.cal_score')}): not stored.`,
        },
        [400, 100],
        S.logger.outputs,
      ),
      job(
        J(6),
        'Mark Stored',
        S.setVariable,
        { variable_mapping: kv({ 'alert_intake.enrich.stored': 'stored' }) },
        [600, -100],
        [{ name: 'alert_intake.enrich.stored', type: 'String' }],
      ),
      job(
        J(7),
        'Mark Skipped',
        S.setVariable,
        { variable_mapping: kv({ 'alert_intake.enrich.skipped': 'skipped' }) },
        [600, 100],
        [{ name: 'alert_intake.enrich.skipped', type: 'String' }],
      ),
      job(
        J(8),
        'Merge Decision',
        S.merge,
        {
          output_array: kv({ [DECISION_OUTPUT]: `${appVar(J(6), 'alert_intake.enrich.stored')} ${appVar(J(7), 'alert_intake.enrich.skipped')}` }),
        },
        [800, 0],
        [{ name: DECISION_OUTPUT, type: 'String' }],
      ),
    ],
    playbookConnectionList: [
      edge('Pass', { trigger: COMPONENT_TRIGGER }, { job: J(1) }),
      edge('Pass', { job: J(1) }, { job: J(2) }),
      edge('Pass', { job: J(2) }, { job: J(3) }),
      edge('Pass', { job: J(3) }, { job: J(4) }),
      edge('Fail', { job: J(3) }, { job: J(5) }),
      edge('Pass', { job: J(4) }, { job: J(6) }),
      edge('Pass', { job: J(5) }, { job: J(7) }),
      edge('Pass', { job: J(6) }, { job: J(8) }),
      edge('Pass', { job: J(7) }, { job: J(8) }),
      edge('Pass', { job: J(8) }, { trigger: COMPONENT_TRIGGER }),
    ],
  };
}
