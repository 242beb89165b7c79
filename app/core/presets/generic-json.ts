import type { Preset } from './preset.js';

/**
 * Any JSON alert with common field names; a root array is a batch. Severity numbers follow the
 * trigger's Severity Scale input (auto by default); without a top-level severity, the first `severity`,
 * else `priority` (or a priority object's `name`: Jira) at any depth (TheHive's `object.severity`). Indicators: the whole item, minus the keys the indicator
 * scanner treats as metadata (ids, links, people).
 */
export const genericJson: Preset = {
  name: 'Generic JSON',
  docs: 'docs/presets.md#generic-json',
  fields: {
    id: ['$.id', '$.alert_id', '$.alertId', '$.uuid', '$.event_id', '$.eventId', '$.incident_id', '$.incidentId'],
    title: ['$.title', '$.name', '$.summary', '$.alert_name', '$.alertName', '$.rule_name', '$.ruleName', '$.subject', '$.message'],
    description: ['$.description', '$.details', '$.detail', '$.message', '$.body', '$.text'],
    timestamp: [
      '$.timestamp',
      '$.time',
      '$.created_at',
      '$.createdAt',
      '$.date',
      '$.`@timestamp',
      '$.event_time',
      '$.eventTime',
      '$.detection_timestamp',
      '$.detected_at',
      '$.detectedAt',
      '$.detection_time',
      '$.ts',
    ],
    link: ['$.link', '$.url', '$.html_url', '$.permalink', '$.alert_url'],
    source: ['$.source', '$.product', '$.vendor'],
  },
  toolLink: false,
  severity: [
    { path: '$.severity', scale: 'auto' },
    { path: '$.priority', scale: 'auto' },
    { path: '$.level', scale: 'auto' },
    { path: '$.risk', scale: 'auto' },
    { path: '$.urgency', scale: 'auto' },
    { path: '$..severity', scale: 'auto' },
    { path: '$..priority', scale: 'auto' },
    { path: '$..priority.name', scale: 'auto' },
  ],
  status: { paths: ['$.status', '$.state', '$.action', '$.event_type'] },
  source: 'Generic JSON',
  sample: 'samples/generic.json',
};
