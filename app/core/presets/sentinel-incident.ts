import { MICROSOFT_METADATA } from './microsoft-alert.js';
import type { Preset } from './preset.js';
import { at, isText } from './shape.js';

/**
 * Microsoft Sentinel incident, as the Logic App "Microsoft Sentinel incident" trigger delivers it
 * ({objectSchemaType, objectEventType, object: {name, properties: {title, severity, status, incidentNumber,
 * incidentUrl, relatedEntities …}}}) or as the bare incident resource.
 * https://learn.microsoft.com/en-us/azure/sentinel/automation/playbook-triggers-actions
 * https://learn.microsoft.com/en-us/rest/api/securityinsights/incidents/get
 * Id: the incident name (its GUID); status New fires, Active is acknowledged, Closed resolved; an
 * "Update" event of an open incident is `updated` (not a new alert).
 */
const both = (path: string): string[] => [`$.object.properties.${path}`, `$.properties.${path}`];

export const sentinelIncident: Preset = {
  name: 'Microsoft Sentinel Incident',
  docs: 'https://learn.microsoft.com/en-us/azure/sentinel/automation/playbook-triggers-actions',
  fields: {
    id: ['$.object.name', '$.name', ...both('incidentNumber')],
    title: both('title'),
    description: both('description'),
    timestamp: [...both('createdTimeUtc'), ...both('firstActivityTimeUtc')],
    link: both('incidentUrl'),
  },
  severity: both('severity').map((path) => ({ path, scale: 'text' as const })),
  status: {
    paths: [...both('status'), '$.objectEventType'],
    map: { new: 'firing', active: 'acknowledged', closed: 'resolved', create: 'firing', update: 'updated' },
  },
  detect: (p) =>
    at(p, 'objectSchemaType') === 'Incident' ||
    at(p, 'object', 'properties', 'incidentNumber') !== undefined ||
    (at(p, 'properties', 'incidentNumber') !== undefined && isText(at(p, 'properties', 'title'))),
  source: 'Microsoft Sentinel',
  evidence: [
    ...both('relatedEntities'),
    ...both('RelatedEntities'),
    ...both('description'),
    ...both('Alerts[*].properties.entities'),
    ...both('alerts[*].properties.entities'),
  ],
  metadata: MICROSOFT_METADATA,
  allowDomains: ['portal.azure.com', 'security.microsoft.com', 'management.azure.com'],
  sample: 'samples/sentinel-incident.json',
};
