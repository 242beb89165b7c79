import type { Preset } from './preset.js';
import { at } from './shape.js';

/**
 * Azure Monitor action group webhook with the common alert schema.
 * https://learn.microsoft.com/en-us/azure/azure-monitor/alerts/alerts-common-schema
 * Severity Sev0 critical, Sev1 high, Sev2 medium, Sev3 low, Sev4 informational; `monitorCondition`
 * Fired / Resolved. Id: `essentials.alertId` (one per alert); `alertRule` is the rule's name (the title).
 */
export const azureMonitor: Preset = {
  name: 'Azure Monitor',
  docs: 'https://learn.microsoft.com/en-us/azure/azure-monitor/alerts/alerts-common-schema',
  fields: {
    id: ['$.data.essentials.alertId'],
    title: ['$.data.essentials.alertRule'],
    description: ['$.data.essentials.description'],
    timestamp: ['$.data.essentials.firedDateTime'],
    link: [
      '$.data.essentials.investigationLink',
      '$.data.alertContext.condition.allOf[0].linkToFilteredSearchResultsUI',
      '$.data.alertContext.condition.allOf[0].linkToSearchResultsUI',
    ],
    source: ['$.data.essentials.monitoringService'],
  },
  severity: [{ path: '$.data.essentials.severity', scale: 'sev0-4' }],
  status: { paths: ['$.data.essentials.monitorCondition'], map: { fired: 'firing', resolved: 'resolved' } },
  detect: (p) =>
    at(p, 'schemaId') === 'azureMonitorCommonAlertSchema' ||
    (at(p, 'data', 'essentials', 'alertId') !== undefined && at(p, 'data', 'essentials', 'alertRule') !== undefined),
  source: 'Azure Monitor',
  evidence: ['$.data.alertContext', '$.data.essentials.description', '$.data.customProperties'],
  metadata: [
    'alertId',
    'originAlertId',
    'alertTargetIDs',
    'configurationItems',
    'investigationLink',
    'linkToSearchResultsUI',
    'linkToFilteredSearchResultsUI',
    'linkToSearchResultsAPI',
    'linkToFilteredSearchResultsAPI',
    'searchQuery',
    'query',
    'resourceId',
    'ResourceId',
    '_ResourceId',
    'subscriptionId',
    'SubscriptionId',
    'workspaceId',
    'TenantId',
    'tenantId',
    'correlationId',
    'eventDataId',
    'operationId',
    'claims',
    'caller',
    'authorization',
    'httpRequest',
    'operationName',
    'scope',
    'metricNamespace',
    'resourceProviderName',
  ],
  allowDomains: ['portal.azure.com', 'management.azure.com', 'api.loganalytics.io', 'loganalytics.io', 'monitor.azure.com'],
  sample: 'samples/azure-monitor.json',
};
