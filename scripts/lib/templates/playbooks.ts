/**
 * The two shipped Playbook Templates of the Low-Volume Alerts Processing scenario:
 *  1. with the Alert Intake App Service trigger (its outputs come from install.json), and
 *  2. the same flow with the codeless HTTP Link trigger, parsing the body with JMESPath.
 * Both: business rules (one node to edit) → any indicators? → Iterator over the indicators →
 * the embedded Component (enrich with CAL/ThreatAssess, decide, store as suspicious) → notify.
 */
import { APPS, HTTP_LINK_OUTPUTS } from './catalog.js';
import { appVar, edge, job, kv, ROI, trgVar } from './builders.js';
import { buildComponent, COMPONENT_APP, COMPONENT_ID, DECISION_OUTPUT } from './component.js';
import type { Job, Playbook, Trigger } from './model.js';
import { serviceTrigger, type InstallJson } from './service-trigger.js';

export const TRIGGER_ID = 100;

/** The business values, pinned (templates check H4): edit them in the "Set Business Rules" node. */
export const BUSINESS_RULES = {
  'alert_intake.config.owner': 'Alert Intake Suspicious Indicators',
  'alert_intake.config.rating': '1',
  'alert_intake.config.confidence': '50',
  'alert_intake.config.tag': 'Alert Intake',
} as const;

const rule = (name: keyof typeof BUSINESS_RULES) => appVar(1, name);

interface AlertRefs {
  id: string;
  title: string;
  severity: string;
  source: string;
  count: string;
  values: string;
  types: string;
}

/**
 * An Iterator as exports write it: it declares its array_outputs (collected over the loop, StringArray)
 * and its array_inputs (one item per pass, String) in outputVariables.
 */
function iterator(id: number, name: string, inputs: Record<string, string>, outputs: Record<string, string>, at: [number, number]): Job {
  const declared = [...Object.keys(outputs).map((n) => ({ name: n, type: 'StringArray' })), ...Object.keys(inputs).map((n) => ({ name: n, type: 'String' }))];
  return job(id, name, APPS.iterator, { array_inputs: kv(inputs), array_outputs: kv(outputs) }, at, declared);
}

/** Jobs 1–8 shared by both templates; job 2's inputs differ (refs point at the producer). */
function flow(refs: AlertRefs, firstJobs: Job[], x0: number): { jobs: Job[]; edges: Playbook['playbookConnectionList'] } {
  const at = (n: number, top = 0): [number, number] => [x0 + n * 200, top];
  const jobs: Job[] = [
    job(
      1,
      'Set Business Rules',
      APPS.setVariable,
      { variable_mapping: kv({ ...BUSINESS_RULES }) },
      at(0),
      Object.keys(BUSINESS_RULES).map((name) => ({ name, type: 'String' })),
    ),
    ...firstJobs,
    job(3, 'Any Indicators?', APPS.ifElse, { operand_1: refs.count, operator: 'greater than', operand_2: '0', as_numeric: 'true', match_case: 'false' }, at(2)),
    iterator(
      4,
      'For Each Indicator',
      { 'indicator.value': refs.values, 'indicator.type': refs.types },
      { 'alert_intake.loop.decisions': appVar(5, DECISION_OUTPUT) },
      at(3),
    ),
    job(
      5,
      'Enrich, Decide and Store',
      COMPONENT_APP,
      {
        indicator_value: appVar(4, 'indicator.value'),
        indicator_type: appVar(4, 'indicator.type'),
        owner: rule('alert_intake.config.owner'),
        rating: rule('alert_intake.config.rating'),
        confidence: rule('alert_intake.config.confidence'),
        tag: rule('alert_intake.config.tag'),
        source: `Alert Intake: ${refs.source} alert ${refs.id} "${refs.title}"`,
      },
      at(3, 200),
      COMPONENT_APP.outputs,
    ),
    job(
      6,
      'Notify Organization',
      APPS.notification,
      {
        tc_action: 'Notify Entire Organization',
        notification_type: 'Alert Intake',
        priority: 'Medium',
        message: `${refs.severity} alert "${refs.title}" (${refs.id}) from ${refs.source}: ${refs.count} indicator(s) checked, ${appVar(8, 'alert_intake.loop.stored_count')} stored as suspicious in ${rule('alert_intake.config.owner')} with tag ${rule('alert_intake.config.tag')}, ${appVar(8, 'alert_intake.loop.known_count')} already known to ThreatConnect.`,
      },
      at(5),
    ),
    // The notification tells what happened: how many indicators were stored and how many were known.
    job(
      8,
      'Count Stored and Known',
      APPS.jmespath,
      {
        json_data: `{"decisions": ${appVar(4, 'alert_intake.loop.decisions', 'StringArray')}}`,
        string_expressions: kv({
          'alert_intake.loop.stored_count': "to_string(length(decisions[?@ == 'stored']))",
          'alert_intake.loop.known_count': "to_string(length(decisions[?@ == 'skipped']))",
        }),
        string_array_expressions: '[]',
        strip_quotes: 'true',
        fail_on_no_results: 'true',
        fail_on_jmes_expression: 'true',
      },
      at(4),
      [
        { name: 'alert_intake.loop.stored_count', type: 'String' },
        { name: 'alert_intake.loop.known_count', type: 'String' },
      ],
    ),
    job(
      7,
      'No Indicators: Log and End',
      APPS.logger,
      {
        logging: 'INFO',
        log_message: `Alert ${refs.id} "${refs.title}" carried no indicators; nothing to enrich.`,
      },
      at(3, -200),
      APPS.logger.outputs,
    ),
  ];
  const edges = [
    edge('Pass', { trigger: TRIGGER_ID }, { job: 1 }),
    edge('Pass', { job: 1 }, { job: 2 }),
    edge('Pass', { job: 2 }, { job: 3 }),
    edge('Pass', { job: 3 }, { job: 4 }),
    edge('Fail', { job: 3 }, { job: 7 }),
    edge('StartLoop', { job: 4 }, { job: 5 }),
    edge('EndLoop', { job: 5 }, { job: 4 }),
    edge('Pass', { job: 4 }, { job: 8 }),
    edge('Pass', { job: 8 }, { job: 6 }),
  ];
  return { jobs, edges };
}

