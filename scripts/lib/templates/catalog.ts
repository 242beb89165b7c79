/**
 * The built-in ThreatConnect apps our templates use, pinned to released versions seen in real
 * exports (templates research §2), with the outputs each produces. Shared by the template builder
 * and the validator's allow-list (rule V4): one table, never two.
 */
import type { AppCatalogItem } from './model.js';

export interface CatalogApp extends AppCatalogItem {
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
    outputs: [],
    outputsFrom: [{ param: 'variable_mapping', type: 'String' }],
  },
  jmespath: {
    programName: 'TCPB - JMESPath v3.0',
    displayName: 'JMESPath',
    programVersion: '3.0.13',
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
    outputs: [{ name: 'tc.api.content', type: 'String' }],
  },
  ifElse: { programName: 'If / Else', displayName: 'If / Else', programVersion: '1.0.0', outputs: [] },
  iterator: {
    programName: 'Iterator',
    displayName: 'Iterator',
    programVersion: '1.0.0',
    outputs: [],
    outputsFrom: [{ param: 'array_inputs', type: 'String' }],
  },
  merge: { programName: 'Merge', displayName: 'Merge', programVersion: '1.0.0', outputs: [], outputsFrom: [{ param: 'output_array', type: 'String' }] },
  logger: {
    programName: 'Logger',
    displayName: 'Logger',
    programVersion: '1.0.0',
    outputs: [{ name: 'logger.content', type: 'String' }],
  },
  indicatorCreate: {
    programName: 'TCPB - IndicatorCreate v1.1',
    displayName: 'Create ThreatConnect Indicator',
    programVersion: '1.1.24',
    outputs: [],
  },
  notification: {
    programName: 'TCPB - ThreatConnect Notification v1',
    displayName: 'ThreatConnect Notification',
    programVersion: '1.0.0',
    outputs: [],
  },
} as const satisfies Record<string, CatalogApp>;

export const CATALOG: readonly CatalogApp[] = Object.values(APPS);

/** Built-in #Global variables (rule V6). */
export const GLOBAL_VARIABLES = ['gbl.timestamp.iso', 'gbl.timestamp.epoch', 'gbl.org.name', 'gbl.host.api', 'gbl.playbook.sessionid'];

/** The documented HttpLink trigger outputs. */
export const HTTP_LINK_OUTPUTS = [
  { name: 'trg.http.body', type: 'String' },
  { name: 'trg.http.header', type: 'KeyValueArray' },
  { name: 'trg.http.queryparam', type: 'KeyValueArray' },
];
