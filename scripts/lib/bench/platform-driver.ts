/**
 * The bench's platform stand-in, lean on purpose (no HTTP front): it launches a service the way the
 * platform does (encrypted params, cwd = app folder), talks to it over a real broker and Redis,
 * configures one trigger, and sends WebhookEvents straight over MQTT, each resolving when the
 * service answers with FireEvent or WebhookEventResponse.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { connectPlatformClient, replyKey } from '../../../app/platform-driver/client.js';
import { launchService, serviceParams, type SpawnSpec } from '../../../app/platform-driver/launch.js';
import {
  createConfigMessage,
  heartbeatMessage,
  shutdownMessage,
  stageBody,
  webhookEventMessage,
  type PlatformRequest,
} from '../../../app/platform-driver/conversation.js';
import { declaredOutputs, outVariables } from '../../../app/platform-driver/output-variables.js';
import { cpuMs } from './proc-stats.js';

export interface DriverOptions {
  spawn: SpawnSpec;
  /** install.json is read from here (declared outputs). */
  appDir: string;
  broker: { host: string; port: number };
  redis: { host: string; port: number };
  logDir: string;
  logLevel: string;
  triggerId: number;
  triggerInputs: Record<string, unknown>;
  /** More service params (e.g. the app's service-level `max_body_bytes`). */
  serviceParams?: Record<string, unknown>;
  /** Heartbeat period, ms (default 5000). */
  heartbeatMs?: number;
}

export interface Answer {
  command: 'FireEvent' | 'WebhookEventResponse';
  ms: number;
  /** The answer's session (the fired outputs or the response body are stored under it). */
  sessionId: string;
  /** WebhookEventResponse only. */
  statusCode?: number;
}

export interface SendOptions {
  /** Method and headers of the request (default: POST, Content-Type: application/json). */
  request?: PlatformRequest;
  /** How long to wait for the answer (default 10 s). */
  timeoutMs?: number;
  /** Called with the event's request key before anything is sent. */
  onKey?: (requestKey: string) => void;
  /** Called once the body is staged, just before the WebhookEvent is published. */
  onStaged?: () => void;
}

export interface DrivenService {
  pid: number | undefined;
  readyMs: number;
  /** CPU time the service process used up to Ready. */
  readyCpuMs: number;
  /** Stages the body, publishes a WebhookEvent, resolves with the service's answer. */
  send(body: Buffer, options?: SendOptions): Promise<Answer>;
  /** Publishes a message to the service's server topic. */
  publish(message: Record<string, unknown>): Promise<void>;
  /** Every message the service publishes, in order of arrival (after the driver's own bookkeeping). */
  onMessage(listener: (message: Record<string, unknown>) => void): void;
  /** Shutdown, wait for the exit, close the clients. Resolves with the exit code. */
  stop(): Promise<number | null>;
}

const ANSWER_TIMEOUT_MS = 10_000;
const JSON_POST = { method: 'POST', headers: [{ name: 'Content-Type', value: 'application/json' }], queryParams: [] };

function waitFor<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms))),
  ]);
}

export async function startDrivenService(options: DriverOptions): Promise<DrivenService> {
  const redis = new Redis({ ...options.redis, enableAutoPipelining: true });
  const platform = await connectPlatformClient({
    ...options.broker,
    clientTopic: `bench-client-${randomUUID()}`,
    serverTopic: `bench-server-${randomUUID()}`,
  });
  const { clientTopic, serverTopic } = platform;
  const publish = (m: Record<string, unknown>) => platform.publish(m);

  const ready = platform.expect(replyKey.ready);
  const launchedAt = performance.now();
  const service = launchService(
    serviceParams(
      {
        broker: options.broker,
        kv: options.redis,
        clientTopic,
        serverTopic,
        logDir: options.logDir,
        logLevel: options.logLevel,
      },
      { tc_token: `BENCH:${randomBytes(12).toString('hex')}`, tc_token_expires: Math.floor(Date.now() / 1000) + 3600, ...options.serviceParams },
    ),
    options.spawn,
    (line) => process.stderr.write(`[service] ${line}\n`),
  );
  const exited = service.exited.then(({ code }) => code);
  const outcome = await waitFor(Promise.race([ready.then(() => 'ready'), exited.then(() => 'exited')]), 30_000, 'Ready');
  const readyMs = Math.round(performance.now() - launchedAt);
  const readyCpuMs = cpuMs(service.child?.pid);
  if (outcome !== 'ready') throw new Error('the service exited before Ready');

  const configured = platform.expect(replyKey.ack('CreateConfig', options.triggerId));
  await publish(
    createConfigMessage(
      options.triggerId,
      { ...options.triggerInputs, tc_playbook_out_variables: outVariables(options.triggerId, declaredOutputs(options.appDir)) },
      { tokenPrefix: 'BENCH' },
    ),
  );
  const ack = await waitFor(configured, 10_000, 'CreateConfig');
  if (ack.status !== 'Success') throw new Error(`CreateConfig failed: ${String(ack.message)}`);
  const heartbeat = setInterval(() => void publish(heartbeatMessage()), options.heartbeatMs ?? 5000);

  return {
    pid: service.child?.pid,
    readyMs,
    readyCpuMs,
    async send(body, sendOptions = {}) {
      const requestKey = randomUUID();
      const t0 = performance.now();
      const answered = platform.expect(replyKey.answer(requestKey));
      sendOptions.onKey?.(requestKey);
      await stageBody(redis, requestKey, body);
      sendOptions.onStaged?.();
      await publish(webhookEventMessage(options.triggerId, requestKey, sendOptions.request ?? JSON_POST, { tokenPrefix: 'BENCH' }));
      const m = await waitFor(answered, sendOptions.timeoutMs ?? ANSWER_TIMEOUT_MS, `event ${requestKey}`);
      return {
        command: m.command as Answer['command'],
        ms: performance.now() - t0,
        sessionId: String(m.sessionId ?? ''),
        ...(typeof m.statusCode === 'number' ? { statusCode: m.statusCode } : {}),
      };
    },
    publish,
    onMessage(listener) {
      platform.onMessage(listener);
    },
    async stop() {
      clearInterval(heartbeat);
      await publish(shutdownMessage('bench done')).catch(() => undefined);
      const code = await waitFor(exited, 10_000, 'exit').catch(() => {
        service.child?.kill('SIGKILL');
        return null;
      });
      await platform.close();
      redis.disconnect();
      return code;
    },
  };
}
