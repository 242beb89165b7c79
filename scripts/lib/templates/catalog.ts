/**
 * The built-in ThreatConnect apps our templates use, pinned to released versions seen in real
 * exports (templates research §2), with the full parameter list of each pinned version and the
 * outputs each produces. Shared by the template builder (every job lists every parameter, as real
 * exports do) and the validator (rules S7 and V4): one table, never two.
 */
import type { AppCatalogItem } from './model.js';

/**
 * Every parameter of the pinned version, in export order, with the value real exports carry when
 * the playbook author leaves it alone (`null`: a bare entry without `value`). Counted over the
 * exports of ThreatConnect-Inc/threatconnect-playbooks that use that exact version.
 */
export type ParameterList = Readonly<Record<string, string | null>>;

export interface CatalogApp extends AppCatalogItem {
  parameters: ParameterList;
  /** Fixed outputs; apps whose outputs are named by their parameters list them in `outputsFrom`. */
  outputs: Array<{ name: string; type: string }>;
  /** Parameter whose KeyValue-list keys become String outputs (Set Variable, JMESPath). */
  outputsFrom?: Array<{ param: string; type: string }>;
}

export const APPS = {
  setVariable: {
    programName: 'TCPB - SetVariable v1.0',
    displayName: 'Set Variable',
    programVersion: '1.0.17',
    parameters: { variable_mapping: '[]' },
    outputs: [],
    outputsFrom: [{ param: 'variable_mapping', type: 'String' }],
  },
  jmespath: {
    programName: 'TCPB - JMESPath v3.0',
    displayName: 'JMESPath',
    programVersion: '3.0.13',
    parameters: {
      json_data: null,
      string_expressions: '[]',
      string_array_expressions: '[]',
      strip_quotes: 'false',
      strip_json: 'false',
      path_output: 'false',
      fail_on_no_results: 'false',
      fail_on_jmes_expression: 'false',
    },
    outputs: [],
    outputsFrom: [
      { param: 'string_expressions', type: 'String' },
      { param: 'string_array_expressions', type: 'StringArray' },
    ],
  },
  tcApi: {
    programName: 'TCPB - ThreatConnect API v3',
    displayName: 'ThreatConnect API',
    programVersion: '3.0.2',
    parameters: {
      http_method: 'GET',
      url: null,
      params: '[]',
      headers: '[]',
      body: null,
      urlencode_body: 'false',
      multipart: '[]',
      exclude_null_parameters: 'false',
      fail_on_error: 'true',
    },
    outputs: [{ name: 'tc.api.content', type: 'String' }],
  },
  ifElse: {
    programName: 'If / Else',
    displayName: 'If / Else',
    programVersion: '1.0.0',
    parameters: { operand_1: null, operator: 'equals', operand_2: null, as_numeric: 'false', match_case: 'false' },
    outputs: [],
  },
  iterator: {
    programName: 'Iterator',
    displayName: 'Iterator',
    programVersion: '1.0.0',
    parameters: { array_inputs: '[]', array_outputs: '[]' },
    outputs: [],
    outputsFrom: [
      { param: 'array_inputs', type: 'String' },
      { param: 'array_outputs', type: 'StringArray' },
    ],
  },
  merge: {
    programName: 'Merge',
    displayName: 'Merge',
    programVersion: '1.0.0',
    parameters: { output_array: '[]' },
    outputs: [],
    outputsFrom: [{ param: 'output_array', type: 'String' }],
  },
  logger: {
    programName: 'Logger',
    displayName: 'Logger',
    programVersion: '1.0.0',
    parameters: { logging: 'INFO', log_message: null },
    outputs: [{ name: 'logger.content', type: 'String' }],
  },
  indicatorCreate: {
    programName: 'TCPB - IndicatorCreate v1.1',
    displayName: 'Create ThreatConnect Indicator',
    programVersion: '1.1.24',
    parameters: {
      owner: null,
      resource_type: null,
      resource_values: null,
      rating: null,
      confidence: null,
      tags: null,
      tags_all: 'true',
      attributes: '[]',
      attributes_all: 'true',
      associations: null,
      associations_all: 'true',
      labels: null,
      labels_all: 'true',
      additional_fields: '[]',
      use_batch: 'false',
      batch_halt_on_error: 'false',
    },
    outputs: [],
  },
  notification: {
    programName: 'TCPB - ThreatConnect Notification v1',
    displayName: 'ThreatConnect Notification',
    programVersion: '1.0.0',
    parameters: { tc_action: 'Notify Entire Organization', recipients: '', recipient: null, notification_type: null, priority: 'Medium', message: null },
    outputs: [],
  },
} as const satisfies Record<string, CatalogApp>;

export const CATALOG: readonly CatalogApp[] = Object.values(APPS);

/** The If / Else app's operators (the pinned version's choices): the validator and the offline runner read them here. */
export const IF_ELSE_OPERATORS = [
  'equals',
  'not equals',
  'contains',
  'does not contain',
  'greater than',
  'greater than or equals',
  'less than',
  'less than or equals',
] as const;

/** The Logger's `logging` choices: upper case in every real export (rule S8). */
export const LOGGER_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'WARNING', 'ERROR', 'CRITICAL'];

/** Built-in #Global variables (rule V6). */
export const GLOBAL_VARIABLES = ['gbl.timestamp.iso', 'gbl.timestamp.epoch', 'gbl.org.name', 'gbl.host.api', 'gbl.playbook.sessionid'];

/** The documented HttpLink trigger outputs. */
export const HTTP_LINK_OUTPUTS = [
  { name: 'trg.http.body', type: 'String' },
  { name: 'trg.http.header', type: 'KeyValueArray' },
  { name: 'trg.http.queryparam', type: 'KeyValueArray' },
];
