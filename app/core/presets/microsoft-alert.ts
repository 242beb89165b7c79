import type { Preset } from './preset.js';
import { at, first, isRecord, isText } from './shape.js';

/**
 * Microsoft security alerts: Graph security alert (alert_v2, also a Graph list response `value[]`),
 * Defender for Endpoint alert (API), Defender for Cloud alert (`properties.alertDisplayName`) and the
 * Sentinel alert a Logic App "alert" trigger posts (`AlertDisplayName`, `TimeGenerated`, `AlertLink`).
 * https://learn.microsoft.com/en-us/graph/api/resources/security-alert
 * https://learn.microsoft.com/en-us/defender-endpoint/api/alerts
 * https://learn.microsoft.com/en-us/rest/api/defenderforcloud/alerts/get-subscription-level
 * Id: the alert's own id (`id`, `systemAlertId`); never `incidentId` or `detectorId`.
 * Graph v1 `hostStates` are the affected hosts (fqdn, NetBIOS name, private and public address of the
 * customer's own machine): not evidence; `networkConnections`, `fileStates`, `userStates` (logon IP) are.
 */
export const MICROSOFT_METADATA = [
  'id',
  'providerAlertId',
  'incidentId',
  'investigationId',
  'tenantId',
  'aadTenantId',
  'detectorId',
  'alertPolicyId',
  'alertWebUrl',
  'incidentWebUrl',
  'alertLink',
  'AlertLink',
  'alertUri',
  'assignedTo',
  'comments',
  'machineId',
  'mdeDeviceId',
  'azureAdDeviceId',
  'azureAdUserId',
  'aadUserId',
  'userSid',
  'sid',
  'objectGuid',
  'networkMessageId',
  'internetMessageId',
  'systemAlertId',
  'SystemAlertId',
  'correlationKey',
  'resourceIdentifiers',
  'workspaceId',
  'clusterBy',
  'rbacGroupName',
  'rbacGroupId',
  '@odata.type',
  '@odata.context',
  'createdByDisplayName',
  'recommendedActions',
  'remediationSteps',
  'RemediationSteps',
  'vendorInformation',
  'azureResourceId',
  'resourceId',
  'azureID',
  'omsAgentID',
  'deviceId',
  'ProviderAlertId',
  'WorkspaceId',
  'loggedOnUsers',
  'userPrincipalName',
  'upnSuffix',
  'ntDomain',
  'dnsDomain',
  'userAccount',
  'recipientEmailAddress',
  'primaryAddress',
  'mitreTechniques',
  'actorDisplayName',
  'owner',
  'incidentUrl',
  'providerIncidentUrl',
  'relatedAnalyticRuleIds',
];

const isMsAlert = (v: unknown): boolean =>
  isRecord(v) &&
  ((typeof v['@odata.type'] === 'string' && v['@odata.type'].includes('microsoft.graph.security.alert')) ||
    (isText(v.providerAlertId) && (isText(v.serviceSource) || isText(v.detectionSource))) ||
    isText(v.alertWebUrl) ||
    (isText(v.machineId) && isText(v.alertCreationTime)) ||
    isText(at(v, 'properties', 'alertDisplayName')) ||
    isText(v.AlertDisplayName) ||
    isRecord(v.vendorInformation));

export const microsoftAlert: Preset = {
  name: 'Microsoft Defender/Graph Alert',
  aliases: ['Microsoft Sentinel/Defender', 'Microsoft Defender', 'Microsoft Graph Security'],
  docs: 'https://learn.microsoft.com/en-us/graph/api/resources/security-alert',
  items: ['$.value[*]'],
  fields: {
    id: ['$.properties.systemAlertId', '$.SystemAlertId', '$.systemAlertId', '$.id', '$.name', '$.ProviderAlertId'],
    title: ['$.title', '$.properties.alertDisplayName', '$.AlertDisplayName', '$.alertDisplayName', '$.DisplayName', '$.AlertName'],
    description: ['$.description', '$.properties.description', '$.Description'],
    timestamp: [
      '$.createdDateTime',
      '$.alertCreationTime',
      '$.properties.timeGeneratedUtc',
      '$.timeGenerated',
      '$.TimeGenerated',
      '$.properties.startTimeUtc',
      '$.StartTimeUtc',
    ],
    link: ['$.alertWebUrl', '$.alertLink', '$.AlertLink', '$.properties.alertUri', '$.AlertUri'],
    source: ['$.productName', '$.ProductName', '$.properties.productName', '$.vendorInformation.provider'],
  },
  severity: [
    { path: '$.severity', scale: 'text' },
    { path: '$.properties.severity', scale: 'text' },
    { path: '$.Severity', scale: 'text' },
    { path: '$.AlertSeverity', scale: 'text' },
  ],
  status: {
    paths: ['$.status', '$.properties.status', '$.Status'],
    map: { new: 'firing', newalert: 'firing', active: 'firing', inprogress: 'acknowledged', resolved: 'resolved', dismissed: 'resolved' },
  },
  detect: (p) => isMsAlert(p) || isMsAlert(first(p, 'value')),
  source: 'Microsoft Defender',
  evidence: [
    '$.evidence',
    '$.description',
    '$.properties.description',
    '$.Description',
    '$.properties.entities',
    '$.Entities',
    '$.entities',
    '$.properties.extendedProperties',
    '$.ExtendedProperties',
    '$.properties.compromisedEntity',
    '$.networkConnections',
    '$.fileStates',
    '$.processes',
    '$.userStates',
  ],
  metadata: MICROSOFT_METADATA,
  // The Sentinel alert trigger of a Logic App posts its entities and extended properties as JSON text.
  jsonText: ['Entities', 'ExtendedProperties'],
  allowDomains: [
    'security.microsoft.com',
    'graph.microsoft.com',
    'portal.azure.com',
    'securitycenter.windows.com',
    'securitycenter.microsoft.com',
    'portal.cloudappsecurity.com',
    'login.microsoftonline.com',
  ],
  sample: 'samples/microsoft.json',
};
