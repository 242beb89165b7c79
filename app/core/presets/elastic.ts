import type { Preset } from './preset.js';
import { at, isRecord, isText } from './shape.js';

/**
 * Kibana rule action "Webhook" with the documented action variables in the body
 * ({{rule.*}}, {{alert.*}}, {{context.*}}, {{date}}, {{kibanaBaseUrl}}).
 * https://www.elastic.co/guide/en/kibana/current/rule-action-variables.html
 * Id: the alert's uuid (one per alert), else the alert id (one per alert group); never the rule id.
 */
export const elastic: Preset = {
  name: 'Elastic/Kibana',
  docs: 'https://www.elastic.co/guide/en/kibana/current/rule-action-variables.html',
  fields: {
    id: ['$.alert.uuid', '$.alert.id'],
    title: ['$.rule.name', '$.context.title'],
    description: ['$.context.reason', '$.context.message', '$.rule.description'],
    timestamp: ['$.date', '$.context.date'],
    link: ['$.context.link', '$.rule.url', '$.context.results_link'],
  },
  severity: [
    { path: '$.context.alerts[0]["kibana.alert.severity"]', scale: 'text' },
    { path: '$.rule.severity', scale: 'text' },
    { path: '$.alert.severity', scale: 'text' },
    { path: '$.context.alerts[0]["kibana.alert.risk_score"]', scale: 'percent' },
  ],
  status: { paths: ['$.alert.actionGroup', '$.alert.actionGroupName'], map: { recovered: 'resolved', 'threshold met': 'firing', 'query matched': 'firing' } },
  detect: (p) =>
    isRecord(at(p, 'rule')) && isText(at(p, 'rule', 'name')) && (isRecord(at(p, 'alert')) || isRecord(at(p, 'context')) || isText(at(p, 'kibanaBaseUrl'))),
  source: 'Elastic',
  evidence: ['$.context'],
  metadata: [
    'link',
    'results_link',
    '$.rule.url',
    'kibanaBaseUrl',
    'uuid',
    'kibana.alert.uuid',
    'kibana.alert.rule.uuid',
    'kibana.alert.rule.rule_id',
    'kibana.alert.rule.parameters',
    'kibana.alert.rule.references',
    'kibana.alert.rule.threat',
    'kibana.alert.url',
    'kibana.alert.ancestors',
    '_id',
    '_index',
    'spaceId',
  ],
  allowDomains: ['elastic.co', 'elastic-cloud.com', 'cloud.es.io', 'found.io'],
  sample: 'samples/elastic.json',
};
