import { ALERTMANAGER_FIELDS, ALERTMANAGER_METADATA, ALERTMANAGER_SEVERITY } from './grafana.js';
import type { Preset } from './preset.js';
import { at, isText } from './shape.js';

/**
 * Prometheus Alertmanager webhook_config (payload version 4): `alerts[]` fan out.
 * https://prometheus.io/docs/alerting/latest/configuration/#webhook_config
 * Same field map as Grafana (which reuses the format); `generatorURL` is the Prometheus graph link.
 */
export const alertmanager: Preset = {
  name: 'Prometheus Alertmanager',
  docs: 'https://prometheus.io/docs/alerting/latest/configuration/#webhook_config',
  items: ['$.alerts[*]'],
  fields: ALERTMANAGER_FIELDS,
  severity: ALERTMANAGER_SEVERITY,
  status: { paths: ['$.status'] },
  dedupe: ['$.fingerprint', '$.startsAt'],
  detect: (p) => Array.isArray(at(p, 'alerts')) && (isText(at(p, 'groupKey')) || isText(at(p, 'receiver'))) && at(p, 'version') !== undefined,
  source: 'Prometheus Alertmanager',
  evidence: ['$.labels', '$.annotations'],
  metadata: ALERTMANAGER_METADATA,
  sample: 'samples/alertmanager.json',
};
