/**
 * The simulated ThreatConnect platform (`npm start`): a key-value store and a broker (stand-ins.ts),
 * the platform's broker client (app/platform-driver/client.ts), an HTTP front (http-front.ts) whose
 * requests become WebhookEvents (requests.ts), the trigger configurations (configs.ts) and the
 * service as its own process, launched through the same entry and params file the platform uses
 * (service-process.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectPlatformClient, type PlatformClient } from '../platform-driver/client.js';
import { heartbeatMessage, shutdownMessage, type PlatformMessage } from '../platform-driver/conversation.js';
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

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Calls every listener; a throwing one is reported and does not stop the others. */
function createEventFanOut(say: Say) {
  const listeners: Array<(event: SimEvent, request?: PlatformRequest) => void> = [];
  return {
    add: (listener: (event: SimEvent, request?: PlatformRequest) => void) => void listeners.push(listener),
    emit(event: SimEvent, request?: PlatformRequest) {
      for (const l of listeners) {
        try {
          l(event, request);
        } catch (err) {
          say(`!! event listener: ${errorText(err)}`);
        }
      }
    },
  };
}

/** Routes what the service says to the desk that waits for it. */
function routeServiceMessages(platform: PlatformClient, requests: RequestDesk, configs: ConfigDesk, onReady: () => void, say: Say): void {
  platform.onMalformed((text) => say(`!! the service sent a non-JSON message: ${text.slice(0, 80)}`));
  platform.onMessage((m: PlatformMessage) => {
    if (m.command === 'Ready') onReady();
    else if (m.command === 'Acknowledged' && m.type === 'CreateConfig') configs.acknowledged(m);
    else if (m.command === 'FireEvent' || m.command === 'WebhookEventResponse') void requests.answered(m).catch((err: unknown) => say(`!! ${errorText(err)}`));
  });
}

async function listenFront(options: SimulatorOptions, control: PlatformControl, requests: RequestDesk, log: EventLog, refused: (e: SimEvent) => void) {
  const app = createHttpFront({
    triggers: options.triggers,
    events: () => log.list(),
    control,
    ...(options.extend ? { extend: options.extend } : {}),
    newEvent: requests.newEvent,
    refused,
    dispatch: requests.dispatch,
  });
  const server: Server = await listenOnLoopback(app, options.port ?? 0);
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    });
  return { port: (server.address() as { port: number }).port, close };
}

async function connectPlatform(standIns: StandIns): Promise<PlatformClient> {
  return connectPlatformClient({
    ...standIns.brokerAt,
    clientTopic: `alert-intake-client-${randomUUID()}`,
    serverTopic: `alert-intake-server-${randomUUID()}`,
  });
}

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const say: Say = options.print ?? ((t: string) => process.stdout.write(`${t}\n`));
  const log = new EventLog(options.eventsKept ?? 100);
  const workDir = options.logDir ?? join(tmpdir(), `alert-intake-sim-log-${process.pid}`);
  const standIns = await startStandIns(options);
  const platform = await connectPlatform(standIns).catch(async (err: unknown) => {
    await standIns.close();
    throw err;
  });
  const closeAll = async (front?: { close(): Promise<void> }) => {
    await front?.close();
    await platform.close();
    await standIns.close();
  };

  const printer = options.quiet ? null : createEventPrinter(say, workDir, options.detail);
  const events = createEventFanOut(say);
  let url = '';
  let serviceUp = false;
  let stopping = false;
  let markReady!: () => void;
  const ready = new Promise<void>((r) => (markReady = r));
  const requests = createRequestDesk({
    kv: standIns.kv,
    publish: (m) => platform.publish(m),
    log,
    timeoutMs: options.responseTimeoutMs ?? 10_000,
    serviceUp: () => serviceUp,
    finished(event, request) {
      events.emit(event, request);
      printer?.finished(event);
    },
    firedLater(event, fired) {
      printer?.firedLater(event, fired);
      events.emit(event);
    },
  });
  const configs = createConfigDesk({
    platform,
    declared: declaredOutputs(options.appDir),
    url: () => url,
    refused: (triggerId, ack) => {
      if (!options.quiet) say(`!! trigger ${String(triggerId)}: CreateConfig ${ack.status} — ${ack.message}`);
    },
  });
  routeServiceMessages(
    platform,
    requests,
    configs,
    () => {
      serviceUp = true;
      markReady();
    },
    say,
  );
  const control: PlatformControl = {
    triggers: options.triggers,
    deliver: (triggerId, request) => requests.dispatch(triggerId, request, () => undefined),
    configure: (triggerId, inputs, outputs) => configs.configure(triggerId, inputs, outputs),
    unconfigure: (triggerId) => configs.unconfigure(triggerId),
    onEvent: events.add,
  };
  const front = await listenFront(options, control, requests, log, (event) => {
    log.add(event);
    printer?.finished(event);
    events.emit(event);
  }).catch(async (err: unknown) => {
    await closeAll();
    throw err;
  });
  url = `http://127.0.0.1:${front.port}`;

  const launchedAt = Date.now();
  const service = launchSimulated({
    appDir: options.appDir,
    spawn: options.spawn,
    brokerAt: standIns.brokerAt,
    kvAt: standIns.kvAt,
    clientTopic: platform.clientTopic,
    serverTopic: platform.serverTopic,
    logDir: workDir,
    logLevel: options.logLevel ?? 'info',
    url,
    overrides: options.triggers.service,
    say,
    quiet: options.quiet ?? false,
  });
  void service.exited.then(({ code, signal }) => {
    serviceUp = false;
    if (stopping) return;
    say(
      `!! the service exited (code ${String(code)}${signal ? `, signal ${signal}` : ''}); requests are answered 502/503 until you restart the simulator. Logs: ${workDir}`,
    );
    requests.serviceCrashed(code);
  });
  const outcome = await awaitReady(service, ready);
  const readyMs = Date.now() - launchedAt;
  if (outcome !== 'ready') {
    stopping = true;
    service.child?.kill('SIGKILL');
    await closeAll(front);
    removeParams(service);
    throw new Error(outcome === 'exited' ? `the service exited before it was Ready (logs: ${workDir})` : 'the service did not send Ready in time');
  }

  // One CreateConfig per trigger, then heartbeats.
  for (const t of options.triggers.triggers) await configs.configure(t.id, t.inputs, t.outputs);
  const heartbeat = setInterval(() => void platform.publish(heartbeatMessage()).catch(() => undefined), options.hbIntervalMs ?? 15_000);
  heartbeat.unref();

  return {
    url,
    port: front.port,
    servicePid: service.child?.pid,
    readyMs,
    events: () => log.list(),
    inFlight: () => requests.inFlight(),
    serviceExited: service.exited,
    configs: () => configs.snapshot(),
    async stop() {
      if (stopping) return;
      stopping = true;
      clearInterval(heartbeat);
      await stopService(service, () => platform.publish(shutdownMessage('Simulator stopping.')));
      requests.abandonAll();
      await closeAll(front);
      removeParams(service);
    },
  };
}
