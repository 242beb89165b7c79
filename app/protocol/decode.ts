/**
 * Broker payload → typed inbound message, or a reason it was ignored. Never throws.
 * Rules (protocol §3.1, §9 items 1–2): command matched case-insensitively; `triggerId` coerced to an
 * integer; unknown commands and malformed messages are reported, not raised.
 */
import type { InboundMessage, NameValue, WebhookEventIn, WebhookMarshallEventIn, WebhookProblem } from './messages.js';

export type DecodeResult =
  | { ok: true; message: InboundMessage }
  | { ok: false; reason: 'not_json' | 'not_object' | 'unknown_command' | 'invalid_message'; detail: string; command?: string };

/** Null-prototype table: a wire string such as `constructor` or `__proto__` finds nothing. */
const COMMANDS: Readonly<Record<string, InboundMessage['command']>> = Object.assign(Object.create(null) as Record<string, InboundMessage['command']>, {
  heartbeat: 'Heartbeat',
  createconfig: 'CreateConfig',
  deleteconfig: 'DeleteConfig',
  webhookevent: 'WebhookEvent',
  webhookmarshallevent: 'WebhookMarshallEvent',
  loggingchange: 'LoggingChange',
  shutdown: 'Shutdown',
  brokercheck: 'BrokerCheck',
  acknowledged: 'Acknowledged',
});

/** Longest payload we parse at all: broker messages carry ids and headers, never bodies. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
export const MAX_LIST_ITEMS = 1000;
export const MAX_NAME_VALUE_LENGTH = 64 * 1024;
export const MAX_REQUEST_KEY_LENGTH = 1024;
/** Hard ceiling: a larger payload is not even parsed. Between the two limits only a webhook message is kept. */
export const MAX_SALVAGE_BYTES = 16 * 1024 * 1024;

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A field of a wire object, own properties only (never `constructor`, `toString`… from the prototype). */
function field(o: Obj, name: string): unknown {
  return Object.hasOwn(o, name) ? o[name] : undefined;
}

