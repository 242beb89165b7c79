/**
 * The simulated ThreatConnect platform (`npm start`): a key-value store and a broker (stand-ins.ts),
 * the platform's broker client (app/platform-driver/client.ts), an HTTP front (http-front.ts) whose
 * requests become WebhookEvents (requests.ts), the trigger configurations (configs.ts) and the
 * service as its own process, launched through the same entry and params file the platform uses
 * (service-process.ts).
 */
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectPlatformClient, type PlatformClient } from '../platform-driver/client.js';
import { heartbeatMessage, shutdownMessage } from '../platform-driver/conversation.js';
import { declaredOutputs } from '../platform-driver/output-variables.js';
import { createConfigDesk, type ConfigDesk } from './configs.js';
import { createEventPrinter } from './event-printer.js';
import { EventLog, type SimEvent } from './events.js';
import { createHttpFront, listenOnLoopback } from './http-front.js';
import { createRequestDesk, type RequestDesk } from './requests.js';
import { awaitReady, launchSimulated, removeParams, stopService } from './service-process.js';
import type { PlatformControl, PlatformRequest, Simulator, SimulatorOptions } from './simulator-types.js';
import { startStandIns, type StandIns } from './stand-ins.js';

export type { PlatformControl, PlatformRequest, Simulator, SimulatorOptions } from './simulator-types.js';

type Say = (text: string) => void;
type EventListener = (event: SimEvent, request?: PlatformRequest) => void;

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** What the parts share: the service's state as the platform sees it, and the events' listeners. */
interface Shared {
  options: SimulatorOptions;
  say: Say;
  log: EventLog;
  workDir: string;
  url: string;
  serviceUp: boolean;
  stopping: boolean;
  markReady: () => void;
  listeners: EventListener[];
}

/** Calls every listener; a throwing one is reported and does not stop the others. */
function emit(shared: Shared, event: SimEvent, request?: PlatformRequest): void {
  for (const l of shared.listeners) {
    try {
      l(event, request);
    } catch (err) {
      shared.say(`!! event listener: ${errorText(err)}`);
    }
  }
}

/** The request and config desks, the terminal's printer, and what they do with each outcome. */
function createDesks(shared: Shared, standIns: StandIns, platform: PlatformClient) {
  const { options, say } = shared;
  const printer = options.quiet ? null : createEventPrinter(say, shared.workDir, options.detail);
  const requests = createRequestDesk({
    kv: standIns.kv,
    publish: (m) => platform.publish(m),
    log: shared.log,
    timeoutMs: options.responseTimeoutMs ?? 10_000,
    serviceUp: () => shared.serviceUp,
    finished(event, request) {
      emit(shared, event, request);
      printer?.finished(event);
    },
    firedLater(event, fired) {
      printer?.firedLater(event, fired);
      emit(shared, event);
    },
  });
  const configs = createConfigDesk({
    platform,
    declared: declaredOutputs(options.appDir),
    url: () => shared.url,
    refused: (triggerId, ack) => {
      if (!options.quiet) say(`!! trigger ${String(triggerId)}: CreateConfig ${ack.status} — ${ack.message}`);
    },
  });
  /** An event the HTTP front refused itself (unknown trigger, method not allowed). */
  const refused = (event: SimEvent) => {
    shared.log.add(event);
    printer?.finished(event);
    emit(shared, event);
  };
  return { requests, configs, refused };
}

/** Routes what the service says to the desk that waits for it. */
function routeServiceMessages(shared: Shared, platform: PlatformClient, requests: RequestDesk, configs: ConfigDesk): void {
  platform.onMalformed((text) => shared.say(`!! the service sent a non-JSON message: ${text.slice(0, 80)}`));
  platform.onMessage((m) => {
    if (m.command === 'Ready') {
      shared.serviceUp = true;
      shared.markReady();
    } else if (m.command === 'Acknowledged' && m.type === 'CreateConfig') configs.acknowledged(m);
    else if (m.command === 'FireEvent' || m.command === 'WebhookEventResponse') {
      void requests.answered(m).catch((err: unknown) => shared.say(`!! ${errorText(err)}`));
    }
  });
}

function controlOf(shared: Shared, requests: RequestDesk, configs: ConfigDesk): PlatformControl {
  return {
    triggers: shared.options.triggers,
    deliver: (triggerId, request) => requests.dispatch(triggerId, request, () => undefined),
    configure: (triggerId, inputs, outputs) => configs.configure(triggerId, inputs, outputs),
    unconfigure: (triggerId) => configs.unconfigure(triggerId),
    onEvent: (listener) => void shared.listeners.push(listener),
  };
}

