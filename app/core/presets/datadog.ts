import type { Preset } from './preset.js';

/** Datadog webhook integration with its default payload variables ($ID, $EVENT_TITLE, $ALERT_PRIORITY …). */
export const datadog: Preset = {
  name: 'Datadog',
  fields: {
    id: ['$.id', '$.alert_id'],
    title: ['$.title', '$.alert_title'],
    severity: ['$.alert_priority', '$.priority', '$.alert_type'],
    description: ['$.body', '$.text_only_msg'],
    timestamp: ['$.date', '$.last_updated'],
    link: ['$.link'],
  },
  source: 'Datadog',
  numericSeverity: 'oneToFive',
  sample: 'samples/datadog.json',
};
