/**
 * The simulated ThreatConnect platform (`npm start`): an embedded MQTT broker, an in-memory
 * key-value store behind a RESP server, and an HTTP front that turns each request into the
 * platform's steps — stage the body (base64) under a fresh requestKey, publish WebhookEvent, wait
 * for FireEvent or WebhookEventResponse, answer the caller. The service runs as its own process,
 * launched through the same entry and params file the platform uses.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Express } from 'express';
import mqtt, { type MqttClient } from 'mqtt';
import { createRedisKvFromUrl } from '../adapters/kv/redis.js';
import type { KvStore } from '../core/ports.js';
import type { NameValue } from '../protocol/messages.js';
import { startEmbeddedBroker, type EmbeddedBroker } from './broker.js';
import { awaitLoggedDecision } from './decision-log.js';
import { EventLog, type FiredSession, type SimEvent } from './events.js';
import { startKvServer, type KvServer } from './kv-server.js';
import { formatEvent, type EventDetail } from './print.js';
import { launchService, serviceParams, type LaunchedService, type SpawnSpec } from '../platform-driver/launch.js';
import { createConfigMessage, readResponseBody, readSession, stageBody, webhookEventMessage } from '../platform-driver/conversation.js';
import type { TriggersFile } from './triggers-file.js';
import { createHttpFront, listenOnLoopback } from './http-front.js';

export interface SimulatorOptions {
  /** The app folder: install.json is read from here and the service runs in it. */
  appDir: string;
  triggers: TriggersFile;
  /** How to start the service; false: the user starts it (printed command). Default: node <appDir>/dist/run.js. */
  spawn?: SpawnSpec | false;
  /** HTTP front port on 127.0.0.1 (0 = any free port). */
  port?: number;
  redisUrl?: string;
  brokerUrl?: string;
  hbIntervalMs?: number;
  responseTimeoutMs?: number;
  eventsKept?: number;
  logDir?: string;
  logLevel?: string;
  /** Where readable lines go (default: stdout); quiet drops event blocks and service output. */
  print?: (text: string) => void;
  quiet?: boolean;
  /** How much of each event the terminal shows (default block). */
  detail?: EventDetail;
  /** Adds routes before the webhook catch-all (the console does); called once, before listening. */
  extend?: (app: Express, control: PlatformControl) => void;
}

/** One HTTP request as the platform turns it into a WebhookEvent. */
export interface PlatformRequest {
  method: string;
  path: string;
  headers: NameValue[];
  query: NameValue[];
  body: Buffer;
}

/** What an extension may do with the running platform. */
export interface PlatformControl {
  readonly triggers: TriggersFile;
  /** Sends a request to a configured trigger as the HTTP front would; resolves with the finished event. */
  deliver(triggerId: number, request: PlatformRequest): Promise<SimEvent>;
  /** Sends CreateConfig with these inputs and resolves with the service's acknowledgement. */
  configure(triggerId: number, inputs: Record<string, unknown>, outputs?: string[]): Promise<{ status: string; message: string }>;
  /** Sends DeleteConfig (no answer awaited). */
  unconfigure(triggerId: number): Promise<void>;
  /** Called for every finished event (again when a later fire of its batch arrives), with its request when there was one. */
  onEvent(listener: (event: SimEvent, request?: PlatformRequest) => void): void;
}

/** The methods the HTTP front passes on as WebhookEvents; others are answered 405. */
export interface Simulator {
  url: string;
  port: number;
  /** Milliseconds from launching the service to its Ready. */
  readyMs: number;
  /** The service process id (undefined with spawn: false). */
  servicePid: number | undefined;
  events(): SimEvent[];
  /** Resolves when the service exits (never, with spawn: false). */
  serviceExited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** CreateConfig outcome per trigger id. */
  configs(): Map<number, { status: string; message: string }>;
  stop(): Promise<void>;
}

interface Pending {
  event: SimEvent;
  started: number;
  request: PlatformRequest;
  reply: (status: number, headers: NameValue[], body: Buffer | string) => void;
  done: (event: SimEvent) => void;
  timer: NodeJS.Timeout;
}