/** A wire object copied onto a null prototype, so later `out[key] = …` with key `__proto__` stays data. */
function nullPrototypeCopy(o: Obj): Obj {
  const out = Object.create(null) as Obj;
  for (const key of Object.keys(o)) Object.defineProperty(out, key, { value: o[key], enumerable: true, writable: true, configurable: true });
  return out;
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

/** A header value as text: strings as they are, other JSON stringified; undefined when it cannot be. */
function valueText(raw: unknown): string | undefined {
  if (raw === undefined || raw === null) return '';
  if (typeof raw === 'string') return raw;
  try {
    return JSON.stringify(raw);
  } catch {
    return undefined;
  }
}

type ListProblem = { problem: 'too_large' | 'malformed'; detail: string };

/** `[{name, value}]` lists; values that are not strings are stringified, null/absent lists become []. */
function nameValueList(v: unknown, label: string): NameValue[] | ListProblem {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return { problem: 'malformed', detail: `${label} must be a list of {name, value}` };
  if (v.length > MAX_LIST_ITEMS) return { problem: 'too_large', detail: `${label} has ${v.length} entries; the limit is ${MAX_LIST_ITEMS}` };
  const out: NameValue[] = [];
  for (const item of v) {
    const name = isObject(item) ? field(item, 'name') : undefined;
    if (!isObject(item) || typeof name !== 'string') return { problem: 'malformed', detail: `${label} entries need a string name` };
    const value = valueText(field(item, 'value'));
    if (value === undefined) return { problem: 'malformed', detail: `a ${label} value is nested too deeply` };
    if (name.length > MAX_NAME_VALUE_LENGTH || value.length > MAX_NAME_VALUE_LENGTH) {
      return { problem: 'too_large', detail: `a ${label} entry is longer than ${MAX_NAME_VALUE_LENGTH} characters` };
    }
    out.push({ name, value });
  }
  return out;
}

const isProblem = (v: NameValue[] | ListProblem): v is ListProblem => !Array.isArray(v);

function invalid(command: string, detail: string): DecodeResult {
  return { ok: false, reason: 'invalid_message', detail, command };
}

export function decodeMessage(payload: Buffer | string): DecodeResult {
  try {
    return decodeUnguarded(payload);
  } catch (err) {
    // A last guard (e.g. a value nested too deeply to stringify): reported like any malformed message.
    return { ok: false, reason: 'invalid_message', detail: `undecodable message (${err instanceof Error ? err.message.slice(0, 80) : 'error'})` };
  }
}

function decodeUnguarded(payload: Buffer | string): DecodeResult {
  const size = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
  // Over the limit only a webhook message is still read (up to a hard ceiling), so its caller can be answered.
  if (size > MAX_SALVAGE_BYTES) return { ok: false, reason: 'not_json', detail: `payload of ${size} bytes is over the limit` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8'));
  } catch {
    return { ok: false, reason: 'not_json', detail: 'payload is not JSON' };
  }
  if (size > MAX_MESSAGE_BYTES) return oversized(parsed, size);
  if (!isObject(parsed)) return { ok: false, reason: 'not_object', detail: 'payload is not a JSON object' };
  const o = parsed;
  const rawField = field(o, 'command');
  const rawCommand = typeof rawField === 'string' ? rawField : '';
  const command = COMMANDS[rawCommand.toLowerCase()];
  if (!command) {
    return { ok: false, reason: 'unknown_command', detail: `unknown command ${JSON.stringify(rawCommand.slice(0, 64))}` };
  }
  const rawTrigger = field(o, 'triggerId');
  const hasTrigger = rawTrigger !== undefined && rawTrigger !== null && rawTrigger !== '';
  const triggerId = hasTrigger ? coerceTriggerId(rawTrigger) : undefined;
  if (hasTrigger && triggerId === undefined) return invalid(command, 'triggerId is not an integer');

  switch (command) {
    case 'Heartbeat': {
      const metric = field(o, 'metric');
      return { ok: true, message: { command, metric: isObject(metric) ? nullPrototypeCopy(metric) : {} } };
    }
    case 'LoggingChange': {
      const level = optionalString(field(o, 'level'));
      if (!level) return invalid(command, 'level is required');
      return { ok: true, message: { command, level } };
    }
    case 'Shutdown': {
      const reason = optionalString(field(o, 'reason'));
      return { ok: true, message: reason === undefined ? { command } : { command, reason } };
    }
    case 'BrokerCheck':
      return { ok: true, message: { command } };
    case 'Acknowledged': {
      const type = optionalString(field(o, 'type'));
      return { ok: true, message: type === undefined ? { command } : { command, type } };
    }
    case 'CreateConfig': {
      if (triggerId === undefined) return invalid(command, 'triggerId is required');
      const rawConfig = field(o, 'config');
      const config = rawConfig === undefined || rawConfig === null ? {} : rawConfig;
      if (!isObject(config)) return invalid(command, 'config must be an object');
      const message: InboundMessage = { command, triggerId, config: nullPrototypeCopy(config) };
      const apiToken = optionalString(field(o, 'apiToken'));
      const expireSeconds = optionalNumber(field(o, 'expireSeconds'));
      const url = optionalString(field(o, 'url'));
      const appId = optionalNumber(field(o, 'appId'));
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
    case 'WebhookMarshallEvent':
      return decodeWebhook(command, o, triggerId);
  }
}

/** A payload over MAX_MESSAGE_BYTES: a webhook message is answered 431; anything else is ignored. */
function oversized(parsed: unknown, size: number): DecodeResult {
  const tooBig: DecodeResult = { ok: false, reason: 'not_json', detail: `payload of ${size} bytes is over the limit` };
  if (!isObject(parsed)) return tooBig;
  const rawCommand = field(parsed, 'command');
  const command = typeof rawCommand === 'string' ? COMMANDS[rawCommand.toLowerCase()] : undefined;
  if (command !== 'WebhookEvent' && command !== 'WebhookMarshallEvent') return tooBig;
  const decoded = decodeWebhook(command, parsed, coerceTriggerId(field(parsed, 'triggerId')));
  if (!decoded.ok) return decoded;
  const message = decoded.message as WebhookEventIn | WebhookMarshallEventIn;
  message.headers = [];
  if (message.command === 'WebhookEvent') message.queryParams = [];
  message.problem = { reason: 'headers_too_large', detail: `the request's headers make a ${size}-byte message; the limit is ${MAX_MESSAGE_BYTES}` };
  return decoded;
}

/**
 * A webhook message whose triggerId and requestKey can be read is always decoded, so the caller can
 * be answered: a malformed or oversized rest becomes `problem`, with the lists left empty.
 */
function decodeWebhook(command: 'WebhookEvent' | 'WebhookMarshallEvent', o: Obj, triggerId: number | undefined): DecodeResult {
  if (triggerId === undefined) return invalid(command, 'triggerId is required');
  const requestKey = optionalString(field(o, 'requestKey'));
  if (!requestKey || requestKey.length > MAX_REQUEST_KEY_LENGTH) {
    return invalid(command, `requestKey is required (at most ${MAX_REQUEST_KEY_LENGTH} characters)`);
  }
  const lists = {
    headers: nameValueList(field(o, 'headers'), 'headers'),
    queryParams: command === 'WebhookEvent' ? nameValueList(field(o, 'queryParams'), 'queryParams') : [],
  };
  const bad = [lists.headers, lists.queryParams].find(isProblem);
  const problem: WebhookProblem | undefined = bad
    ? { reason: bad.problem === 'too_large' ? 'headers_too_large' : 'malformed_request', detail: bad.detail }
    : undefined;
  const headers = isProblem(lists.headers) || problem ? [] : lists.headers;
  const bodyVariable = optionalString(field(o, 'bodyVariable'));
  let message: WebhookEventIn | WebhookMarshallEventIn;
  if (command === 'WebhookEvent') {
    const queryParams = isProblem(lists.queryParams) || problem ? [] : lists.queryParams;
    const method = optionalString(field(o, 'method')) ?? 'POST';
    message = { command, triggerId, requestKey, method: method.slice(0, 16), headers, queryParams };
  } else {
    const statusCode = optionalNumber(field(o, 'statusCode')) ?? 200;
    message = { command, triggerId, requestKey, headers, statusCode: Math.trunc(statusCode) };
  }
  if (bodyVariable !== undefined) message.bodyVariable = bodyVariable;
  if (problem) message.problem = problem;
  return { ok: true, message };
}
