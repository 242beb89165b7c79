/**
 * `npm run soak`: the built service (`node dist/run.js`) against a real mosquitto and a real
 * redis-server on free loopback ports, played as the ThreatConnect platform would (persistent MQTT session,
 * QoS 1). Three phases:
 *   1. events at a steady rate across ≥ 5 broker restarts (mosquitto stopped, 1 s down, started
 *      again with its persistence file) — measuring how long the service stays deaf after each;
 *   2. a Redis outage (redis-server stopped for 2 s while events arrive);
 *   3. SIGTERM during an 800-event burst.
 * Counts lost (sent, never acknowledged while the service was up), duplicate (more than one ack or
 * answer) and unanswered (acknowledged, never answered) events, and prints one JSON line.
 * Bounded: every wait has a deadline; the whole run stays under 3 minutes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { connectPlatformClient, type PlatformClient } from '../app/platform-driver/client.js';
import { launchService, serviceParams, type LaunchedService } from '../app/platform-driver/launch.js';
import { createConfigMessage, heartbeatMessage, stageBody, webhookEventMessage, type PlatformMessage } from '../app/platform-driver/conversation.js';
import type { CliSpec } from '../app/cli/command-line.js';
import { runServerScript } from './lib/server-script.js';
import { repoRoot } from './lib/repo-root.js';
import { freePort } from './lib/free-port.js';
import { startMosquitto, startRedisServer, type RealServer } from './lib/real-servers.js';
import { sleep, until } from './lib/until.js';

const EVENTS_PER_SECOND = 100;
const BROKER_RESTARTS = 5;
const RESTART_EVERY_MS = 3000;
const BROKER_DOWN_MS = 1000;
const REDIS_DOWN_MS = 2000;
const SIGTERM_BURST = 800;
const DEADLINE_MS = 170_000;

const JSON_POST = { method: 'POST', headers: [{ name: 'Content-Type', value: 'application/json' }], queryParams: [] };

const started = Date.now();
const say = (text: string): void => void process.stderr.write(`[soak +${((Date.now() - started) / 1000).toFixed(1)}s] ${text}\n`);

/** `until`, saying so when it gave up. */
async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<boolean> {
  const ok = await until(check, timeoutMs);
  if (!ok) say(`gave up waiting for ${what}`);
  return ok;
}

interface Tally {
  sent: Map<string, number>;
  acks: Map<string, number>;
  answers: Map<string, Array<{ command: string; statusCode?: number }>>;
  /** The same message (same command and session) delivered again: MQTT QoS 1 is at least once. */
  redelivered: number;
}

function phaseCounts(t: Tally, prefix: string): Record<string, unknown> {
  const keys = [...t.sent.keys()].filter((k) => k.startsWith(prefix));
  let acked = 0;
  let answered = 0;
  let lost = 0;
  let duplicates = 0;
  let unanswered = 0;
  const statuses: Record<string, number> = {};
  for (const k of keys) {
    const acks = t.acks.get(k) ?? 0;
    const answers = t.answers.get(k) ?? [];
    if (acks > 0) acked += 1;
    else lost += 1;
    if (answers.length > 0) answered += 1;
    if (acks > 1 || answers.length > 1) duplicates += 1;
    if (acks > 0 && answers.length === 0) unanswered += 1;
    for (const a of answers) {
      const label = a.command === 'FireEvent' ? 'fired' : String(a.statusCode);
      statuses[label] = (statuses[label] ?? 0) + 1;
    }
  }
  return { sent: keys.length, acked, answered, lost, duplicates, unanswered, statuses };
}

