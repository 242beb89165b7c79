import type { Preset } from './preset.js';
import { at, header, isRecord, isText } from './shape.js';

/**
 * Grafana Alerting webhook contact point: one notification, `alerts[]` fan out.
 * https://grafana.com/docs/grafana/latest/alerting/configure-notifications/manage-contact-points/integrations/webhook-notifier/
 * Title: the alert's name (`labels.alertname`), else its summary. Id: the alert's fingerprint; the
 * dedupe key is the fingerprint with `startsAt`, so a repeated notification of the same firing is
 * dropped while a new firing of the same series is not.
 * Legacy (pre-unified) Grafana alerting posts one rule per notification, without `alerts[]`:
 * {ruleName, ruleUrl, state: alerting | ok | no_data | pending, message, evalMatches[], imageUrl}.
 * https://grafana.com/docs/grafana/v8.5/alerting/old-alerting/notifications/#webhook
 */
export const ALERTMANAGER_FIELDS: Preset['fields'] = {
  id: ['$.fingerprint'],
  title: ['$.labels.alertname', '$.annotations.summary', '$.annotations.title'],
  description: ['$.annotations.description', '$.annotations.summary', '$.annotations.message', '$.valueString'],
  timestamp: ['$.startsAt'],
  link: ['$.generatorURL'],
};

export const ALERTMANAGER_SEVERITY: Preset['severity'] = [
  { path: '$.labels.severity', scale: 'auto' },
  { path: '$.labels.priority', scale: 'auto' },
  { path: '$.labels.level', scale: 'auto' },
];

/** The alerting tool's own ids and links inside an alert (never indicators). */
export const ALERTMANAGER_METADATA = [
  'fingerprint',
  'generatorURL',
  'silenceURL',
  'dashboardURL',
  'panelURL',
  'imageURL',
  'externalURL',
  'runbook_url',
  'runbook',
  'dashboard',
  'ruleUrl',
  '__alert_rule_uid__',
  '__alert_rule_namespace_uid__',
  '__dashboardUid__',
  '__panelId__',
  'rule_uid',
  'grafana_folder',
  'orgId',
  'groupKey',
];

const hasAlerts = (p: unknown): boolean => Array.isArray(at(p, 'alerts')) && (at(p, 'alerts') as unknown[]).every(isRecord);

/** A legacy Grafana alerting notification: one rule, no `alerts[]`. */
const isLegacy = (p: unknown): boolean =>
  isText(at(p, 'ruleName')) && isText(at(p, 'state')) && (isText(at(p, 'ruleUrl')) || Array.isArray(at(p, 'evalMatches')));

const grafanaOnly = (p: unknown): boolean =>
  at(p, 'orgId') !== undefined ||
  at(p, 'state') !== undefined ||
  ((at(p, 'alerts') as unknown[]) ?? []).some((a) => ['silenceURL', 'dashboardURL', 'panelURL', 'valueString', 'values'].some((k) => at(a, k) !== undefined));

export const grafana: Preset = {
  name: 'Grafana',
  docs: 'https://grafana.com/docs/grafana/latest/alerting/configure-notifications/manage-contact-points/integrations/webhook-notifier/',
  items: ['$.alerts[*]'],
  fields: {
    ...ALERTMANAGER_FIELDS,
    title: [...ALERTMANAGER_FIELDS.title, '$.ruleName'],
    description: [...ALERTMANAGER_FIELDS.description, '$.message'],
    link: [...ALERTMANAGER_FIELDS.link, '$.ruleUrl'],
  },
  severity: ALERTMANAGER_SEVERITY,
  status: { paths: ['$.status', '$.state'] },
  dedupe: ['$.fingerprint', '$.startsAt'],
  detect: (p, h) => (hasAlerts(p) && (grafanaOnly(p) || header(h, 'User-Agent').startsWith('grafana'))) || isLegacy(p),
  source: 'Grafana',
  evidence: ['$.labels', '$.annotations', '$.valueString', '$.values', '$.message', '$.evalMatches', '$.tags'],
  metadata: ALERTMANAGER_METADATA,
  allowDomains: ['grafana.net', 'grafana.com'],
  sample: 'samples/grafana.json',
};
