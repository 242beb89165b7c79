import type { Preset } from './preset.js';
import { at, isText } from './shape.js';

/**
 * Sumo Logic monitor webhook connection with the default payload variables ({{Name}}, {{Description}},
 * {{MonitorType}}, {{Query}}, {{QueryURL}}, {{ResultsJson}}, {{Id}}, {{TriggerType}}, {{TriggerTime}},
 * {{AlertResponseUrl}} …); scheduled searches with the same common variables (no TriggerType); legacy
 * scheduled-search webhooks ({{SearchName}}, {{SearchQueryUrl}}, {{FireTime}}, {{RawResultsJson}} …) too.
 * https://help.sumologic.com/docs/alerts/monitors/alert-variables/
 * {{Id}} is the monitor's id: never the alert id. The alert id is the last segment of
 * {{AlertResponseUrl}}; without it the dedupe key is a hash of the alert. TriggerType Critical /
 * Warning / MissingData fire; ResolvedCritical / ResolvedWarning / ResolvedMissingData are resolved.
 */
const ALERT_URL = ['AlertResponseUrl', 'AlertResponseURL', 'alertResponseUrl'];

export const sumoLogic: Preset = {
  name: 'Sumo Logic',
  docs: 'https://help.sumologic.com/docs/alerts/monitors/alert-variables/',
  fields: {
    id: ['$.AlertId', '$.AlertID'],
    title: ['$.Name', '$.AlertName', '$.SearchName'],
    description: ['$.Description', '$.SearchDescription'],
    timestamp: ['$.TriggerTime', '$.TriggerTimeStart', '$.FireTime'],
    link: [...ALERT_URL.map((k) => `$.${k}`), '$.QueryURL', '$.SearchQueryUrl'],
  },
  deriveId: (item) => {
    for (const k of ALERT_URL) {
      const v = at(item, k);
      const m = typeof v === 'string' ? /\/alerts?\/([A-Za-z0-9_-]{4,64})\/?(?:[?#].*)?$/.exec(v) : null;
      if (m) return m[1];
    }
    return undefined;
  },
  severity: [
    { path: '$.TriggerType', scale: 'text' },
    { path: '$.Severity', scale: 'text' },
  ],
  status: { paths: ['$.TriggerType'], map: { critical: 'firing', warning: 'firing', missingdata: 'firing' } },
  detect: (p) =>
    (isText(at(p, 'TriggerType')) && (isText(at(p, 'MonitorType')) || ALERT_URL.some((k) => isText(at(p, k))))) ||
    (isText(at(p, 'SearchName')) && isText(at(p, 'SearchQueryUrl'))) ||
    (isText(at(p, 'Name')) && isText(at(p, 'QueryURL')) && (at(p, 'ResultsJson') !== undefined || isText(at(p, 'Query')))),
  source: 'Sumo Logic',
  evidence: [
    '$.Description',
    '$.ResultsJson',
    '$.ResultsJSON',
    '$.RawResultsJson',
    '$.AggregateResultsJson',
    '$.SearchDescription',
    '$.TriggerValue',
    '$.Name',
  ],
  jsonText: ['ResultsJson', 'ResultsJSON', 'RawResultsJson', 'AggregateResultsJson'],
  metadata: ['Id', 'QueryURL', 'SearchQueryUrl', 'SourceURL', 'Query', 'SearchQuery', ...ALERT_URL],
  allowDomains: ['sumologic.com', 'sumologic.net'],
  sample: 'samples/sumo-logic.json',
};
