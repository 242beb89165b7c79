/**
 * Broker payload → typed inbound message, or a reason it was ignored. Never throws.
 * Rules (protocol §3.1, §9 items 1–2): command matched case-insensitively; `triggerId` coerced to an
 * integer; unknown commands and malformed messages are reported, not raised.
 */
import type { InboundMessage, NameValue } from './messages.js';

export type DecodeResult =
  | { ok: true; message: InboundMessage }
  | { ok: false; reason: 'not_json' | 'not_object' | 'unknown_command' | 'invalid_message'; detail: string; command?: string };

const COMMANDS: Record<string, InboundMessage['command']> = {
  heartbeat: 'Heartbeat',
  createconfig: 'CreateConfig',
  deleteconfig: 'DeleteConfig',
  webhookevent: 'WebhookEvent',
  webhookmarshallevent: 'WebhookMarshallEvent',
  loggingchange: 'LoggingChange',
  shutdown: 'Shutdown',
  brokercheck: 'BrokerCheck',
  acknowledged: 'Acknowledged',
};

/** Longest payload we parse at all: broker messages carry ids and headers, never bodies. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
const MAX_LIST_ITEMS = 1000;
const MAX_NAME_VALUE_LENGTH = 64 * 1024;

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function coerceTriggerId(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d{1,15}$/.test(v.trim())) return Number.parseInt(v.trim(), 10);
  return undefined;
}

function optionalString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function optionalNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** `[{name, value}]` lists; values that are not strings are stringified, null/absent lists become []. */
function nameValueList(v: unknown, field: string): NameValue[] | string {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return `${field} must be a list of {name, value}`;
  if (v.length > MAX_LIST_ITEMS) return `${field} has more than ${MAX_LIST_ITEMS} entries`;
  const out: NameValue[] = [];
  for (const item of v) {
    if (!isObject(item) || typeof item.name !== 'string') return `${field} entries need a string name`;
    const raw = item.value;
    const value = raw === undefined || raw === null ? '' : typeof raw === 'string' ? raw : JSON.stringify(raw);
    if (item.name.length > MAX_NAME_VALUE_LENGTH || value.length > MAX_NAME_VALUE_LENGTH) {
      return `${field} entry longer than ${MAX_NAME_VALUE_LENGTH} characters`;
    }
    out.push({ name: item.name, value });
  }
  return out;
}

function invalid(command: string, detail: string): DecodeResult {
  return { ok: false, reason: 'invalid_message', detail, command };
}

export function decodeMessage(payload: Buffer | string): DecodeResult {
  const size = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
  if (size > MAX_MESSAGE_BYTES) return { ok: false, reason: 'not_json', detail: `payload of ${size} bytes is over the limit` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8'));
  } catch {
    return { ok: false, reason: 'not_json', detail: 'payload is not JSON' };
  }
  if (!isObject(parsed)) return { ok: false, reason: 'not_object', detail: 'payload is not a JSON object' };
  const rawCommand = typeof parsed.command === 'string' ? parsed.command : '';
  const command = COMMANDS[rawCommand.toLowerCase()];
  if (!command) {
    return { ok: false, reason: 'unknown_command', detail: `unknown command ${JSON.stringify(rawCommand.slice(0, 64))}` };
  }
  const hasTrigger = parsed.triggerId !== undefined && parsed.triggerId !== null && parsed.triggerId !== '';
  const triggerId = hasTrigger ? coerceTriggerId(parsed.triggerId) : undefined;
  if (hasTrigger && triggerId === undefined) return invalid(command, 'triggerId is not an integer');

  switch (command) {
    case 'Heartbeat':
      return { ok: true, message: { command, metric: isObject(parsed.metric) ? parsed.metric : {} } };
    case 'LoggingChange': {
      const level = optionalString(parsed.level);
      if (!level) return invalid(command, 'level is required');
      return { ok: true, message: { command, level } };
    }
    case 'Shutdown': {
      const reason = optionalString(parsed.reason);
      return { ok: true, message: reason === undefined ? { command } : { command, reason } };
    }
    case 'BrokerCheck':
      return { ok: true, message: { command } };
    case 'Acknowledged': {
      const type = optionalString(parsed.type);
      return { ok: true, message: type === undefined ? { command } : { command, type } };
    }
    case 'CreateConfig': {
      if (triggerId === undefined) return invalid(command, 'triggerId is required');
      const config = parsed.config === undefined || parsed.config === null ? {} : parsed.config;
      if (!isObject(config)) return invalid(command, 'config must be an object');
      const message: InboundMessage = { command, triggerId, config };
      const apiToken = optionalString(parsed.apiToken);
      const expireSeconds = optionalNumber(parsed.expireSeconds);
      const url = optionalString(parsed.url);
      const appId = optionalNumber(parsed.appId);
      if (apiToken !== undefined) message.apiToken = apiToken;
      if (expireSeconds !== undefined) message.expireSeconds = expireSeconds;
      if (url !== undefined) message.url = url;
      if (appId !== undefined) message.appId = appId;
      return { ok: true, message };
    }
    case 'DeleteConfig':
      if (triggerId === undefined) return invalid(command, 'triggerId is required');
      return { ok: true, message: { command, triggerId } };
    case 'WebhookEvent':
    case 'WebhookMarshallEvent': {
      if (triggerId === undefined) return invalid(command, 'triggerId is required');
      const requestKey = optionalString(parsed.requestKey);
      if (!requestKey || requestKey.length > 256) return invalid(command, 'requestKey is required (at most 256 characters)');
      const headers = nameValueList(parsed.headers, 'headers');
      if (typeof headers === 'string') return invalid(command, headers);
      const bodyVariable = optionalString(parsed.bodyVariable);
      if (command === 'WebhookEvent') {
        const queryParams = nameValueList(parsed.queryParams, 'queryParams');
        if (typeof queryParams === 'string') return invalid(command, queryParams);
        const method = optionalString(parsed.method) ?? 'POST';
        const message: InboundMessage = { command, triggerId, requestKey, method: method.slice(0, 16), headers, queryParams };
        if (bodyVariable !== undefined) message.bodyVariable = bodyVariable;
        return { ok: true, message };
      }
      const statusCode = optionalNumber(parsed.statusCode) ?? 200;
      const message: InboundMessage = { command, triggerId, requestKey, headers, statusCode: Math.trunc(statusCode) };
      if (bodyVariable !== undefined) message.bodyVariable = bodyVariable;
      return { ok: true, message };
    }
  }
}
