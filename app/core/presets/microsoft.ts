import type { Preset } from './preset.js';

/** Microsoft Sentinel incidents / Defender (Graph security) alerts, as a Logic App or automation posts them. */
export const microsoft: Preset = {
  name: 'Microsoft Sentinel/Defender',
  items: '$.value[*]',
  fields: {
    id: ['$.id', '$.name', '$.properties.incidentNumber'],
    title: ['$.title', '$.properties.title', '$.alertDisplayName'],
    severity: ['$.severity', '$.properties.severity'],
    description: ['$.description', '$.properties.description'],
    timestamp: ['$.createdDateTime', '$.properties.createdTimeUtc', '$.timeGenerated'],
    link: ['$.alertWebUrl', '$.incidentWebUrl', '$.properties.incidentUrl'],
    source: ['$.serviceSource', '$.productName'],
  },
  source: 'Microsoft Sentinel/Defender',
  numericSeverity: 'score0to4',
  sample: 'samples/microsoft.json',
};