function playbook(name: string, description: string, trigger: Trigger, parts: ReturnType<typeof flow>): Playbook {
  const component = buildComponent();
  return {
    name,
    type: 'Playbook',
    description,
    version: '1.0',
    comment: 'Alert Intake template 1.0.0',
    logLevel: 'WARN',
    ...ROI,
    priority: 3,
    panX: 0,
    panY: 0,
    zoom: 1,
    playbookLabels: [{ playbookLabelType: { label: 'Alert Intake' } }, { playbookLabelType: { label: 'Low-Volume Alerts' } }],
    playbookScopeVariables: [],
    exportablePipes: [{ ...component, definitionVersion: COMPONENT_ID }],
    playbookTriggerList: [trigger],
    jobList: parts.jobs,
    playbookConnectionList: parts.edges,
  };
}

export const SERVICE_TEMPLATE_NAME = 'Alert Intake - Low-Volume Alert Processing';
export const HTTP_LINK_TEMPLATE_NAME = 'Alert Intake - Low-Volume Alert Processing (HTTP Link)';

export function buildServiceTemplate(install: InstallJson): Playbook {
  const t = (name: string, type = 'String') => trgVar(TRIGGER_ID, name, type);
  const refs: AlertRefs = {
    id: t('alert_intake.results.alert.id'),
    title: t('alert_intake.results.alert.title'),
    severity: t('alert_intake.results.alert.severity'),
    source: t('alert_intake.results.alert.source'),
    count: t('alert_intake.results.indicators.count'),
    values: t('alert_intake.results.indicators', 'StringArray'),
    types: t('alert_intake.results.indicators.types', 'StringArray'),
  };
  const summary = job(
    2,
    'Log Alert Received',
    APPS.logger,
    {
      logging: 'INFO',
      log_message: `Alert Intake fired: ${refs.severity} "${refs.title}" (${refs.id}), dedupe key ${t('alert_intake.results.dedupe_key')}.`,
    },
    [-600 + 200, 0],
    APPS.logger.outputs,
  );
  return playbook(
    SERVICE_TEMPLATE_NAME,
    'Alert Intake receives security alerts by webhook (authenticated, normalised, indicators extracted, filtered and deduplicated by the App Service). For each indicator the playbook checks ThreatConnect and CAL/ThreatAssess, creates the ones ThreatConnect does not know yet as suspicious indicators (threat rating 1, confidence 50) tagged "Alert Intake" with a Source attribute in a dedicated owner, and notifies the Organization. Edit the values in "Set Business Rules". An admin must first create the Alert Intake Service (Playbooks > Services).',
    serviceTrigger(install, { id: TRIGGER_ID, name: 'Alert Intake Webhook', left: -800, top: 0 }),
    flow(refs, [summary], -600),
  );
}

