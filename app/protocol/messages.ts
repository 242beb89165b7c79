/**
 * The ONE place for the ThreatConnect service wire types (protocol.md §3).
 * Inbound messages are parsed from `unknown` by `decode.ts`; outbound ones are built by `encode.ts`.
 * Outbound command/type names are exact PascalCase: the platform parses them as a Java enum.
 */

/** A header or query parameter as the platform sends it: request order, repeated names kept. */
export interface NameValue {
  name: string;
  value: string;
}

// ---------------------------------------------------------------- Platform → App (server topic)

export interface HeartbeatIn {
  command: 'Heartbeat';
  metric?: Record<string, unknown>;
  memoryPercent?: number;
  cpuPercent?: number;
}

export interface CreateConfigIn {
  command: 'CreateConfig';
  triggerId: number;
  config: Record<string, unknown>;
  apiToken?: string;
  /** Epoch seconds, despite the name. */
  expireSeconds?: number;
  appId?: number;
  url?: string;
}

export interface DeleteConfigIn {
  command: 'DeleteConfig';
  triggerId: number;
  appId?: number;
}

/**
 * What was wrong with a webhook message whose triggerId and requestKey could still be read: the
 * service acknowledges it and answers the caller with this reason instead of dropping it.
 */
export interface WebhookProblem {
  reason: 'headers_too_large' | 'malformed_request';
  detail: string;
}

export interface WebhookEventIn {
  command: 'WebhookEvent';
  triggerId: number;
  requestKey: string;
  method: string;
  headers: NameValue[];
  queryParams: NameValue[];
  bodyVariable?: string;
  apiToken?: string;
  expireSeconds?: number;
  appId?: number;
  problem?: WebhookProblem;
}

export interface WebhookMarshallEventIn {
  command: 'WebhookMarshallEvent';
  triggerId: number;
  requestKey: string;
  headers: NameValue[];
  statusCode: number;
  bodyVariable?: string;
  appId?: number;
  problem?: WebhookProblem;
}

export interface LoggingChangeIn {
  command: 'LoggingChange';
  level: string;
}

export interface ShutdownIn {
  command: 'Shutdown';
  reason?: string;
}

/** Our own self-test echo, and the platform's acks of our messages: logged only. */
export interface BrokerCheckIn {
  command: 'BrokerCheck';
}
export interface AcknowledgedIn {
  command: 'Acknowledged';
  type?: string;
}

export type InboundMessage =
  | HeartbeatIn
  | CreateConfigIn
  | DeleteConfigIn
  | WebhookEventIn
  | WebhookMarshallEventIn
  | LoggingChangeIn
  | ShutdownIn
  | BrokerCheckIn
  | AcknowledgedIn;

export type InboundCommand = InboundMessage['command'];

// ---------------------------------------------------------------- App → Platform (client topic)

export interface ReadyOut {
  command: 'Ready';
}

export interface HeartbeatOut {
  command: 'Heartbeat';
  metric: Record<string, number>;
}

export type AckStatus = 'Success' | 'Failed';

export interface CreateConfigAck {
  command: 'Acknowledged';
  type: 'CreateConfig';
  triggerId: number;
  status: AckStatus;
  message: string;
  /** Relative to tc_log_path (protocol §3.2 item 3: the key the platform's model reads). */
  logFile: string;
}

export interface DeleteConfigAck {
  command: 'Acknowledged';
  type: 'DeleteConfig';
  triggerId: number;
  status: AckStatus;
  message: string;
}

export interface WebhookEventAck {
  command: 'Acknowledged';
  type: 'WebhookEvent' | 'WebhookMarshallEvent';
  triggerId: number;
  requestKey: string;
}

export interface ShutdownAck {
  command: 'Acknowledged';
  type: 'Shutdown';
}

export interface FireEventOut {
  command: 'FireEvent';
  triggerId: number;
  sessionId: string;
  /** Present for webhook-originated fires (protocol §3.2 item 8; not in the spec). */
  requestKey?: string;
}

export interface WebhookEventResponseOut {
  command: 'WebhookEventResponse';
  triggerId: number;
  sessionId: string;
  requestKey: string;
  statusCode: number;
  headers: NameValue[];
  bodyVariable: 'response.body';
}

export interface BrokerCheckOut {
  command: 'BrokerCheck';
  date: string;
  heartbeat_watchdog: number;
}

export type OutboundMessage =
  | ReadyOut
  | HeartbeatOut
  | CreateConfigAck
  | DeleteConfigAck
  | WebhookEventAck
  | ShutdownAck
  | FireEventOut
  | WebhookEventResponseOut
  | BrokerCheckOut;
