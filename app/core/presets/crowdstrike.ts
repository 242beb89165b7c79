import type { Preset } from './preset.js';
import { at, isRecord, isText } from './shape.js';

/**
 * CrowdStrike Falcon detection events (Event Streams `DetectionSummaryEvent` / `EppDetectionSummaryEvent`,
 * or a Falcon Fusion workflow posting the same event): {metadata: {eventType, offset, customerIDString,
 * eventCreationTime}, event: {...}}.
 * https://developer.crowdstrike.com/docs/ (Event Streams API, streaming event reference)
 * Severity: `SeverityName`, else `Severity` (1–5, or 0–100 in the newer events), else `FineScore` (the
 * incident score in tenths of the 0–10 CrowdScore scale: 38 = 3.8). Id: `CompositeId`, else `DetectId`,
 * else the incident's `IncidentID`; never the stream `offset`, `AgentId`, `SensorId`, `HostID` or `customerIDString`.
 */
export const crowdstrike: Preset = {
  name: 'CrowdStrike Falcon',
  docs: 'https://developer.crowdstrike.com/docs/',
  fields: {
    id: ['$.event.CompositeId', '$.event.DetectId', '$.event.AggregateId', '$.event.IncidentID', '$.event.IncidentId'],
    title: ['$.event.DetectName', '$.event.Name', '$.event.Objective', '$.event.Tactic'],
    description: ['$.event.DetectDescription', '$.event.Description'],
    timestamp: ['$.metadata.eventCreationTime', '$.event.ProcessStartTime', '$.event.Timestamp', '$.event.StartTime'],
    link: ['$.event.FalconHostLink'],
  },
  severity: [
    { path: '$.event.SeverityName', scale: 'text' },
    { path: '$.event.Severity', scale: '1-5' },
    { path: '$.event.Severity', scale: 'percent' },
    { path: '$.event.FineScore', scale: 'tenths' },
  ],
  status: {
    paths: ['$.event.Status', '$.event.State'],
    map: {
      new: 'firing',
      in_progress: 'acknowledged',
      true_positive: 'resolved',
      false_positive: 'resolved',
      ignored: 'resolved',
      closed: 'resolved',
      reopened: 'firing',
    },
  },
  detect: (p) =>
    isRecord(at(p, 'event')) &&
    ((typeof at(p, 'metadata', 'eventType') === 'string' && /DetectionSummaryEvent|IncidentSummaryEvent/.test(at(p, 'metadata', 'eventType') as string)) ||
      isText(at(p, 'event', 'DetectId')) ||
      isText(at(p, 'event', 'FalconHostLink')) ||
      isText(at(p, 'metadata', 'customerIDString'))),
  source: 'CrowdStrike Falcon',
  evidence: ['$.event'],
  metadata: [
    'DetectId',
    'CompositeId',
    'AggregateId',
    'AgentId',
    'SensorId',
    'customerIDString',
    'CustomerId',
    'cid',
    'FalconHostLink',
    'ProcessId',
    'ParentProcessId',
    'LocalProcessId',
    'ProcessGraphId',
    'ParentProcessGraphId',
    'TreeId',
    'TemplateInstanceId',
    'PatternId',
    'MACAddress',
    'UserId',
    'UserSid',
    'UserSID',
    'SID',
    'DeviceId',
    'HostID',
    'LMHostIDs',
    'IncidentId',
    'ContextProcessId',
    'TriggeringProcessGraphId',
    'ControlGraphId',
    'LogonDomain',
    'MachineDomain',
    'DataDomains',
  ],
  allowDomains: ['crowdstrike.com'],
  sample: 'samples/crowdstrike.json',
};