export function buildHttpLinkTemplate(): Playbook {
  const body = trgVar(TRIGGER_ID, 'trg.http.body');
  const p = (name: string, type = 'String') => appVar(2, name, type);
  const refs: AlertRefs = {
    id: p('alert_intake.results.alert.id'),
    title: p('alert_intake.results.alert.title'),
    severity: p('alert_intake.results.alert.severity'),
    source: p('alert_intake.results.alert.source'),
    count: p('alert_intake.results.indicators.count'),
    values: p('alert_intake.results.indicators', 'StringArray'),
    types: p('alert_intake.results.indicators.types', 'StringArray'),
  };
  const parse = job(
    2,
    'Parse Alert Payload',
    APPS.jmespath,
    {
      json_data: body,
      string_expressions: kv({
        'alert_intake.results.alert.id': "to_string(id || '')",
        'alert_intake.results.alert.title': "to_string(title || '')",
        'alert_intake.results.alert.severity': "to_string(severity || 'medium')",
        'alert_intake.results.alert.source': "to_string(source || 'webhook')",
        // Only complete {type, value} items, so the two arrays below stay aligned (a projection
        // drops nulls: `indicators[].type` would pair values with the wrong types).
        'alert_intake.results.indicators.count': 'to_string(length(indicators[?type && value] || `[]`))',
      }),
      string_array_expressions: kv({
        'alert_intake.results.indicators': 'indicators[?type && value].value',
        'alert_intake.results.indicators.types': 'indicators[?type && value].type',
      }),
      strip_quotes: 'true',
      fail_on_no_results: 'false',
      fail_on_jmes_expression: 'true',
    },
    [-400, 0],
    [
      { name: 'alert_intake.results.alert.id', type: 'String' },
      { name: 'alert_intake.results.alert.title', type: 'String' },
      { name: 'alert_intake.results.alert.severity', type: 'String' },
      { name: 'alert_intake.results.alert.source', type: 'String' },
      { name: 'alert_intake.results.indicators.count', type: 'String' },
      { name: 'alert_intake.results.indicators', type: 'StringArray' },
      { name: 'alert_intake.results.indicators.types', type: 'StringArray' },
    ],
  );
  const trigger: Trigger = {
    id: TRIGGER_ID,
    name: 'Alert Intake HTTP Link',
    type: 'HttpLink',
    eventType: 'External',
    locationLeft: -800,
    locationTop: 0,
    anyOrg: true,
    httpBasicAuthEnable: false,
    httpBasicAuthUsername: '',
    httpBasicAuthPassword: '',
    httpResponseHeader: '[]',
    httpResponseBody: '',
    httpResponseCode: '200',
    renderBodyAsTip: false,
    fireOnDuplicate: false,
    playbookTriggerFilterList: [],
    outputVariables: JSON.stringify(HTTP_LINK_OUTPUTS.slice(0, 2)),
  };
  return playbook(
    HTTP_LINK_TEMPLATE_NAME,
    'The Alert Intake scenario without the App Service: an HTTP Link (WebHook) trigger receives a normalised alert {"id","title","severity","source","indicators":[{"type","value"}]}, JMESPath parses it, and for each indicator the playbook checks ThreatConnect and CAL/ThreatAssess, creates the ones ThreatConnect does not know yet as suspicious indicators (threat rating 1, confidence 50) in a dedicated owner, and notifies the Organization. No authentication, filtering or deduplication happens before the playbook: prefer the App Service template for real sources. Edit the values in "Set Business Rules".',
    trigger,
    flow(refs, [parse], -600),
  );
}

export interface BuiltTemplate {
  file: string;
  playbook: Playbook;
}

/** Every shipped template file with its content (the single list the writer and the tests use). */
export function buildAllTemplates(install: InstallJson): BuiltTemplate[] {
  return [
    { file: `${SERVICE_TEMPLATE_NAME}.pbx`, playbook: buildServiceTemplate(install) },
    { file: `${HTTP_LINK_TEMPLATE_NAME}.pbx`, playbook: buildHttpLinkTemplate() },
    { file: `components/${buildComponent().name}.pbx`, playbook: buildComponent() },
  ];
}

export function renderTemplate(p: Playbook): string {
  return `${JSON.stringify(p, null, 2)}\n`;
}
