/**
 * The reusable Component: look one indicator up in ThreatConnect (with CAL/ThreatAssess), decide,
 * store it as suspicious in the business owner, and return the decision. Both templates call it
 * inside their Iterator loop and embed it, as exports do.
 */
import { APPS, type CatalogApp } from './catalog.js';
import { appVar, edge, job, kv, trgVar } from './builders.js';
import type { Playbook } from './model.js';

/** Component id: fixed (the platform assigns its own on import; any 32-hex value is accepted). */
export const COMPONENT_ID = '6a1e7b0c2d9f4e3a8b5c1d0e9f7a6b5c';
export const COMPONENT_NAME = 'Alert Intake - Enrich, Decide and Store';
export const COMPONENT_TRIGGER = 200;
export const DECISION_OUTPUT = 'alert_intake.enrich.decision';

export const COMPONENT_APP: CatalogApp = {
  programName: COMPONENT_ID,
  displayName: COMPONENT_NAME,
  programVersion: '1.0.0',
  outputs: [{ name: DECISION_OUTPUT, type: 'String' }],
};

const INPUTS: Array<{ name: string; label: string; note: string }> = [
  { name: 'indicator_value', label: 'Indicator Value', note: 'The indicator, e.g. 203.0.113.7 or evil.example.' },
  { name: 'indicator_type', label: 'Indicator Type', note: 'ThreatConnect type: Address, Host, URL, EmailAddress, File or CVE.' },
  { name: 'owner', label: 'Owner', note: 'The owner (Source) the suspicious indicator is created in.' },
  { name: 'rating', label: 'Threat Rating', note: 'Threat rating of the created indicator (1 = Suspicious).' },
  { name: 'confidence', label: 'Confidence', note: 'Confidence of the created indicator (0-100).' },
  { name: 'tag', label: 'Tag', note: 'Tag applied to the created indicator.' },
  { name: 'source', label: 'Source Description', note: 'Text for the Source attribute, naming the alert.' },
];

const input = (name: string) => trgVar(COMPONENT_TRIGGER, name);

export function buildComponent(): Playbook {
  const S = APPS;
  return {
    name: COMPONENT_NAME,
    type: 'Component',
    description:
      'Looks one indicator up in ThreatConnect with CAL/ThreatAssess. When ThreatConnect does not know it yet, creates it as a suspicious indicator (given owner, rating, confidence, tag, Source attribute); a known one (any owner, with its CAL score) is logged and skipped. Returns alert_intake.enrich.decision = "stored" or "skipped".',
    version: '1.0',
    comment: 'Alert Intake template 1.0.0',
    logLevel: 'WARN',
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
        pipeInputParams: JSON.stringify(
          INPUTS.map((i, n) => ({
            name: i.name,
            label: i.label,
            note: i.note,
            dataType: 'String',
            playbookDataType: 'String',
            required: true,
            encrypted: false,
            hidden: false,
            hasDollarVariables: true,
            playbookVariable: true,
            validValuesList: ['${TEXT}'],
            orderSequence: n + 1,
          })),
        ),
        pipeOutputParams: JSON.stringify([{ key: DECISION_OUTPUT, value: appVar(8, DECISION_OUTPUT), displayValue: 'Decision' }]),
        outputVariables: JSON.stringify(INPUTS.map((i) => ({ name: i.name, type: 'String' }))),
      },
    ],
    jobList: [
      job(1, 'Look Up Indicator in ThreatConnect', S.tcApi, {
        http_method: 'GET',
        url: '/v3/indicators',
        params: kv({ tql: `summary EQ "${input('indicator_value')}"`, fields: 'threatAssess' }),
        headers: '[]',
        fail_on_error: 'true',
      }, [-200, 0], S.tcApi.outputs),
      job(2, 'Decide: Unknown to ThreatConnect?', S.jmespath, {
        json_data: appVar(1, 'tc.api.content'),
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
      }, [0, 0], [
        { name: 'alert_intake.enrich.match_count', type: 'String' },
        { name: 'alert_intake.enrich.should_store', type: 'String' },
        { name: 'alert_intake.enrich.owners', type: 'String' },
        { name: 'alert_intake.enrich.cal_score', type: 'String' },
      ]),
      job(3, 'Store It?', S.ifElse, {
        operand_1: appVar(2, 'alert_intake.enrich.should_store'),
        operator: 'equals',
        operand_2: 'true',
        as_numeric: 'false',
        match_case: 'false',
      }, [200, 0]),
      job(4, 'Create Suspicious Indicator', S.indicatorCreate, {
        owner: input('owner'),
        resource_type: input('indicator_type'),
        resource_values: input('indicator_value'),
        rating: input('rating'),
        confidence: input('confidence'),
        tags: input('tag'),
        attributes: kv({ Source: input('source') }),
        associations: undefined,
        use_batch: 'false',
      }, [400, -100]),
      job(5, 'Already Known: Log and Skip', S.logger, {
        logging: 'info',
        log_message: `${input('indicator_type')} ${input('indicator_value')} is already known to ThreatConnect (${appVar(2, 'alert_intake.enrich.match_count')} match(es) in ${appVar(2, 'alert_intake.enrich.owners')}; highest CAL score ${appVar(2, 'alert_intake.enrich.cal_score')}): not stored.`,
      }, [400, 100], S.logger.outputs),
      job(6, 'Mark Stored', S.setVariable, { variable_mapping: kv({ 'alert_intake.enrich.stored': 'stored' }) }, [600, -100], [{ name: 'alert_intake.enrich.stored', type: 'String' }]),
      job(7, 'Mark Skipped', S.setVariable, { variable_mapping: kv({ 'alert_intake.enrich.skipped': 'skipped' }) }, [600, 100], [{ name: 'alert_intake.enrich.skipped', type: 'String' }]),
      job(8, 'Merge Decision', S.merge, {
        output_array: kv({ [DECISION_OUTPUT]: `${appVar(6, 'alert_intake.enrich.stored')} ${appVar(7, 'alert_intake.enrich.skipped')}` }),
      }, [800, 0], [{ name: DECISION_OUTPUT, type: 'String' }]),
    ],
    playbookConnectionList: [
      edge('Pass', { trigger: COMPONENT_TRIGGER }, { job: 1 }),
      edge('Pass', { job: 1 }, { job: 2 }),
      edge('Pass', { job: 2 }, { job: 3 }),
      edge('Pass', { job: 3 }, { job: 4 }),
      edge('Fail', { job: 3 }, { job: 5 }),
      edge('Pass', { job: 4 }, { job: 6 }),
      edge('Pass', { job: 5 }, { job: 7 }),
      edge('Pass', { job: 6 }, { job: 8 }),
      edge('Pass', { job: 7 }, { job: 8 }),
      edge('Pass', { job: 8 }, { trigger: COMPONENT_TRIGGER }),
    ],
  };
}