type Msg = Record<string, unknown>;

function readOutputs(appDir: string): Array<{ name: string; type: string }> {
  const p = join(appDir, 'install.json');
  if (!existsSync(p)) return [];
  try {
    const doc = JSON.parse(readFileSync(p, 'utf8')) as { playbook?: { outputVariables?: Array<{ name: string; type: string }> } };
    return doc.playbook?.outputVariables ?? [];
  } catch {
    return [];
  }
}

function requestedOutputs(triggerId: number, declared: Array<{ name: string; type: string }>, only?: string[]): string {
  const all = declared.map((o) => `${o.name}!${o.type}`);
  const chosen = only ?? all;
  return chosen.map((o) => `#Trigger:${triggerId}:${o}`).join(',');
}

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const print = options.print ?? ((t: string) => process.stdout.write(`${t}\n`));
  const say = (t: string) => print(t);
  const log = new EventLog(options.eventsKept ?? 100);
  const timeoutMs = options.responseTimeoutMs ?? 10_000;
  const declared = readOutputs(options.appDir);
  const clientTopic = `alert-intake-client-${randomUUID()}`;
  const serverTopic = `alert-intake-server-${randomUUID()}`;
  const closers: Array<() => Promise<void>> = [];
  const workDir = options.logDir ?? join(tmpdir(), `alert-intake-sim-log-${process.pid}`);
  const printed = new WeakSet<SimEvent>();
  const printEvent = (e: SimEvent) => {
    printed.add(e);
    say(formatEvent(e, options.detail));
  };
  /** A fired request is printed once the service's decision line (with the batch's dropped alerts) and all its fires are in. */
  const printWhenSettled = (e: SimEvent) => {
    void awaitLoggedDecision(workDir, e.triggerId, e.requestKey, () => e.fires.length, 1000).then((found) => {
      if (found?.detail) e.detail = found.detail;
      printEvent(e);
    });
  };

  // Key-value store: a real Redis, or the in-memory one behind a RESP server.
  let kvHost: string;
  let kvPort: number;
  let kvServer: KvServer | null = null;
  if (options.redisUrl) {
    const u = new URL(options.redisUrl);
    kvHost = u.hostname;
    kvPort = Number(u.port || 6379);
  } else {
    kvServer = await startKvServer();
    kvHost = kvServer.host;
    kvPort = kvServer.port;
    closers.push(() => kvServer!.close());
  }
  const kv: KvStore = createRedisKvFromUrl(options.redisUrl ?? kvServer!.url);
  closers.push(() => kv.close());

  // Broker: a real one, or aedes in-process.
  let brokerHost: string;
  let brokerPort: number;
  let broker: EmbeddedBroker | null = null;
  if (options.brokerUrl) {
    const u = new URL(options.brokerUrl);
    brokerHost = u.hostname;
    brokerPort = Number(u.port || 1883);
  } else {
    broker = await startEmbeddedBroker();
    brokerHost = broker.host;
    brokerPort = broker.port;
    closers.push(() => broker!.close());
  }

  const core: MqttClient = await mqtt.connectAsync({ host: brokerHost, port: brokerPort, protocolVersion: 4, clean: true, reconnectPeriod: 500 });
  closers.unshift(() => core.endAsync(true).catch(() => undefined));
  core.on('error', () => undefined);
  const noDelay = () => (core.stream as { setNoDelay?: (v: boolean) => void } | undefined)?.setNoDelay?.(true);
  noDelay();
  core.on('connect', noDelay);
  await core.subscribeAsync(clientTopic, { qos: 1 });
  const send = (m: Msg) => core.publishAsync(serverTopic, JSON.stringify(m), { qos: 1 }).then(() => undefined);

  // State shared with the HTTP front.
  const pending = new Map<string, Pending>();
  const configs = new Map<number, { status: string; message: string }>();
  const configWaiters = new Map<number, Array<(ack: { status: string; message: string }) => void>>();
  const eventListeners: Array<(event: SimEvent, request?: PlatformRequest) => void> = [];
  const emitEvent = (event: SimEvent, request?: PlatformRequest) => {
    for (const l of eventListeners) {
      try {
        l(event, request);
      } catch (err) {
        say(`!! event listener: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };
  let url = '';
  let serviceUp = false;
  let stopping = false;
  let resolveReady!: () => void;
  const ready = new Promise<void>((r) => (resolveReady = r));

  const finish = (p: Pending, status: number, headers: NameValue[], body: Buffer | string, patch: Partial<SimEvent>) => {
    clearTimeout(p.timer);
    pending.delete(p.event.requestKey);
    Object.assign(p.event, patch, { status, durationMs: Date.now() - p.started });
    p.reply(status, headers, body);
    log.add(p.event);
    emitEvent(p.event, p.request);
    p.done(p.event);
    if (options.quiet) return;
    if (p.event.decision === 'fired') printWhenSettled(p.event);
    else printEvent(p.event);
  };

  const sessionOutputs = async (sessionId: string): Promise<FiredSession> => {
    const outputs: FiredSession['outputs'] = {};
    for (const [field, value] of Object.entries(await readSession(kv, sessionId))) {
      const m = /^#Trigger:\d+:(.+)!([A-Za-z0-9_-]+)$/.exec(field);
      if (m) outputs[m[1]!] = { type: m[2]!, value };
    }
    return { sessionId, outputs };
  };

  core.on('message', (topic, payload) => {
    if (topic !== clientTopic) return;
    let m: Msg;
    try {
      m = JSON.parse(payload.toString('utf8')) as Msg;
    } catch {
      say(`!! the service sent a non-JSON message: ${payload.toString('utf8').slice(0, 80)}`);
      return;
    }
    void onServiceMessage(m).catch((err: unknown) => say(`!! ${err instanceof Error ? err.message : String(err)}`));
  });

  async function onServiceMessage(m: Msg): Promise<void> {
    switch (m.command) {
      case 'Ready':
        serviceUp = true;
        resolveReady();
        return;
      case 'Acknowledged':
        if (m.type === 'CreateConfig') {
          const ack = { status: String(m.status), message: String(m.message ?? '') };
          configs.set(Number(m.triggerId), ack);
          for (const w of configWaiters.get(Number(m.triggerId)) ?? []) w(ack);
          configWaiters.delete(Number(m.triggerId));
          if (!options.quiet && m.status !== 'Success') say(`!! trigger ${String(m.triggerId)}: CreateConfig ${String(m.status)} — ${String(m.message)}`);
        }
        return;
      case 'FireEvent': {
        const requestKey = String(m.requestKey ?? '');
        const fired = await sessionOutputs(String(m.sessionId));
        const p = pending.get(requestKey);
        if (p) {
          p.event.fires.push(fired);
          finish(
            p,
            200,
            [{ name: 'Content-Type', value: 'application/json' }],
            JSON.stringify({ fired: true, triggerId: m.triggerId, sessionId: m.sessionId, requestKey }),
            { decision: 'fired' },
          );
        } else {
          // A further alert of the same batch, after the caller already got its answer.
          const e = log.byRequestKey(requestKey);
          if (e) {
            e.fires.push(fired);
            if (!options.quiet && printed.has(e)) say(`   #${e.seq}: one more fire, session ${fired.sessionId}`);
            emitEvent(e);
          }
        }
        return;
      }
      case 'WebhookEventResponse': {
        const p = pending.get(String(m.requestKey ?? ''));
        if (!p) return;
        const body = await readResponseBody(kv, String(m.sessionId));
        let reason: string | undefined;
        let detail: string | undefined;
        try {
          const parsed = JSON.parse(body.toString('utf8')) as { reason?: unknown; detail?: unknown };
          if (typeof parsed.reason === 'string') reason = parsed.reason;
          if (typeof parsed.detail === 'string') detail = parsed.detail;
        } catch {
          // not a JSON reason
        }
        const headers = Array.isArray(m.headers) ? (m.headers as NameValue[]) : [];
        finish(p, Number(m.statusCode) || 200, headers, body, {
          decision: 'responded',
          ...(reason ? { reason } : {}),
          ...(detail ? { detail } : {}),
          responseBody: body.toString('utf8').slice(0, 2000),
        });
        return;
      }
      default:
        return;
    }
  }

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
  /** Stages the body, publishes WebhookEvent, resolves when the service decided (or timed out). */
  const dispatch = (
    triggerId: number,
    request: PlatformRequest,
    reply: Pending['reply'],
    event = newEvent(triggerId, request.method, request.path),
  ): Promise<SimEvent> =>
    new Promise<SimEvent>((resolve) => {
      const started = Date.now();
      const p: Pending = {
        event,
        started,
        request,
        reply,
        done: resolve,
        timer: setTimeout(() => {
          finish(
            p,
            504,
            [{ name: 'Content-Type', value: 'application/json' }],
            JSON.stringify({ error: 'timeout', reason: `no FireEvent or WebhookEventResponse within ${timeoutMs} ms` }),
            {
              decision: 'timeout',
              reason: `the service answered nothing within ${timeoutMs} ms`,
            },
          );
        }, timeoutMs),
      };
      if (!serviceUp) {
        const reason = 'the service is not running (see the terminal)';
        finish(p, 503, [{ name: 'Content-Type', value: 'application/json' }], JSON.stringify({ error: 'service_unavailable', reason }), {
          decision: 'service_unavailable',
          reason,
        });
        return;
      }
      pending.set(event.requestKey, p);
      void (async () => {
        await stageBody(kv, event.requestKey, request.body);
        await send(
          webhookEventMessage(
            triggerId,
            event.requestKey,
            { method: request.method, headers: request.headers, queryParams: request.query },
            { tokenPrefix: 'SIM' },
          ),
        );
      })().catch((err: unknown) => {
        finish(p, 502, [], JSON.stringify({ error: 'platform', reason: err instanceof Error ? err.message : String(err) }), {
          decision: 'service_unavailable',
        });
      });
    });
  const configure = (triggerId: number, inputs: Record<string, unknown>, outputs?: string[]) =>
    new Promise<{ status: string; message: string }>((resolve) => {
      const timer = setTimeout(() => resolve({ status: 'Failed', message: 'the service did not acknowledge CreateConfig within 10 s' }), 10_000);
      const waiters = configWaiters.get(triggerId) ?? [];
      waiters.push((ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
      configWaiters.set(triggerId, waiters);
      send(
        createConfigMessage(
          triggerId,
          { ...inputs, tc_playbook_out_variables: requestedOutputs(triggerId, declared, outputs) },
          { tokenPrefix: 'SIM', url: `${url}/${triggerId}` },
        ),
      ).catch((err: unknown) => resolve({ status: 'Failed', message: err instanceof Error ? err.message : String(err) }));
    });
  const control: PlatformControl = {
    triggers: options.triggers,
    deliver: (triggerId, request) => dispatch(triggerId, request, () => undefined),
    configure: (triggerId, inputs, outputs) => configure(triggerId, inputs, outputs),
    unconfigure: async (triggerId) => {
      configs.delete(triggerId);
      await send({ command: 'DeleteConfig', triggerId });
    },
    onEvent: (listener) => void eventListeners.push(listener),
  };
  // HTTP front (app/simulator/http-front.ts).
  const app = createHttpFront({
    triggers: options.triggers,
    events: () => log.list(),
    control,
    ...(options.extend ? { extend: options.extend } : {}),
    newEvent,
    refused: (event) => {
      log.add(event);
      if (!options.quiet) printEvent(event);
      emitEvent(event);
    },
    dispatch,
  });
  const server: Server = await listenOnLoopback(app, options.port ?? 0).catch(async (err: unknown) => {
    for (const close of closers) await close().catch(() => undefined);
    throw err;
  });
  closers.unshift(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  );
  const port = (server.address() as { port: number }).port;
  url = `http://127.0.0.1:${port}`;

  // The service, launched as the platform does.
  const params = serviceParams(
    {
      broker: { host: brokerHost, port: brokerPort },
      kv: { host: kvHost, port: kvPort },
      clientTopic,
      serverTopic,
      logDir: workDir,
      logLevel: options.logLevel ?? 'info',
      apiPath: `${url}/api`,
    },
    { tc_token: `SIM:${randomBytes(12).toString('hex')}`, tc_token_expires: Math.floor(Date.now() / 1000) + 3600, ...options.triggers.service },
  );
  const spec: SpawnSpec | false =
    options.spawn === undefined ? { command: process.execPath, args: [join(options.appDir, 'dist/run.js')], cwd: options.appDir } : options.spawn;
  const launchedAt = Date.now();
  const service: LaunchedService = launchService(params, spec, (line) => {
    if (!options.quiet) say(`   [service] ${line}`);
  });
  if (spec === false) {
    say(
      `Start the service yourself (the params file is deleted once read):\n  cd ${options.appDir} && TC_APP_PARAM_FILE=${service.paramFile} TC_APP_PARAM_KEY=${service.paramKey} node dist/run.js`,
    );
  }
  void service.exited.then(({ code, signal }) => {
    serviceUp = false;
    if (stopping) return;
    say(
      `!! the service exited (code ${String(code)}${signal ? `, signal ${signal}` : ''}); requests are answered 502/503 until you restart the simulator. Logs: ${workDir}`,
    );
    for (const p of [...pending.values()]) {
      finish(
        p,
        502,
        [{ name: 'Content-Type', value: 'application/json' }],
        JSON.stringify({ error: 'service_crashed', reason: `the service exited with code ${String(code)}` }),
        {
          decision: 'service_crashed',
          reason: `the service exited with code ${String(code)}`,
        },
      );
    }
  });

  const readyTimeout = spec === false ? 10 * 60_000 : 30_000;
  const readyOrExit = await Promise.race([
    ready.then(() => 'ready' as const),
    service.exited.then(() => 'exited' as const),
    new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), readyTimeout).unref()),
  ]);
  const readyMs = Date.now() - launchedAt;
  if (readyOrExit !== 'ready') {
    stopping = true;
    service.child?.kill('SIGKILL');
    for (const close of closers) await close().catch(() => undefined);
    throw new Error(readyOrExit === 'exited' ? `the service exited before it was Ready (logs: ${workDir})` : 'the service did not send Ready in time');
  }

  // One CreateConfig per trigger, then heartbeats.
  for (const t of options.triggers.triggers) await configure(t.id, t.inputs, t.outputs);
  const heartbeat = setInterval(
    () => void send({ command: 'Heartbeat', metric: {}, memoryPercent: 0, cpuPercent: 0 }).catch(() => undefined),
    options.hbIntervalMs ?? 15_000,
  );
  heartbeat.unref();

  return {
    url,
    port,
    servicePid: service.child?.pid,
    readyMs,
    events: () => log.list(),
    serviceExited: service.exited,
    configs: () => new Map(configs),
    async stop() {
      if (stopping) return;
      stopping = true;
      clearInterval(heartbeat);
      if (service.child && service.child.exitCode === null && service.child.signalCode === null) {
        await send({ command: 'Shutdown', reason: 'Simulator stopping.' }).catch(() => undefined);
        const done = await Promise.race([service.exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000).unref())]);
        if (!done) {
          service.child.kill('SIGTERM');
          const termed = await Promise.race([service.exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 3000).unref())]);
          if (!termed) service.child.kill('SIGKILL');
          await service.exited;
        }
      }
      for (const p of [...pending.values()]) {
        clearTimeout(p.timer);
        p.reply(503, [{ name: 'Content-Type', value: 'application/json' }], JSON.stringify({ error: 'simulator_stopping' }));
        p.done(p.event);
      }
      pending.clear();
      for (const close of closers) await close().catch(() => undefined);
      rmSync(dirname(service.paramFile), { recursive: true, force: true });
    },
  };
}
