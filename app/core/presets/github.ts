import type { Preset } from './preset.js';
import { at, header, isRecord, isText } from './shape.js';

/**
 * GitHub security alert webhooks: code_scanning_alert, secret_scanning_alert, dependabot_alert
 * ({action, alert, repository, organization, sender}), and the legacy repository_vulnerability_alert
 * (actions create / dismiss / resolve; `alert.severity`, `alert.external_identifier` the CVE).
 * https://docs.github.com/en/webhooks/webhook-events-and-payloads#code_scanning_alert
 * https://docs.github.com/en/webhooks/webhook-events-and-payloads#secret_scanning_alert
 * https://docs.github.com/en/webhooks/webhook-events-and-payloads#dependabot_alert
 * Title: the advisory summary, the rule's description, or the secret type's name. Severity: the
 * advisory severity, the rule's security severity, else the rule severity (error / warning / note);
 * a secret-scanning alert (no severity in the payload) is high. Status from `action`: created,
 * reopened, reintroduced, publicly_leaked fire; fixed, dismissed, resolved, closed_by_user resolved;
 * appeared_in_branch, validated … updated. Id: the alert number (per repository); dedupe key: the
 * alert's html_url with the action.
 */
const EVENTS = ['code_scanning_alert', 'secret_scanning_alert', 'dependabot_alert', 'repository_vulnerability_alert'];

export const github: Preset = {
  name: 'GitHub Security Alert',
  docs: 'https://docs.github.com/en/webhooks/webhook-events-and-payloads#code_scanning_alert',
  fields: {
    id: ['$.alert.number', '$.alert.id'],
    title: ['$.alert.security_advisory.summary', '$.alert.rule.description', '$.alert.rule.name', '$.alert.secret_type_display_name', '$.alert.secret_type'],
    description: ['$.alert.security_advisory.description', '$.alert.rule.full_description', '$.alert.most_recent_instance.message.text'],
    timestamp: ['$.alert.created_at', '$.alert.updated_at'],
    link: ['$.alert.html_url'],
  },
  severity: [
    { path: '$.alert.security_advisory.severity', scale: 'text' },
    { path: '$.alert.security_vulnerability.severity', scale: 'text' },
    { path: '$.alert.rule.security_severity_level', scale: 'text' },
    { path: '$.alert.rule.severity', scale: 'text' },
    { path: '$.alert.severity', scale: 'text' },
  ],
  defaultSeverity: 'high',
  status: {
    paths: ['$.action'],
    map: {
      created: 'firing',
      reopened: 'firing',
      reopened_by_user: 'firing',
      reintroduced: 'firing',
      auto_reopened: 'firing',
      publicly_leaked: 'firing',
      fixed: 'resolved',
      dismissed: 'resolved',
      dismiss: 'resolved',
      resolve: 'resolved',
      auto_dismissed: 'resolved',
      resolved: 'resolved',
      closed_by_user: 'resolved',
      revoked: 'resolved',
      appeared_in_branch: 'updated',
      validated: 'updated',
      assigned: 'updated',
      unassigned: 'updated',
    },
  },
  dedupe: ['$.alert.html_url', '$.action'],
  detect: (p, h) =>
    EVENTS.includes(header(h, 'X-GitHub-Event')) ||
    (isRecord(at(p, 'alert')) &&
      isRecord(at(p, 'repository')) &&
      (isRecord(at(p, 'alert', 'rule')) || isText(at(p, 'alert', 'secret_type')) || isRecord(at(p, 'alert', 'security_advisory')))),
  source: 'GitHub',
  evidence: ['$.alert.security_advisory.cve_id', '$.alert.security_advisory.identifiers', '$.alert.external_identifier'],
  metadata: [
    'url',
    'html_url',
    'locations_url',
    'instances_url',
    'ghsa_id',
    'references',
    'sender',
    'repository',
    'organization',
    'installation',
    'enterprise',
  ],
  allowDomains: ['github.com', 'githubusercontent.com', 'api.github.com'],
  sample: 'samples/github.json',
};
