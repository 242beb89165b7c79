import type { Preset } from './preset.js';

/** Grafana unified alerting webhook: one notification, `alerts[]` fan out. */
export const grafana: Preset = {
  name: 'Grafana',
  items: '$.alerts[*]',
  fields: {
    id: ['$.fingerprint'],
    title: ['$.annotations.summary', '$.labels.alertname'],
    severity: ['$.labels.severity', '$.labels.priority'],
    description: ['$.annotations.description', '$.valueString'],
    timestamp: ['$.startsAt'],
    link: ['$.generatorURL', '$.panelURL'],
  },
  source: 'Grafana',
  numericSeverity: 'oneToFive',
  sample: 'samples/grafana.json',
};
