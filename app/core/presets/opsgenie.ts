import type { Preset } from './preset.js';
import { at, isRecord, isText } from './shape.js';

/**
 * Opsgenie outgoing webhook integration: {action, alert: {alertId, message, description, priority,
 * tags, details, entity, alias, createdAt …}, source, integrationName}.
 * https://support.atlassian.com/opsgenie/docs/integrate-opsgenie-with-outgoing-webhooks/
 * Severity: priority P1–P5. Status from `action`: Create fires; Close / Delete resolved; Acknowledge
 * acknowledged; every other action (AddNote, AssignOwnership, Escalate …) `updated`. Id: `alertId`;
 * never `alias` (the deduplication key the sender chose) or `tinyId`.
 */
const UPDATED = [
  'unacknowledge',
  'addnote',
  'addrecipient',
  'addteam',
  'addresponder',
  'assignownership',
  'takeownership',
  'addtags',
  'removetags',
  'adddetails',
  'removedetails',
  'updatepriority',
  'updatemessage',
  'updatedescription',
  'escalate',
  'escalatenext',
  'snooze',
  'snoozeended',
  'updatealias',
  'addtoincident',
  'customaction',
];

export const opsgenie: Preset = {
  name: 'Opsgenie',
  docs: 'https://support.atlassian.com/opsgenie/docs/integrate-opsgenie-with-outgoing-webhooks/',
  fields: {
    id: ['$.alert.alertId'],
    title: ['$.alert.message'],
    description: ['$.alert.description'],
    timestamp: ['$.alert.createdAt'],
    link: [],
  },
  severity: [{ path: '$.alert.priority', scale: 'P1-P5' }],
  status: {
    paths: ['$.action'],
    map: {
      create: 'firing',
      close: 'resolved',
      delete: 'resolved',
      acknowledge: 'acknowledged',
      ...Object.fromEntries(UPDATED.map((w) => [w, 'updated' as const])),
    },
    otherwise: 'updated',
  },
  detect: (p) => isText(at(p, 'action')) && isRecord(at(p, 'alert')) && isText(at(p, 'alert', 'alertId')),
  source: 'Opsgenie',
  evidence: ['$.alert.message', '$.alert.description', '$.alert.details', '$.alert.tags', '$.alert.note'],
  assets: ['$.alert.entity'],
  metadata: ['alertId', 'tinyId', 'alias', 'userId', 'username', 'integrationId', 'responders', 'teams', 'owner', 'recipients', 'actions'],
  allowDomains: ['opsgenie.com', 'atlassian.net', 'atlassian.com'],
  sample: 'samples/opsgenie.json',
};
