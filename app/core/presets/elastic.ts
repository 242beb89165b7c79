import type { Preset } from './preset.js';

/** Kibana rule action "Webhook" with the usual context variables in the body. */
export const elastic: Preset = {
  name: 'Elastic/Kibana',
  fields: {
    id: ['$.alert.uuid', '$.alert.id', '$.rule.id'],
    title: ['$.rule.name'],
    severity: ['$.rule.severity', '$.context.alerts[0]["kibana.alert.severity"]', '$.alert.severity'],
    description: ['$.context.reason', '$.context.message', '$.rule.description'],
    timestamp: ['$.date', '$.context.date'],
    link: ['$.rule.url', '$.kibanaBaseUrl'],
  },
  source: 'Elastic',
  numericSeverity: 'percent',
  sample: 'samples/elastic.json',
};
