import type { Preset } from './preset.js';
import { at, isRecord, isText } from './shape.js';

/**
 * Google Security Command Center finding notifications through a Pub/Sub push subscription: the push
 * envelope {message: {data: base64, attributes, messageId, publishTime}, subscription} is unwrapped
 * (data decoded) before mapping, leaving {notificationConfigName, finding, resource}.
 * https://cloud.google.com/security-command-center/docs/how-to-notifications
 * https://cloud.google.com/security-command-center/docs/reference/rest/v1/organizations.sources.findings
 * https://cloud.google.com/pubsub/docs/push
 * Title: the finding category. Severity CRITICAL / HIGH / MEDIUM / LOW. State INACTIVE → resolved; a
 * MUTED finding → updated. Id: the finding's resource name; never the source or notification config.
 */
export const googleScc: Preset = {
  name: 'Google Security Command Center',
  docs: 'https://cloud.google.com/security-command-center/docs/how-to-notifications',
  fields: {
    id: ['$.finding.name', '$.finding.canonicalName'],
    title: ['$.finding.category'],
    description: ['$.finding.description', '$.finding.sourceProperties.description', '$.finding.sourceProperties.summary_message'],
    timestamp: ['$.finding.eventTime', '$.finding.createTime'],
    link: ['$.finding.externalUri'],
  },
  severity: [{ path: '$.finding.severity', scale: 'text' }],
  status: { paths: ['$.finding.state', '$.finding.mute'], map: { active: 'firing', inactive: 'resolved', muted: 'updated', unmuted: 'firing' } },
  detect: (p) =>
    isRecord(at(p, 'finding')) &&
    isText(at(p, 'finding', 'category')) &&
    (isText(at(p, 'notificationConfigName')) || isText(at(p, 'finding', 'findingClass')) || isText(at(p, 'finding', 'parent'))),
  source: 'Google Security Command Center',
  evidence: [
    '$.finding.indicator',
    '$.finding.access.callerIp',
    '$.finding.access.callerIpGeo',
    '$.finding.connections',
    '$.finding.sourceProperties',
    '$.finding.description',
    '$.finding.processes',
    '$.finding.files',
    '$.finding.exfiltration',
    '$.finding.vulnerability.cve.id',
  ],
  metadata: [
    'name',
    'parent',
    'resourceName',
    'canonicalName',
    'externalUri',
    'principalEmail',
    'principalSubject',
    'serviceAccountKeyName',
    'serviceAccountDelegationInfo',
    'project',
    'projectDisplayName',
    'notificationConfigName',
    'securityMarks',
    'serviceName',
    'methodName',
    'detectionCategory',
    'logEntries',
    'affectedResources',
  ],
  allowDomains: ['googleapis.com', 'cloud.google.com', 'console.cloud.google.com', 'gserviceaccount.com', 'googleusercontent.com'],
  sample: 'samples/google-scc.json',
};
