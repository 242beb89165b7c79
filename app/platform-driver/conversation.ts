/**
 * ThreatConnect's side of the conversation, for every platform stand-in (the simulator, the e2e
 * tests, the bench): the messages the platform sends, the body it stages before a WebhookEvent,
 * and how it reads a response body or a fired session back. Works with any store that has HSET /
 * HGET / HGETALL (ioredis, the simulator's client).
 */
import { randomBytes } from 'node:crypto';
import type { NameValue } from '../protocol/messages.js';
import { REQUEST_BODY_FIELD, RESPONSE_BODY_FIELD } from '../protocol/kv-fields.js';

export type PlatformMessage = Record<string, unknown>;

/** The store operations the platform side needs. */
export interface PlatformStore {
  hset(key: string, field: string, value: string): Promise<unknown>;
  hget(key: string, field: string): Promise<string | null>;
  hgetall(key: string): Promise<Record<string, string>>;
}

export interface PlatformRequest {
  method: string;
  headers: NameValue[];
  queryParams: NameValue[];
}

/** A platform-style API token for a message (`<prefix>:<random>`). */
const token = (prefix: string): string => `${prefix}:${randomBytes(8).toString('hex')}`;
const inSeconds = (s: number): number => Math.floor(Date.now() / 1000) + s;

export function createConfigMessage(
  triggerId: number | string,
  config: Record<string, unknown>,
  options: { tokenPrefix?: string; url?: string } = {},
): PlatformMessage {
  return {
    command: 'CreateConfig',
    triggerId,
    appId: 1,
    apiToken: token(options.tokenPrefix ?? 'PLATFORM'),
    expireSeconds: inSeconds(86_400),
    url: options.url ?? `http://127.0.0.1/${triggerId}`,
    config,
  };
}

/** The platform's Heartbeat (the service answers with its own). */
export const heartbeatMessage = (): PlatformMessage => ({ command: 'Heartbeat', metric: {}, memoryPercent: 0, cpuPercent: 0 });

export const shutdownMessage = (reason: string): PlatformMessage => ({ command: 'Shutdown', reason });

export const deleteConfigMessage = (triggerId: number | string): PlatformMessage => ({ command: 'DeleteConfig', triggerId });

/** The WebhookEvent for a request whose body was staged under `requestKey`. */
export function webhookEventMessage(
  triggerId: number | string,
  requestKey: string,
  request: PlatformRequest,
  options: { tokenPrefix?: string } = {},
): PlatformMessage {
  return {
    command: 'WebhookEvent',
    triggerId,
    requestKey,
    method: request.method,
    headers: request.headers,
    queryParams: request.queryParams,
    bodyVariable: REQUEST_BODY_FIELD,
    appId: 1,
    apiToken: token(options.tokenPrefix ?? 'PLATFORM'),
    expireSeconds: inSeconds(3600),
  };
}

/** Stages the body the platform's way: base64 under the requestKey. An empty body is not staged. */
export async function stageBody(store: PlatformStore, requestKey: string, body: Buffer): Promise<void> {
  if (body.length > 0) await store.hset(requestKey, REQUEST_BODY_FIELD, body.toString('base64'));
}

/** The body of a WebhookEventResponse (stored as a JSON string of base64); raw text is taken as is. Empty when none. */
export async function readResponseBody(store: PlatformStore, sessionId: string): Promise<Buffer> {
  const stored = await store.hget(sessionId, RESPONSE_BODY_FIELD);
  if (!stored) return Buffer.alloc(0);
  try {
    return Buffer.from(JSON.parse(stored) as string, 'base64');
  } catch {
    return Buffer.from(stored);
  }
}

/** A fired session's output variables, JSON-decoded per field. */
export async function readSession(store: PlatformStore, sessionId: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(await store.hgetall(sessionId))) {
    try {
      out[k] = JSON.parse(v);
    } catch {
      out[k] = v;
    }
  }
  return out;
}
