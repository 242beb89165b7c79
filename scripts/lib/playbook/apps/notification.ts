/**
 * TCPB - ThreatConnect Notification v1: recorded, never sent. tc_action "Notify Entire
 * Organization" or "Notify Single Recipient" (recipient / recipients); type, priority, message.
 */
import { AppFailure } from '../errors.js';
import type { AppImpl } from './app.js';

export const notification: AppImpl = ({ params, run, label }) => {
  const action = params.text('tc_action', { fallback: 'Notify Entire Organization' }).trim();
  let recipients: string;
  if (/entire organization/i.test(action)) recipients = 'Entire Organization';
  else if (/single recipient/i.test(action)) recipients = params.text('recipient', { fallback: params.text('recipients') }).trim();
  else throw new AppFailure(`tc_action ${JSON.stringify(action)} is not "Notify Entire Organization" or "Notify Single Recipient"`);
  if (!recipients) throw new AppFailure('Notify Single Recipient needs a recipient');
  const type = params.text('notification_type', { required: true });
  if (type.length > 50) throw new AppFailure('notification_type is longer than 50 characters');
  const priority = params.text('priority', { fallback: 'Medium' });
  if (!/^(low|medium|high)$/i.test(priority.trim())) throw new AppFailure(`priority ${JSON.stringify(priority)} is not Low, Medium or High`);
  const message = params.text('message', { required: true });
  if (Buffer.byteLength(message) > 64 * 1024) throw new AppFailure('message is over 64 KB');
  run.notifications.push({ type, priority, recipients, message, job: label });
  return { outputs: [] };
};
