import type { Preset } from './preset.js';
import { at, header, isRecord, isText } from './shape.js';

/**
 * PagerDuty webhooks v3: {event: {id, event_type, resource_type, occurred_at, agent, data: incident}}.
 * https://developer.pagerduty.com/docs/webhooks/v3-overview/
 * Severity: the incident priority (P1–P5), else its urgency (high / low). Status from `event_type`:
 * incident.triggered / reopened fire; resolved, acknowledged; any other incident event (annotated,
 * escalated, priority_updated, responder.added …) is `updated`. Id: the incident id; never `incident_key`.
 */
const UPDATED = [
  'annotated',
  'delegated',
  'escalated',
  'priority_updated',
  'reassigned',
  'added',
  'replied',
  'status_update_published',
  'unacknowledged',
  'service_updated',
  'conference_bridge',
  'started',
  'completed',
  'updated',
  'custom_field_values',
  'incident_type_changed',
];

export const pagerduty: Preset = {
  name: 'PagerDuty',
  docs: 'https://developer.pagerduty.com/docs/webhooks/v3-overview/',
  fields: {
    id: ['$.event.data.id', '$.event.data.incident.id', '$.event.id'],
    title: ['$.event.data.title', '$.event.data.summary', '$.event.data.incident.summary'],
    description: ['$.event.data.description', '$.event.data.body.details', '$.event.data.content'],
    timestamp: ['$.event.data.created_at', '$.event.occurred_at'],
    link: ['$.event.data.html_url', '$.event.data.incident.html_url'],
  },
  severity: [
    { path: '$.event.data.priority.summary', scale: 'P1-P5' },
    { path: '$.event.data.urgency', scale: 'text' },
  ],
  status: {
    paths: ['$.event.event_type', '$.event.data.status'],
    map: {
      triggered: 'firing',
      reopened: 'firing',
      resolved: 'resolved',
      acknowledged: 'acknowledged',
      ...Object.fromEntries(UPDATED.map((w) => [w, 'updated' as const])),
    },
  },
  detect: (p, h) =>
    header(h, 'X-PagerDuty-Signature') !== '' ||
    (isText(at(p, 'event', 'event_type')) && isText(at(p, 'event', 'resource_type')) && isRecord(at(p, 'event', 'data'))),
  source: 'PagerDuty',
  evidence: ['$.event.data.title', '$.event.data.description', '$.event.data.body', '$.event.data.content', '$.event.data.summary'],
  metadata: [
    'id',
    'self',
    'html_url',
    'incident_key',
    'conference_bridge',
    'assignees',
    'escalation_policy',
    'teams',
    'service',
    'priority',
    'agent',
    'client',
    'trigger_log_entry',
  ],
  allowDomains: ['pagerduty.com'],
  sample: 'samples/pagerduty.json',
};
