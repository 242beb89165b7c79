import type { Preset } from './preset.js';

/** Splunk alert action "Webhook": {sid, search_name, app, owner, results_link, result: {first row}}. */
export const splunk: Preset = {
  name: 'Splunk',
  fields: {
    id: ['$.sid'],
    title: ['$.search_name'],
    severity: ['$.result.severity', '$.result.urgency', '$.result.priority'],
    description: ['$.result.description', '$.result._raw'],
    timestamp: ['$.result._time'],
    link: ['$.results_link'],
  },
  source: 'Splunk',
  numericSeverity: 'oneToFive',
  sample: 'samples/splunk.json',
};
