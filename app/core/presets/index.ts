/** Every source preset, by its install.json name (earlier names accepted as aliases). */
import { alertmanager } from './alertmanager.js';
import { AUTO_DETECT } from './auto-detect.js';
import { awsGuardDuty } from './aws-guardduty.js';
import { awsSecurityHub } from './aws-security-hub.js';
import { azureMonitor } from './azure-monitor.js';
import { crowdstrike } from './crowdstrike.js';
import { datadog } from './datadog.js';
import { elastic } from './elastic.js';
import { elasticSecurity } from './elastic-security.js';
import { genericJson } from './generic-json.js';
import { github } from './github.js';
import { googleScc } from './google-scc.js';
import { grafana } from './grafana.js';
import { microsoftAlert } from './microsoft-alert.js';
import { okta } from './okta.js';
import { opsgenie } from './opsgenie.js';
import { pagerduty } from './pagerduty.js';
import type { Preset } from './preset.js';
import { sentinelIncident } from './sentinel-incident.js';
import { splunk } from './splunk.js';
import { sumoLogic } from './sumo-logic.js';
import { suricata } from './suricata.js';
import { wazuh } from './wazuh.js';

export type { Preset } from './preset.js';

/**
 * The vendor presets in Auto-detect order: the most specific shapes first (a PagerDuty or GitHub
 * header, a schema id), the loosest last; Generic JSON is the fallback.
 */
export const VENDOR_PRESETS: readonly Preset[] = [
  pagerduty,
  github,
  opsgenie,
  azureMonitor,
  sentinelIncident,
  microsoftAlert,
  elasticSecurity,
  elastic,
  grafana,
  alertmanager,
  awsSecurityHub,
  awsGuardDuty,
  googleScc,
  crowdstrike,
  wazuh,
  suricata,
  okta,
  datadog,
  splunk,
  sumoLogic,
];

export const PRESETS: readonly Preset[] = [AUTO_DETECT, genericJson, ...VENDOR_PRESETS];

export const presetByName = (name: string): Preset | undefined => {
  const wanted = name.trim().toLowerCase();
  return PRESETS.find((p) => p.name.toLowerCase() === wanted) ?? PRESETS.find((p) => p.aliases?.some((a) => a.toLowerCase() === wanted));
};

export { AUTO_DETECT };
export { genericJson };
