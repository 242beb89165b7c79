import { AWS_DOMAINS, AWS_METADATA } from './aws.js';
import type { Preset } from './preset.js';
import { at, isText } from './shape.js';

/**
 * Amazon GuardDuty findings as EventBridge delivers them (also through SNS, whose envelope is
 * unwrapped first), or a bare finding.
 * https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings_eventbridge.html
 * https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings-summary.html
 * Severity 0–10: 1–3.9 low, 4–6.9 medium, 7–8.9 high, 9–10 critical. Id: the finding id (repeats of a
 * finding keep it, so updates inside the dedupe window are duplicates); never the detector id.
 * Indicators: the finding's action and evidence (the remote side), runtime process and malware scan
 * detections; `resource` is the customer's own asset.
 */
const both = (path: string): string[] => [`$.detail.${path}`, `$.${path}`];

export const awsGuardDuty: Preset = {
  name: 'AWS GuardDuty',
  aliases: ['AWS SNS/GuardDuty'],
  docs: 'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings_eventbridge.html',
  fields: {
    id: ['$.detail.id', '$.id'],
    title: [...both('title'), ...both('type')],
    description: both('description'),
    timestamp: [...both('updatedAt'), ...both('createdAt'), '$.time'],
    link: [],
  },
  severity: both('severity').map((path) => ({ path, scale: '0-10' as const })),
  status: { paths: both('service.archived'), map: { true: 'resolved' } },
  detect: (p) =>
    at(p, 'source') === 'aws.guardduty' ||
    at(p, 'detail-type') === 'GuardDuty Finding' ||
    (isText(at(p, 'schemaVersion')) && at(p, 'service', 'serviceName') === 'guardduty'),
  source: 'AWS GuardDuty',
  // Runtime Monitoring (`runtimeDetails.process.executableSha256` …) and Malware Protection scan detections are evidence too.
  evidence: [
    ...both('service.action'),
    ...both('service.evidence'),
    ...both('service.additionalInfo'),
    ...both('service.runtimeDetails'),
    ...both('service.ebsVolumeScanDetails'),
    // Selected directly: its parent key `threatDetectedByName` reads like a person's (`…By…`) to the generic key rule.
    ...both('service.ebsVolumeScanDetails.scanDetections.threatDetectedByName.threatNames'),
    ...both('service.malwareScanDetails'),
    ...both('description'),
  ],
  metadata: AWS_METADATA,
  allowDomains: AWS_DOMAINS,
  sample: 'samples/aws-guardduty.json',
};
