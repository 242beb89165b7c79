import type { Preset } from './preset.js';

/** PagerDuty webhooks v3: {event: {event_type, occurred_at, data: incident}}. */
export const pagerduty: Preset = {
  name: 'PagerDuty',
  fields: {
    id: ['$.event.data.id', '$.event.id'],
    title: ['$.event.data.title', '$.event.data.summary'],
    severity: ['$.event.data.priority.summary', '$.event.data.urgency'],
    description: ['$.event.data.service.summary', '$.event.event_type'],
    timestamp: ['$.event.occurred_at'],
    link: ['$.event.data.html_url'],
  },
  source: 'PagerDuty',
  numericSeverity: 'oneToFive',
  sample: 'samples/pagerduty.json',
};
