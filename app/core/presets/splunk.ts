import type { Preset } from './preset.js';
import { at, isText, isRecord } from './shape.js';

/**
 * Splunk alert action "Webhook": {sid, search_name, app, owner, results_link, result: {first row}}.
 * https://docs.splunk.com/Documentation/Splunk/latest/Alert/Webhooks
 * The sid is the search job of one firing; a "for each result" alert sends one webhook per row with
 * the same sid, so the dedupe key is the sid with the row.
 */
export const splunk: Preset = {
  name: 'Splunk',
  docs: 'https://docs.splunk.com/Documentation/Splunk/latest/Alert/Webhooks',
  fields: {
    id: ['$.sid'],
    title: ['$.search_name', '$.result.rule_name', '$.result.search_name'],
    description: ['$.result.description', '$.result.rule_description', '$.result._raw'],
    timestamp: ['$.result._time', '$.result.time'],
    link: ['$.results_link'],
  },
  severity: [
    { path: '$.result.severity', scale: 'auto' },
    { path: '$.result.urgency', scale: 'auto' },
    { path: '$.result.priority', scale: 'auto' },
  ],
  dedupe: ['$.sid', '$.result'],
  detect: (p) => isText(at(p, 'sid')) && (isText(at(p, 'search_name')) || isRecord(at(p, 'result'))),
  source: 'Splunk',
  evidence: ['$.result'],
  metadata: [
    'sid',
    'results_link',
    'search_name',
    'owner',
    'app',
    'orig_sid',
    'rid',
    'event_hash',
    'savedsearch_name',
    '_serial',
    '_si',
    '_cd',
    '_bkt',
    '_indextime',
    'splunk_server',
    'linecount',
    'index',
    'sourcetype',
  ],
  allowDomains: ['splunk.com', 'splunkcloud.com'],
  sample: 'samples/splunk.json',
};
