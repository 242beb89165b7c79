import type { Preset } from './preset.js';
import { at, isRecord } from './shape.js';

/**
 * Wazuh alert JSON as an integration (integratord custom webhook) posts it: {timestamp, rule: {level,
 * description, id, groups, mitre}, agent: {id, name, ip}, manager, id, full_log, decoder, data, location}.
 * https://documentation.wazuh.com/current/user-manual/manager/integration-with-external-apis.html
 * https://documentation.wazuh.com/current/user-manual/ruleset/rules/rules-classification.html
 * Severity: rule level 0–15 (0–3 informational, 4–6 low, 7–11 medium, 12–14 high, 15 critical).
 * Title: `rule.description` (never the `rule` object). Id: the alert `id`; never `rule.id`.
 */
export const wazuh: Preset = {
  name: 'Wazuh',
  docs: 'https://documentation.wazuh.com/current/user-manual/manager/integration-with-external-apis.html',
  fields: {
    id: ['$.id', '$._id'],
    title: ['$.rule.description'],
    description: ['$.full_log', '$.rule.description'],
    timestamp: ['$.timestamp', '$.`@timestamp'],
    link: [],
  },
  severity: [{ path: '$.rule.level', scale: '0-15' }],
  detect: (p) =>
    isRecord(at(p, 'rule')) &&
    typeof at(p, 'rule', 'level') === 'number' &&
    (isRecord(at(p, 'agent')) || isRecord(at(p, 'manager')) || isRecord(at(p, 'decoder'))),
  source: 'Wazuh',
  evidence: ['$.data', '$.full_log', '$.syscheck', '$.previous_output'],
  metadata: ['id', 'location'],
  // Wazuh's cloud integrations (AWS, Azure, Google Cloud, Microsoft 365) record those services' own console and sign-in links.
  allowDomains: ['aws.amazon.com', 'portal.azure.com', 'console.cloud.google.com', 'security.microsoft.com'],
  sample: 'samples/wazuh.json',
};
