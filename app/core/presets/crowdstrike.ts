import type { Preset } from './preset.js';

/** CrowdStrike Falcon detection events (event stream / Fusion workflow webhook). */
export const crowdstrike: Preset = {
  name: 'CrowdStrike Falcon',
  fields: {
    id: ['$.event.DetectId', '$.event.CompositeId', '$.metadata.offset'],
    title: ['$.event.DetectName', '$.event.Name', '$.event.Tactic'],
    severity: ['$.event.SeverityName', '$.event.Severity'],
    description: ['$.event.DetectDescription', '$.event.Description'],
    timestamp: ['$.metadata.eventCreationTime', '$.event.ProcessStartTime'],
    link: ['$.event.FalconHostLink'],
  },
  source: 'CrowdStrike Falcon',
  numericSeverity: 'oneToFive',
  sample: 'samples/crowdstrike.json',
};
