/** Builders for every outgoing message: exact PascalCase names, integer triggerIds (protocol §9). */
import type {
  AckStatus,
  BrokerCheckOut,
  CreateConfigAck,
  DeleteConfigAck,
  FireEventOut,
  HeartbeatOut,
  NameValue,
  ReadyOut,
  ShutdownAck,
  WebhookEventAck,
  WebhookEventResponseOut,
} from './messages.js';

export const ready = (): ReadyOut => ({ command: 'Ready' });

export const heartbeat = (metric: Record<string, number>): HeartbeatOut => ({ command: 'Heartbeat', metric });

export const createConfigAck = (triggerId: number, status: AckStatus, message: string, logFile: string): CreateConfigAck => ({
  command: 'Acknowledged',
  type: 'CreateConfig',
  triggerId,
  status,
  message,
  logFile,
});

export const deleteConfigAck = (triggerId: number, status: AckStatus, message: string): DeleteConfigAck => ({
  command: 'Acknowledged',
  type: 'DeleteConfig',
  triggerId,
  status,
  message,
});

export const webhookEventAck = (type: 'WebhookEvent' | 'WebhookMarshallEvent', triggerId: number, requestKey: string): WebhookEventAck => ({
  command: 'Acknowledged',
  type,
  triggerId,
  requestKey,
});

export const shutdownAck = (): ShutdownAck => ({ command: 'Acknowledged', type: 'Shutdown' });

export const fireEvent = (triggerId: number, sessionId: string, requestKey?: string): FireEventOut =>
  requestKey === undefined ? { command: 'FireEvent', triggerId, sessionId } : { command: 'FireEvent', triggerId, sessionId, requestKey };

export const webhookEventResponse = (
  triggerId: number,
  sessionId: string,
  requestKey: string,
  statusCode: number,
  headers: NameValue[],
): WebhookEventResponseOut => ({
  command: 'WebhookEventResponse',
  triggerId,
  sessionId,
  requestKey,
  statusCode,
  headers,
  bodyVariable: 'response.body',
});

export const brokerCheck = (date: Date, watchdogSeconds: number): BrokerCheckOut => ({
  command: 'BrokerCheck',
  date: date.toISOString(),
  heartbeat_watchdog: watchdogSeconds,
});
