import type { Preset } from './preset.js';
import { at, isRecord, isText } from './shape.js';

/**
 * Datadog Webhooks integration: the default payload ($ID, $EVENT_TITLE, $EVENT_MSG, $DATE, $ORG_ID …)
 * plus the variables users commonly add under their own names ($ALERT_PRIORITY, $ALERT_TYPE,
 * $ALERT_TRANSITION, $ALERT_CYCLE_KEY, $LINK, $HOSTNAME, $TAGS, $SECURITY_SIGNAL_*).
 * https://docs.datadoghq.com/integrations/webhooks/
 * Severity: the monitor priority (P1–P5), then the signal severity, then the alert type; the event's
 * `priority` (normal / low) is not a severity and is never read. Id: the event id; dedupe: the alert
 * cycle key when sent (one per trigger-to-recovery cycle, so re-notifications are duplicates), else the id.
 * `$ALERT_ID` is the monitor id: never the id.
 */
export const datadog: Preset = {
  name: 'Datadog',
  docs: 'https://docs.datadoghq.com/integrations/webhooks/',
  fields: {
    id: ['$.id', '$.event_id', '$.security_signal_id'],
    title: ['$.title', '$.event_title', '$.alert_title', '$.security_signal_title'],
    description: ['$.body', '$.event_msg', '$.text_only_msg', '$.security_signal_msg'],
    timestamp: ['$.date', '$.last_updated'],
    link: ['$.link'],
  },
  severity: [
    { path: '$.alert_priority', scale: 'P1-P5' },
    { path: '$.security_signal_severity', scale: 'text' },
    { path: '$.severity', scale: 'text' },
    { path: '$.alert_type', scale: 'text' },
  ],
  status: {
    paths: ['$.alert_transition', '$.alert_status', '$.title', '$.event_title', '$.alert_type'],
    map: { recovered: 'resolved', success: 'resolved', triggered: 'firing', 're-triggered': 'firing', renotify: 'firing', warn: 'firing', 'no data': 'firing' },
  },
  dedupe: ['$.alert_cycle_key'],
  detect: (p) =>
    (isRecord(at(p, 'org')) && isText(at(p, 'event_type')) && at(p, 'id') !== undefined) ||
    isText(at(p, 'alert_transition')) ||
    isText(at(p, 'alert_cycle_key')) ||
    (typeof at(p, 'link') === 'string' && /^https:\/\/[a-z0-9.-]*datadoghq\.(com|eu)\//.test(at(p, 'link') as string)),
  source: 'Datadog',
  metadata: [
    'id',
    'event_id',
    'alert_id',
    'aggreg_key',
    'alert_cycle_key',
    'link',
    'snapshot',
    'org',
    'org_id',
    'org_name',
    'email',
    'user',
    'username',
    'security_rule_id',
    'security_signal_id',
    'security_rule_query',
    'alert_query',
    'last_updated',
    'date',
    'event_type',
    'monitor_id',
    'incident_uuid',
    'incident_url',
  ],
  allowDomains: ['datadoghq.com', 'datadoghq.eu', 'ddog-gov.com', 'datadog.com', 'datad0g.com'],
  sample: 'samples/datadog.json',
};
