/**
 * Plays ThreatConnect's side of the service protocol against the real, built service process, with
 * the platform driver (app/platform-driver/): encrypted params file + env, spawn `node dist/run.js`,
 * drive it over a real broker, stage bodies and read outputs in a real Redis-protocol store.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { connectPlatformClient, type PlatformClient } from '../../../app/platform-driver/client.js';
import { launchService, serviceParams } from '../../../app/platform-driver/launch.js';
import { readSession, stageBody, webhookEventMessage } from '../../../app/platform-driver/conversation.js';
import { REPO_ROOT, type SpecCheck } from './spec.js';

export type Message = Record<string, unknown>;

export interface ServiceProcess {
  child: ChildProcess;
  dir: string;
  logDir: string;
  outDir: string;
  paramFile: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

export interface PlatformOptions {
  brokerPort: number;
  kvHost: string;
  kvPort: number;
  specCheck: SpecCheck | null;
}

export class TestPlatform {
  readonly clientTopic = `svc-client-${randomUUID()}`;
  readonly serverTopic = `svc-server-${randomUUID()}`;
  readonly received: Message[] = [];
  readonly specProblems: string[] = [];
  readonly redis: Redis;
  private client: PlatformClient | undefined;
  private waiters: Array<{ pred: (m: Message) => boolean; resolve: (m: Message) => void }> = [];

  constructor(readonly options: PlatformOptions) {
    this.redis = new Redis({ host: options.kvHost, port: options.kvPort, lazyConnect: false, maxRetriesPerRequest: 2 });
  }

  /** The platform's own broker connection: a persistent session so nothing is missed across a broker cut. */
  async connect(): Promise<void> {
    this.client = await connectPlatformClient({
      host: '127.0.0.1',
      port: this.options.brokerPort,
      clientTopic: this.clientTopic,
      serverTopic: this.serverTopic,
      persistent: true,
    });
    this.client.onMalformed((text) => this.specProblems.push(`non-JSON payload on the client topic: ${text.slice(0, 80)}`));
    this.client.onMessage((message) => this.receive(message));
  }

  private receive(message: Message): void {
    if (this.options.specCheck) {
      for (const p of this.options.specCheck(message)) this.specProblems.push(`${String(message.command)}: ${p}`);
    }
    this.received.push(message);
    for (const w of [...this.waiters]) {
      if (w.pred(message)) {
        this.waiters = this.waiters.filter((x) => x !== w);
        w.resolve(message);
      }
    }
  }

  /** Resolves with the first message (already received or future) matching `pred`. */
  waitFor(pred: (m: Message) => boolean, timeoutMs = 10_000, what = 'message'): Promise<Message> {
    const seen = this.received.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = {
        pred,
        resolve: (m: Message) => {
          clearTimeout(timer);
          resolve(m);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Like waitFor, but only for messages after the current count. */
  waitForNext(pred: (m: Message) => boolean, timeoutMs = 10_000, what = 'message'): Promise<Message> {
    const from = this.received.length;
    return this.waitFor((m) => this.received.indexOf(m) >= from && pred(m), timeoutMs, what);
  }

  async send(message: Message | string | Buffer): Promise<void> {
    if (!this.client) throw new Error('connect() first');
    await this.client.publish(message);
  }

  /** Stages a body the platform's way (base64) and sends the WebhookEvent. */
  async webhook(triggerId: number | string, body: string | Buffer | null, extra: Partial<Message> = {}): Promise<string> {
    const requestKey = randomUUID();
    if (body !== null) await stageBody(this.redis, requestKey, typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
    const request = { method: 'POST', headers: [{ name: 'Content-Type', value: 'application/json' }], queryParams: [] };
    await this.send({ ...webhookEventMessage(triggerId, requestKey, request, { tokenPrefix: 'SVC' }), ...extra });
    return requestKey;
  }

  /** HGETALL of a session, JSON-decoded per field. */
  session(sessionId: string): Promise<Record<string, unknown>> {
    return readSession(this.redis, sessionId);
  }

  /** Encrypted params file + env, then `node dist/run.js` as its own process. */
  spawnService(overrides: Message = {}, opts: { installJson?: Message | null; keyLength?: 16 | 32 } = {}): ServiceProcess {
    const dir = mkdtempSync(join(tmpdir(), 'alert-intake-e2e-'));
    const logDir = join(dir, 'log');
    const outDir = join(dir, 'out');
    const params = serviceParams(
      {
        broker: { host: '127.0.0.1', port: this.options.brokerPort },
        kv: { host: this.options.kvHost, port: this.options.kvPort },
        clientTopic: this.clientTopic,
        serverTopic: this.serverTopic,
        logDir,
        workDir: dir,
        logLevel: 'trace',
        connTimeoutSeconds: 10,
      },
      { tc_svc_broker_token: 'broker-token-do-not-log', ...overrides },
    );
    const installJson = opts.installJson === undefined ? readInstallJson() : opts.installJson;
    if (installJson) writeFileSync(join(dir, 'install.json'), JSON.stringify(installJson));
    let output = '';
    const launched = launchService(
      params,
      { command: process.execPath, args: [resolve(REPO_ROOT, 'dist/run.js')], cwd: dir },
      (line) => (output += `${line}\n`),
      {
        dir,
        keyLength: opts.keyLength ?? 16,
      },
    );
    return { child: launched.child!, dir, logDir, outDir, paramFile: launched.paramFile, exited: launched.exited, output: () => output };
  }

  async close(): Promise<void> {
    await this.client?.close();
    this.redis.disconnect();
  }
}

export function readInstallJson(): Message | null {
  const p = resolve(REPO_ROOT, 'install.json');
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as Message) : null;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Stops a spawned service for good (used in `after`): SIGKILL if it is still running. */
export async function reap(service: ServiceProcess | undefined): Promise<void> {
  if (!service) return;
  if (service.child.exitCode === null && service.child.signalCode === null) service.child.kill('SIGKILL');
  await service.exited;
  removeDir(service.dir);
}