/** The HTTP front on 127.0.0.1; resolves with its port and how to close it. */
async function listenFront(shared: Shared, control: PlatformControl, requests: RequestDesk, refused: (e: SimEvent) => void) {
  const { options } = shared;
  const app = createHttpFront({
    triggers: options.triggers,
    events: () => shared.log.list(),
    control,
    ...(options.extend ? { extend: options.extend } : {}),
    newEvent: requests.newEvent,
    refused,
    dispatch: requests.dispatch,
  });
  const server = await listenOnLoopback(app, options.port ?? 0);
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    });
  return { port: (server.address() as { port: number }).port, close };
}

/** Launches the service; resolves once it is Ready (throws when it exited first or never said so). */
async function startService(shared: Shared, standIns: StandIns, platform: PlatformClient, requests: RequestDesk, ready: Promise<void>) {
  const { options, say } = shared;
  const launchedAt = Date.now();
  const service = launchSimulated({
    appDir: options.appDir,
    spawn: options.spawn,
    brokerAt: standIns.brokerAt,
    kvAt: standIns.kvAt,
    clientTopic: platform.clientTopic,
    serverTopic: platform.serverTopic,
    logDir: shared.workDir,
    logLevel: options.logLevel ?? 'info',
    url: shared.url,
    overrides: options.triggers.service,
    say,
    quiet: options.quiet ?? false,
  });
  void service.exited.then(({ code, signal }) => {
    shared.serviceUp = false;
    if (shared.stopping) return;
    say(
      `!! the service exited (code ${String(code)}${signal ? `, signal ${signal}` : ''}); requests are answered 502/503 until you restart the simulator. Logs: ${shared.workDir}`,
    );
    requests.serviceCrashed(code);
  });
  const outcome = await awaitReady(service, ready);
  return { service, outcome, readyMs: Date.now() - launchedAt };
}

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  let markReady!: () => void;
  const ready = new Promise<void>((r) => (markReady = r));
  const shared: Shared = {
    options,
    say: options.print ?? ((t: string) => process.stdout.write(`${t}\n`)),
    log: new EventLog(options.eventsKept ?? 100),
    workDir: options.logDir ?? join(tmpdir(), `alert-intake-sim-log-${process.pid}`),
    url: '',
    serviceUp: false,
    stopping: false,
    markReady,
    listeners: [],
  };
  const standIns = await startStandIns(options);
  const platform = await connectPlatformClient({
    ...standIns.brokerAt,
    clientTopic: `alert-intake-client-${randomUUID()}`,
    serverTopic: `alert-intake-server-${randomUUID()}`,
  }).catch(async (err: unknown) => {
    await standIns.close();
    throw err;
  });
  const closeAll = async (front?: { close(): Promise<void> }) => {
    await front?.close();
    await platform.close();
    await standIns.close();
  };
  const { requests, configs, refused } = createDesks(shared, standIns, platform);
  routeServiceMessages(shared, platform, requests, configs);
  const front = await listenFront(shared, controlOf(shared, requests, configs), requests, refused).catch(async (err: unknown) => {
    await closeAll();
    throw err;
  });
  shared.url = `http://127.0.0.1:${front.port}`;

  const { service, outcome, readyMs } = await startService(shared, standIns, platform, requests, ready);
  if (outcome !== 'ready') {
    shared.stopping = true;
    service.child?.kill('SIGKILL');
    await closeAll(front);
    removeParams(service);
    throw new Error(outcome === 'exited' ? `the service exited before it was Ready (logs: ${shared.workDir})` : 'the service did not send Ready in time');
  }

  // One CreateConfig per trigger, then heartbeats.
  for (const t of options.triggers.triggers) await configs.configure(t.id, t.inputs, t.outputs);
  const heartbeat = setInterval(() => void platform.publish(heartbeatMessage()).catch(() => undefined), options.hbIntervalMs ?? 15_000);
  heartbeat.unref();

  return {
    url: shared.url,
    port: front.port,
    servicePid: service.child?.pid,
    readyMs,
    events: () => shared.log.list(),
    inFlight: () => requests.inFlight(),
    serviceExited: service.exited,
    configs: () => configs.snapshot(),
    async stop() {
      if (shared.stopping) return;
      shared.stopping = true;
      clearInterval(heartbeat);
      await stopService(service, () => platform.publish(shutdownMessage('Simulator stopping.')));
      requests.abandonAll();
      await closeAll(front);
      removeParams(service);
    },
  };
}
