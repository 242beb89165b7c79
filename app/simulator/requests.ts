/**
 * The simulator's requests in flight. Each HTTP request becomes the platform's steps (stage the body
 * under a fresh requestKey, publish WebhookEvent) and waits for the service's FireEvent or
 * WebhookEventResponse, the response timeout, or the service's exit: the caller gets exactly one answer.
 */
import { randomUUID } from 'node:crypto';
import type { KvStore } from '../core/ports.js';
import type { NameValue } from '../protocol/messages.js';
import { readResponseBody, readSession, stageBody, webhookEventMessage, type PlatformMessage } from '../platform-driver/conversation.js';
import type { EventLog, FiredSession, SimEvent } from './events.js';
import type { Reply } from './http-front.js';
import type { PlatformRequest } from './simulator-types.js';

interface Pending {
  event: SimEvent;
  started: number;
  request: PlatformRequest;
  reply: Reply;
  done: (event: SimEvent) => void;
  timer: NodeJS.Timeout;
}

export interface RequestDeskOptions {
  kv: KvStore;
  publish(message: PlatformMessage): Promise<void>;
  log: EventLog;
  timeoutMs: number;
  /** False until the service said Ready, and again once it exited: requests are answered 503. */
  serviceUp(): boolean;
  /** A request got its answer (logged already). */
  finished(event: SimEvent, request: PlatformRequest): void;
  /** One more fire of a batch whose caller already got its answer. */
  firedLater(event: SimEvent, fired: FiredSession): void;
}

export interface RequestDesk {
  newEvent(triggerId: number, method: string, path: string): SimEvent;
  /** Stages the body, publishes WebhookEvent, resolves when the service decided (or timed out). */
  dispatch(triggerId: number, request: PlatformRequest, reply: Reply, event?: SimEvent): Promise<SimEvent>;
  /** The service's FireEvent or WebhookEventResponse. */
  answered(message: PlatformMessage): Promise<void>;
  /** The service exited: every waiting caller gets 502. */
  serviceCrashed(code: number | null): void;
  /** The simulator stops: every waiting caller gets 503. */
  abandonAll(): void;
  /** How many requests wait for the service's answer. */
  inFlight(): number;
}

const JSON_TYPE: NameValue[] = [{ name: 'Content-Type', value: 'application/json' }];

/** A fired session's output variables by name (`#Trigger:<id>:<name>!<type>` fields). */
async function sessionOutputs(kv: KvStore, sessionId: string): Promise<FiredSession> {
  const outputs: FiredSession['outputs'] = {};
  for (const [field, value] of Object.entries(await readSession(kv, sessionId))) {
    const m = /^#Trigger:\d+:(.+)!([A-Za-z0-9_-]+)$/.exec(field);
    if (m) outputs[m[1]!] = { type: m[2]!, value };
  }
  return { sessionId, outputs };
}

/** The reason and detail of a JSON answer body, when it has them. */
function reasonOf(body: Buffer): { reason?: string; detail?: string } {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { reason?: unknown; detail?: unknown };
    return {
      ...(typeof parsed.reason === 'string' && parsed.reason ? { reason: parsed.reason } : {}),
      ...(typeof parsed.detail === 'string' && parsed.detail ? { detail: parsed.detail } : {}),
    };
  } catch {
    return {};
  }
}

export function createRequestDesk(options: RequestDeskOptions): RequestDesk {
  const { kv, log, timeoutMs } = options;
  const pending = new Map<string, Pending>();

  const finish = (p: Pending, status: number, headers: NameValue[], body: Buffer | string, patch: Partial<SimEvent>) => {
    clearTimeout(p.timer);
    pending.delete(p.event.requestKey);
    Object.assign(p.event, patch, { status, durationMs: Date.now() - p.started });
    p.reply(status, headers, body);
    log.add(p.event);
    options.finished(p.event, p.request);
    p.done(p.event);
  };
  const failJson = (p: Pending, status: number, error: string, reason: string, decision: SimEvent['decision']) =>
    finish(p, status, JSON_TYPE, JSON.stringify({ error, reason }), { decision, reason });

  const publishEvent = async (triggerId: number, event: SimEvent, request: PlatformRequest) => {
    await stageBody(kv, event.requestKey, request.body);
    const sent = { method: request.method, headers: request.headers, queryParams: request.query };
    await options.publish(webhookEventMessage(triggerId, event.requestKey, sent, { tokenPrefix: 'SIM' }));
  };

  const fired = async (m: PlatformMessage) => {
    const requestKey = String(m.requestKey ?? '');
    const session = await sessionOutputs(kv, String(m.sessionId));
    const p = pending.get(requestKey);
    if (p) {
      p.event.fires.push(session);
      const body = JSON.stringify({ fired: true, triggerId: m.triggerId, sessionId: m.sessionId, requestKey });
      finish(p, 200, JSON_TYPE, body, { decision: 'fired' });
      return;
    }
    // A further alert of the same batch, after the caller already got its answer.
    const e = log.byRequestKey(requestKey);
    if (!e) return;
    e.fires.push(session);
    options.firedLater(e, session);
  };

  const responded = async (m: PlatformMessage) => {
    const p = pending.get(String(m.requestKey ?? ''));
    if (!p) return;
    const body = await readResponseBody(kv, String(m.sessionId));
    const headers = Array.isArray(m.headers) ? (m.headers as NameValue[]) : [];
    finish(p, Number(m.statusCode) || 200, headers, body, {
      decision: 'responded',
      ...reasonOf(body),
      responseBody: body.toString('utf8').slice(0, 2000),
    });
  };

  const newEvent = (triggerId: number, method: string, path: string): SimEvent => ({
    seq: log.nextSeq(),
    at: new Date().toISOString(),
    triggerId,
    requestKey: randomUUID(),
    method,
    path: path.slice(0, 200),
    decision: 'unknown_trigger',
    status: 404,
    fires: [],
    durationMs: 0,
  });

  const dispatch = (triggerId: number, request: PlatformRequest, reply: Reply, event = newEvent(triggerId, request.method, request.path)) =>
    new Promise<SimEvent>((resolve) => {
      const timedOut = () =>
        finish(p, 504, JSON_TYPE, JSON.stringify({ error: 'timeout', reason: `no FireEvent or WebhookEventResponse within ${timeoutMs} ms` }), {
          decision: 'timeout',
          reason: `the service answered nothing within ${timeoutMs} ms`,
        });
      const p: Pending = { event, started: Date.now(), request, reply, done: resolve, timer: setTimeout(timedOut, timeoutMs) };
      if (!options.serviceUp()) {
        failJson(p, 503, 'service_unavailable', 'the service is not running (see the terminal)', 'service_unavailable');
        return;
      }
      pending.set(event.requestKey, p);
      publishEvent(triggerId, event, request).catch((err: unknown) => {
        const reason = err instanceof Error ? err.message : String(err);
        finish(p, 502, [], JSON.stringify({ error: 'platform', reason }), { decision: 'service_unavailable' });
      });
    });

  return {
    newEvent,
    dispatch,
    answered: (m) => (m.command === 'FireEvent' ? fired(m) : responded(m)),
    serviceCrashed(code) {
      const reason = `the service exited with code ${String(code)}`;
      for (const p of [...pending.values()]) failJson(p, 502, 'service_crashed', reason, 'service_crashed');
    },
    abandonAll() {
      for (const p of [...pending.values()]) {
        clearTimeout(p.timer);
        p.reply(503, JSON_TYPE, JSON.stringify({ error: 'simulator_stopping' }));
        p.done(p.event);
      }
      pending.clear();
    },
    inFlight: () => pending.size,
  };
}
