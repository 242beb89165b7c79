import { AWS_DOMAINS, AWS_METADATA } from './aws.js';
import type { Preset } from './preset.js';
import { at, first, isText } from './shape.js';

/**
 * AWS Security Hub findings (ASFF) as EventBridge delivers them: `detail.findings[]` fan out
 * ("Security Hub Findings - Imported" / "Custom Action"); a BatchImportFindings-style `Findings[]` too.
 * https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-cwe-event-formats.html
 * https://docs.aws.amazon.com/securityhub/latest/userguide/asff-top-level-attributes.html
 * Severity: `Severity.Label`, else `Severity.Normalized` (0 informational, 1–39 low, 40–69 medium,
 * 70–89 high, 90–100 critical). Status: RecordState ARCHIVED or Workflow RESOLVED / SUPPRESSED → resolved,
 * NOTIFIED → acknowledged. Id: the finding `Id`; never `GeneratorId` (the rule).
 */
export const awsSecurityHub: Preset = {
  name: 'AWS Security Hub',
  docs: 'https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-cwe-event-formats.html',
  items: ['$.detail.findings[*]', '$.Findings[*]', '$.findings[*]'],
  fields: {
    id: ['$.Id'],
    title: ['$.Title'],
    description: ['$.Description'],
    timestamp: ['$.UpdatedAt', '$.CreatedAt', '$.LastObservedAt', '$.FirstObservedAt'],
    link: ['$.SourceUrl'],
    source: ['$.ProductName', '$.ProductFields["aws/securityhub/ProductName"]'],
  },
  severity: [
    { path: '$.Severity.Label', scale: 'text' },
    { path: '$.Severity.Normalized', scale: 'normalized' },
  ],
  status: {
    paths: ['$.RecordState', '$.Workflow.Status', '$.WorkflowState'],
    map: {
      active: 'firing',
      archived: 'resolved',
      new: 'firing',
      notified: 'acknowledged',
      suppressed: 'resolved',
      resolved: 'resolved',
      assigned: 'acknowledged',
      in_progress: 'acknowledged',
      deferred: 'resolved',
    },
  },
  detect: (p) =>
    at(p, 'source') === 'aws.securityhub' || isText(at(first(p, 'detail', 'findings'), 'ProductArn')) || isText(at(first(p, 'Findings'), 'ProductArn')),
  source: 'AWS Security Hub',
  evidence: [
    '$.Network',
    '$.NetworkPath',
    '$.Process',
    '$.ThreatIntelIndicators',
    '$.Threats',
    '$.Malware',
    '$.Action',
    '$.Description',
    '$.ProductFields',
    '$.Title',
    '$.Vulnerabilities[*].Id',
  ],
  metadata: AWS_METADATA,
  allowDomains: AWS_DOMAINS,
  sample: 'samples/aws-security-hub.json',
};
