import type { Preset } from './preset.js';

/** Sumo Logic monitor webhook with the default payload variables ({{Name}}, {{TriggerType}} …). */
export const sumoLogic: Preset = {
  name: 'Sumo Logic',
  fields: {
    id: ['$.Id', '$.AlertID'],
    title: ['$.Name', '$.SearchName'],
    severity: ['$.TriggerType', '$.Severity'],
    description: ['$.Description', '$.SearchDescription'],
    timestamp: ['$.TriggerTime', '$.FireTime'],
    link: ['$.AlertResponseUrl', '$.QueryURL', '$.SearchQueryUrl'],
  },
  source: 'Sumo Logic',
  numericSeverity: 'oneToFive',
  sample: 'samples/sumo-logic.json',
};