async function main(): Promise<void> {
  const root = repoRoot();
  const dir = mkdtempSync(join(tmpdir(), 'alert-intake-soak-'));
  const servers: RealServer[] = [];
  let service: LaunchedService | undefined;
  let platform: PlatformClient | undefined;
  let redis: Redis | undefined;
  const hardStop = setTimeout(() => {
    say('deadline reached; stopping');
    for (const s of servers) void s.close();
    service?.child?.kill('SIGKILL');
    process.exit(2);
  }, DEADLINE_MS);
  try {
    const brokerPort = await freePort();
    const redisPort = await freePort();
    // Persistent sessions and queue: what is in flight survives a broker restart.
    const startBroker = async (): Promise<RealServer> => {
      const s = (await startMosquitto({ port: brokerPort, persistenceDir: dir, maxQueuedMessages: 100_000 }))!;
      servers.push(s);
      return s;
    };
    const startRedis = async (): Promise<RealServer> => {
      // Append-only with fsync per write: the staged bodies survive the outage, as the platform's would.
      const s = (await startRedisServer({ port: redisPort, args: ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir] }))!;
      servers.push(s);
      return s;
    };
    let broker = await startBroker();
    let redisServer = await startRedis();
    redis = new Redis({ host: '127.0.0.1', port: redisPort, maxRetriesPerRequest: 1, lazyConnect: false });
    redis.on('error', () => undefined);

    const clientTopic = 'soak-client';
    const serverTopic = 'soak-server';
    const tally: Tally = { sent: new Map(), acks: new Map(), answers: new Map(), redelivered: 0 };
    const delivered = new Set<string>();
    let ready = false;
    let configured = false;
    let lastHeartbeatReply = 0;
    platform = await connectPlatformClient({ host: '127.0.0.1', port: brokerPort, clientTopic, serverTopic, persistent: true, clientId: 'soak-platform' });
    platform.onMessage((m) => {
      const key = typeof m.requestKey === 'string' ? m.requestKey : '';
      if (m.command === 'Ready') ready = true;
      else if (m.command === 'Heartbeat') lastHeartbeatReply = Date.now();
      else if (m.command === 'Acknowledged' && m.type === 'CreateConfig') configured = m.status === 'Success';
      else if (m.command === 'Acknowledged' && m.type === 'WebhookEvent') {
        // The service acks each request key once (it ignores a redelivered event): a repeat is the broker's redelivery.
        if (tally.acks.has(key)) tally.redelivered += 1;
        else tally.acks.set(key, 1);
      } else if (m.command === 'FireEvent' || m.command === 'WebhookEventResponse') {
        const id = `${m.command}:${String(m.sessionId)}`;
        if (delivered.has(id)) {
          tally.redelivered += 1;
          return;
        }
        delivered.add(id);
        const list = tally.answers.get(key) ?? [];
        list.push({ command: m.command, ...(typeof m.statusCode === 'number' ? { statusCode: m.statusCode } : {}) });
        tally.answers.set(key, list);
      }
    });
    const publish = (m: PlatformMessage): void => void platform!.publish(m).catch(() => undefined);

    const logDir = join(dir, 'log');
    service = launchService(
      serviceParams({
        broker: { host: '127.0.0.1', port: brokerPort },
        kv: { host: '127.0.0.1', port: redisPort },
        clientTopic,
        serverTopic,
        logDir,
        workDir: dir,
        hbTimeoutSeconds: 60,
        connTimeoutSeconds: 10,
      }),
      { command: process.execPath, args: [resolve(root, 'dist/run.js')], cwd: root },
      (line) => say(`service: ${line.slice(0, 200)}`),
    );
    const pid = service.child!.pid!;
    let maxRssMb = 0;
    const rssTimer = setInterval(() => {
      try {
        const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (m) maxRssMb = Math.max(maxRssMb, Math.round(Number(m[1]) / 1024));
      } catch {
        // exited
      }
    }, 250);
    const heartbeats = setInterval(() => publish(heartbeatMessage()), 100);

    if (!(await waitFor(() => ready, 20_000, 'Ready'))) throw new Error('the service never said Ready');
    const outVariables = ['alert_intake.results.alert.title!String', 'alert_intake.results.alert.id!String'].map((k) => `#Trigger:1:${k}`).join(',');
    publish(
      createConfigMessage(
        1,
        { source_preset: 'Generic JSON', auth_mode: 'None', hourly_cap: '0', tc_playbook_out_variables: outVariables },
        { tokenPrefix: 'SOAK' },
      ),
    );
    if (!(await waitFor(() => configured, 10_000, 'CreateConfig ack'))) throw new Error('CreateConfig was not acknowledged');
    say('service ready and configured');

    const stage = async (key: string): Promise<boolean> => {
      const body = JSON.stringify({ id: key, title: `Soak alert ${key}`, severity: 'high', description: 'seen from 203.0.113.7' });
      try {
        await stageBody(redis!, key, Buffer.from(body));
        return true;
      } catch {
        return false;
      }
    };
    const event = (key: string): void => {
      tally.sent.set(key, Date.now());
      publish(webhookEventMessage(1, key, JSON_POST, { tokenPrefix: 'SOAK' }));
    };

    // Phase 1: a steady stream across broker restarts. Bodies are staged first (Redis is up).
    const restartsMs = BROKER_RESTARTS * RESTART_EVERY_MS + RESTART_EVERY_MS;
    const phase1Count = Math.round((restartsMs / 1000) * EVENTS_PER_SECOND);
    for (let i = 0; i < phase1Count; i++) await stage(`p1-${i}`);
    let sentP1 = 0;
    const stream = setInterval(() => {
      for (let j = 0; j < EVENTS_PER_SECOND / 20 && sentP1 < phase1Count; j++) event(`p1-${sentP1++}`);
    }, 50);
    const deafMs: number[] = [];
    for (let r = 0; r < BROKER_RESTARTS; r++) {
      await sleep(RESTART_EVERY_MS - BROKER_DOWN_MS);
      await broker.close('SIGTERM');
      await sleep(BROKER_DOWN_MS);
      broker = await startBroker();
      const up = Date.now();
      const answered = await waitFor(() => lastHeartbeatReply > up, 10_000, `the service after broker restart ${r + 1}`);
      deafMs.push(answered ? lastHeartbeatReply - up : 10_000);
      say(`broker restart ${r + 1}: the service answered again after ${deafMs.at(-1)} ms`);
    }
    await waitFor(() => sentP1 >= phase1Count, 30_000, 'phase 1 events sent');
    clearInterval(stream);
    await waitFor(
      () => [...tally.sent.keys()].filter((k) => k.startsWith('p1-')).every((k) => (tally.answers.get(k)?.length ?? 0) > 0),
      20_000,
      'phase 1 answers',
    );

    // Phase 2: Redis stops for 2 s while events arrive (staged before the outage), then comes back.
    for (let i = 0; i < 400; i++) await stage(`p2-${i}`);
    for (let i = 0; i < 100; i++) event(`p2-${i}`);
    await redisServer.close('SIGTERM');
    const outageStart = Date.now();
    for (let i = 100; i < 300; i++) {
      event(`p2-${i}`);
      if (i % 20 === 0) await sleep(REDIS_DOWN_MS / 10);
    }
    await sleep(Math.max(0, REDIS_DOWN_MS - (Date.now() - outageStart)));
    redisServer = await startRedis();
    await waitFor(() => redis!.status === 'ready', 10_000, 'redis reconnect');
    for (let i = 300; i < 400; i++) if (await stage(`p2-${i}`)) event(`p2-${i}`);
    await waitFor(
      () => [...tally.sent.keys()].filter((k) => k.startsWith('p2-')).every((k) => (tally.answers.get(k)?.length ?? 0) > 0),
      30_000,
      'phase 2 answers',
    );
    say('redis outage done');

    // Phase 3: SIGTERM during a burst.
    for (let i = 0; i < SIGTERM_BURST; i++) await stage(`p3-${i}`);
    for (let i = 0; i < SIGTERM_BURST; i++) event(`p3-${i}`);
    await waitFor(() => [...tally.acks.keys()].filter((k) => k.startsWith('p3-')).length >= 100, 10_000, '100 burst acks');
    const sigtermAt = Date.now();
    service.child!.kill('SIGTERM');
    const exit = await Promise.race([service.exited, sleep(20_000).then(() => null)]);
    const exitMs = Date.now() - sigtermAt;
    clearInterval(heartbeats);
    // Everything the service published before it exited has reached the broker; let the platform drain it.
    await waitFor(
      () => [...tally.acks.keys()].filter((k) => k.startsWith('p3-')).every((k) => (tally.answers.get(k)?.length ?? 0) > 0),
      5000,
      'phase 3 answers',
    );
    clearInterval(rssTimer);

    const p1 = phaseCounts(tally, 'p1-');
    const p2 = phaseCounts(tally, 'p2-');
    const p3 = phaseCounts(tally, 'p3-');
    const messageTc = (() => {
      try {
        return readFileSync(join(dir, 'out', 'message.tc'), 'utf8');
      } catch {
        return null;
      }
    })();
    const result = {
      soak: 'alert-intake',
      brokerRestarts: deafMs.length,
      deafMsAfterRestart: { max: Math.max(...deafMs), each: deafMs },
      lost: (p1.lost as number) + (p2.lost as number),
      duplicates: (p1.duplicates as number) + (p2.duplicates as number) + (p3.duplicates as number),
      unanswered: (p1.unanswered as number) + (p2.unanswered as number) + (p3.unanswered as number),
      redeliveredCopies: tally.redelivered,
      brokerPhase: p1,
      redisOutage: { downMs: REDIS_DOWN_MS, ...p2 },
      sigterm: {
        burst: SIGTERM_BURST,
        exitCode: exit?.code ?? null,
        exitMs,
        messageTc,
        notAcceptedAfterStop: (p3.sent as number) - (p3.acked as number),
        ...p3,
      },
      maxRssMb,
      durationMs: Date.now() - started,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    clearTimeout(hardStop);
    service?.child?.kill('SIGKILL');
    await platform?.close();
    redis?.disconnect();
    for (const s of servers) await s.close();
    rmSync(dir, { recursive: true, force: true });
    if (service) rmSync(resolve(service.paramFile, '..'), { recursive: true, force: true });
  }
}

const SPEC: CliSpec = {
  command: 'npm run soak --',
  summary:
    'Runs the built service against a real mosquitto and redis-server through broker restarts, a Redis outage and SIGTERM under load; one JSON line of lost, duplicate and unanswered events. Needs mosquitto and redis-server on the PATH; takes up to 3 minutes.',
  options: {},
};

await runServerScript(SPEC, main);
