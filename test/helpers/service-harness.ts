/**
 * createService in-process: memory KV (whose operations a test can make fail), captured publishes
 * (which a test can make fail), a capturing logger and manual time. No broker, no process.
 */
import { randomUUID } from 'node:crypto';
import { createService, type Service } from '../../app/core/service/service.js';
import { createAlertApp } from '../../app/core/alert-app.js';
import { createMemoryKv, type MemoryKv } from '../../app/adapters/kv/memory.js';
import type { ServiceApp } from '../../app/core/app.js';
import type { KvStore, Logger, LogFields } from '../../app/core/ports.js';
import type { OutboundMessage } from '../../app/protocol/messages.js';
import { manualTime, type ManualTime } from './manual-timers.js';
import { repoManifest } from '../../scripts/lib/repo-manifest.js';

export type Line = { level: string; message: string; fields: LogFields };

export function captureLogger(lines: Line[], base: LogFields = {}): Logger {
  const at =
    (level: string) =>
    (message: string, fields: LogFields = {}) =>
      void lines.push({ level, message, fields: { ...base, ...fields } });
  return {
    trace: at('trace'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (f) => captureLogger(lines, { ...base, ...f }),
  };
}

export interface Harness {
  service: Service;
  kv: MemoryKv;
  time: ManualTime;
  sent: OutboundMessage[];
  /** Messages published to the server topic (BrokerCheck). */
  toServer: OutboundMessage[];
  lines: Line[];
  stopped: string[];
  /** Makes the next publishes of these commands reject (the broker refused them). */
  failPublish: Set<string>;
  /** Makes the publishes it answers true for reject (e.g. one FireEvent of a batch). */
  failPublishIf: { test?: (m: OutboundMessage) => boolean };
  /** Makes these key-value operations reject (the store is down). */
  failKv: Set<keyof KvStore>;
  /** Resolves once `count` messages matching `pick` were published. */
  until(pick: (m: OutboundMessage) => boolean, count?: number): Promise<OutboundMessage[]>;
}

export interface HarnessOptions {
  maxConcurrentEvents?: number;
  maxQueuedEvents?: number;
  features?: string[];
}

/** The memory KV with a switch per operation. */
function faultyKv(kv: MemoryKv, failKv: Set<keyof KvStore>): KvStore {
  return new Proxy(kv, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        failKv.has(name as keyof KvStore) ? Promise.reject(new Error('store down')) : (value as (...a: unknown[]) => unknown).apply(target, args);
    },
  });
}

export function startService(app: ServiceApp = createAlertApp(repoManifest()), options: HarnessOptions = {}): Harness {
  const time = manualTime();
  const kv = createMemoryKv({ clock: time.clock });
  const sent: OutboundMessage[] = [];
  const toServer: OutboundMessage[] = [];
  const lines: Line[] = [];
  const stopped: string[] = [];
  const failPublish = new Set<string>();
  const failPublishIf: Harness['failPublishIf'] = {};
  const failKv = new Set<keyof KvStore>();
  const waiters: Array<() => void> = [];
  const logger = captureLogger(lines);
  const publishTo =
    (into: OutboundMessage[]) =>
    async (m: OutboundMessage): Promise<void> => {
      await Promise.resolve();
      if (failPublish.has(m.command) || failPublishIf.test?.(m)) throw new Error('broker refused the publish');
      into.push(m);
      for (const w of waiters.splice(0)) w();
    };
  const service = createService({
    app,
    kv: faultyKv(kv, failKv),
    http: { request: async () => ({ status: 599, headers: {}, body: '' }) },
    tcApi: { get: async () => ({ status: 599, headers: {}, body: '' }) },
    clock: time.clock,
    timers: time.timers,
    logger,
    serviceInputs: {},
    publish: publishTo(sent),
    publishToServer: publishTo(toServer),
    triggerLogger: (id) => ({ logger: logger.child({ triggerId: id }), logFile: `trigger-id-${id}.log` }),
    closeTriggerLogger: () => undefined,
    setLogLevel: () => true,
    tokens: { register: () => undefined, unregister: () => undefined },
    resolveVariables: async (inputs) => ({ inputs, secrets: [] }),
    addSecret: () => undefined,
    newSessionId: () => randomUUID(),
    onStopped: (reason) => void stopped.push(reason),
    options: {
      features: options.features ?? [],
      listDelimiter: '|',
      multiValueInputs: new Set(),
      encryptedInputs: new Set(),
      maxConcurrentEvents: options.maxConcurrentEvents ?? 4,
      maxQueuedEvents: options.maxQueuedEvents ?? 100,
      drainTimeoutMs: 2000,
    },
  });
  const until = (pick: (m: OutboundMessage) => boolean, count = 1): Promise<OutboundMessage[]> =>
    new Promise((resolve) => {
      const check = (): void => {
        const found = sent.filter(pick);
        if (found.length >= count) resolve(found);
        else waiters.push(check);
      };
      check();
    });
  return { service, kv, time, sent, toServer, lines, stopped, failPublish, failPublishIf, failKv, until };
}

export const OUT = '#Trigger:1:alert_intake.results.alert.title!String';
export const send = (h: Harness, m: Record<string, unknown>): void => h.service.receive(JSON.stringify(m));
export const responses = (h: Harness, requestKey: string) => h.sent.filter((m) => m.command === 'WebhookEventResponse' && m.requestKey === requestKey);
export const fires = (h: Harness, requestKey: string) => h.sent.filter((m) => m.command === 'FireEvent' && m.requestKey === requestKey);
export const isAnswerOf = (requestKey: string) => (m: OutboundMessage) =>
  (m.command === 'WebhookEventResponse' || m.command === 'FireEvent') && m.requestKey === requestKey;

/** CreateConfig for trigger 1 (or `triggerId`); resolves with the ack's status. */
export async function configure(h: Harness, inputs: Record<string, unknown> = {}, triggerId = 1): Promise<string> {
  const before = h.sent.filter((m) => m.command === 'Acknowledged' && m.type === 'CreateConfig').length;
  send(h, { command: 'CreateConfig', triggerId, config: { tc_playbook_out_variables: OUT, ...inputs } });
  const acks = await h.until((m) => m.command === 'Acknowledged' && m.type === 'CreateConfig', before + 1);
  return (acks[before] as { status: string }).status;
}

export async function postAlert(h: Harness, body: string | Buffer, requestKey: string = randomUUID(), extra: Record<string, unknown> = {}): Promise<string> {
  await h.kv.hset(requestKey, 'request.body', Buffer.from(body).toString('base64'));
  send(h, {
    command: 'WebhookEvent',
    triggerId: 1,
    requestKey,
    method: 'POST',
    headers: [{ name: 'Content-Type', value: 'application/json' }],
    queryParams: [],
    ...extra,
  });
  return requestKey;
}

export function answerBody(h: Harness, m: OutboundMessage): Promise<{ status: string; reason: string; detail: string }> {
  const sessionId = (m as { sessionId: string }).sessionId;
  return h.kv.hget(sessionId, 'response.body').then((v) => JSON.parse(Buffer.from(JSON.parse(v!) as string, 'base64').toString('utf8')));
}

/** Awaits `work`, moving manual time forward `stepMs` each turn of the event loop until it settles. */
export async function advanceUntil<T>(h: Harness, work: Promise<T>, stepMs = 100): Promise<T> {
  let done = false;
  const settled = work.finally(() => (done = true));
  while (!done) {
    await new Promise((r) => setImmediate(r));
    if (!done) h.time.advance(stepMs);
  }
  return settled;
}
