import type { Preset } from './preset.js';

/** AWS GuardDuty findings as EventBridge delivers them through SNS (the SNS envelope is unwrapped first). */
export const awsGuardDuty: Preset = {
  name: 'AWS SNS/GuardDuty',
  fields: {
    id: ['$.detail.id', '$.id'],
    title: ['$.detail.title', '$["detail-type"]'],
    severity: ['$.detail.severity'],
    description: ['$.detail.description'],
    timestamp: ['$.detail.updatedAt', '$.time'],
    link: ['$.detail.arn'],
    source: ['$.source'],
  },
  source: 'AWS GuardDuty',
  numericSeverity: 'guardDuty',
  sample: 'samples/aws-guardduty.json',
};
