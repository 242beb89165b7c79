import type { Preset } from './preset.js';

/** Any JSON alert with common field names; a root array is a batch. */
export const genericJson: Preset = {
  name: 'Generic JSON',
  fields: {
    id: ['$.id', '$.alert_id', '$.alertId', '$.uuid', '$.event_id'],
    title: ['$.title', '$.name', '$.summary', '$.rule', '$.message'],
    severity: ['$.severity', '$.priority', '$.level', '$.risk'],
    description: ['$.description', '$.details', '$.message', '$.body'],
    timestamp: ['$.timestamp', '$.time', '$.created_at', '$.createdAt', '$.date', '$["@timestamp"]'],
    link: ['$.link', '$.url', '$.html_url', '$.permalink'],
    source: ['$.source', '$.product', '$.vendor'],
  },
  source: 'Generic JSON',
  numericSeverity: 'score0to4',
  sample: 'samples/generic.json',
};
