import type { Preset } from './preset.js';
import { at, first, isRecord } from './shape.js';

/**
 * Elastic Security detection alerts (`kibana.alert.*` fields), as a rule action sends
 * {{context.alerts}} (or a root array of alert documents). Both the flattened (`"kibana.alert.rule.name"`)
 * and the nested (`kibana: {alert: {rule: {name}}}`) forms are read.
 * https://www.elastic.co/guide/en/security/current/alert-schema.html
 * Id: `kibana.alert.uuid` (one per alert); never `kibana.alert.rule.uuid`.
 */
const both = (dotted: string): string[] => [`$["${dotted}"]`, `$.${dotted}`];

const isSecurityAlert = (v: unknown): boolean =>
  isRecord(v) && (typeof v['kibana.alert.rule.name'] === 'string' || typeof v['kibana.alert.uuid'] === 'string' || isRecord(at(v, 'kibana', 'alert', 'rule')));

export const elasticSecurity: Preset = {
  name: 'Elastic Security',
  docs: 'https://www.elastic.co/guide/en/security/current/alert-schema.html',
  items: ['$.context.alerts[*]', '$.alerts[*]'],
  fields: {
    id: [...both('kibana.alert.uuid'), '$._id'],
    title: [...both('kibana.alert.rule.name')],
    description: [...both('kibana.alert.reason'), ...both('kibana.alert.rule.description')],
    timestamp: ['$.`@timestamp', ...both('kibana.alert.original_time')],
    link: [...both('kibana.alert.url')],
  },
  severity: [
    ...both('kibana.alert.severity').map((path) => ({ path, scale: 'text' as const })),
    ...both('kibana.alert.risk_score').map((path) => ({ path, scale: 'percent' as const })),
  ],
  status: {
    paths: [...both('kibana.alert.workflow_status'), ...both('kibana.alert.status')],
    map: { open: 'firing', active: 'firing', acknowledged: 'acknowledged', closed: 'resolved', recovered: 'resolved', untracked: 'resolved' },
  },
  detect: (p) =>
    isSecurityAlert(p) || isSecurityAlert(first(p, 'context', 'alerts')) || isSecurityAlert(first(p, 'alerts')) || (Array.isArray(p) && isSecurityAlert(p[0])),
  source: 'Elastic Security',
  metadata: [
    'kibana.alert.uuid',
    'kibana.alert.rule.uuid',
    'kibana.alert.rule.rule_id',
    'kibana.alert.rule.parameters',
    'kibana.alert.rule.query',
    'kibana.alert.rule.description',
    'kibana.alert.rule.note',
    'kibana.alert.rule.references',
    'kibana.alert.rule.threat',
    'kibana.alert.rule.author',
    'kibana.alert.rule.created_by',
    'kibana.alert.rule.updated_by',
    'kibana.alert.rule.false_positives',
    'kibana.alert.rule.name',
    'kibana.alert.url',
    'kibana.alert.ancestors',
    'kibana.alert.workflow_user',
    'kibana.alert.original_event.id',
    'kibana.space_ids',
    'kibana.alert.rule.producer',
    'kibana.alert.rule.consumer',
    'kibana.version',
    'kibana.alert.rule.index',
    'kibana.alert.rule.risk_score_mapping',
    '$.kibana.alert.uuid',
    '$.kibana.alert.rule',
    '$.kibana.alert.url',
    '$.kibana.alert.ancestors',
    '$.kibana.alert.workflow_user',
    '$.kibana.space_ids',
    '_id',
    '_index',
    'agent.id',
    'agent.ephemeral_id',
    'elastic.agent.id',
    'event.id',
    'host.id',
    'process.entity_id',
    'process.parent.entity_id',
    // ECS threat intel: where an indicator came from (`threat.*.indicator.reference` link, `provider` name), not the indicator.
    'reference',
    'provider',
    'threat.indicator.reference',
    'threat.indicator.provider',
    // ECS `host` / `observer`: the affected asset and the sensor, the customer's own (a gateway's public host.ip).
    '$.host',
    '$.observer',
    'host.ip',
    'observer.ip',
    '$.agent',
    '$.elastic',
    '$.ecs',
    '$.data_stream',
    '$.host.id',
    '$.event.id',
    '$.process.entity_id',
    '$.process.parent.entity_id',
  ],
  allowDomains: ['elastic.co', 'elastic-cloud.com', 'cloud.es.io', 'found.io'],
  sample: 'samples/elastic-security.json',
};
