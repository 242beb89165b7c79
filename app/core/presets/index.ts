/** Every source preset, by its install.json name. */
import { awsGuardDuty } from './aws-guardduty.js';
import { crowdstrike } from './crowdstrike.js';
import { datadog } from './datadog.js';
import { elastic } from './elastic.js';
import { genericJson } from './generic-json.js';
import { grafana } from './grafana.js';
import { microsoft } from './microsoft.js';
import { pagerduty } from './pagerduty.js';
import type { Preset } from './preset.js';
import { splunk } from './splunk.js';
import { sumoLogic } from './sumo-logic.js';

export type { Preset } from './preset.js';

export const PRESETS: readonly Preset[] = [genericJson, splunk, elastic, grafana, datadog, microsoft, crowdstrike, awsGuardDuty, pagerduty, sumoLogic];

export const presetByName = (name: string): Preset | undefined => PRESETS.find((p) => p.name.toLowerCase() === name.trim().toLowerCase());
