/**
 * `npm run memory`: is the service's memory growth under hostile load a leak? Runs the built service
 * (`node --heapsnapshot-signal=SIGUSR2 dist/run.js`) against a real mosquitto and redis-server on
 * free loopback ports, sends rounds of malformed broker messages and hostile bodies, and after each
 * round takes a heap snapshot (which collects garbage first) and reads it: live heap size, RSS, and
 * the object kinds that grew most. A leak shows as live heap growing round after round; RSS that
 * grows while the live heap stays flat is the allocator keeping freed pages. Prints one JSON line.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { connectPlatformClient } from '../app/platform-driver/client.js';
import { launchService, serviceParams } from '../app/platform-driver/launch.js';
import { createConfigMessage, stageBody, webhookEventMessage } from '../app/platform-driver/conversation.js';
import type { CliSpec } from '../app/cli/command-line.js';
import { runServerScript } from './lib/server-script.js';
import { repoRoot } from './lib/repo-root.js';
import { startMosquitto, startRedisServer, type RealServer } from './lib/real-servers.js';
import { sleep, until } from './lib/until.js';

const ROUNDS = 5;
const MALFORMED_PER_ROUND = 4000;
const BODIES_PER_ROUND = 1000;
const DEADLINE_MS = 170_000;

const JSON_POST = { method: 'POST', headers: [{ name: 'Content-Type', value: 'application/json' }], queryParams: [] };

const started = Date.now();
const say = (text: string): void => void process.stderr.write(`[memory +${((Date.now() - started) / 1000).toFixed(1)}s] ${text}\n`);

/** The broker messages an attacker on the server topic (or a broken platform) could send. */
function malformed(i: number, triggerId: number): string {
  const protoNames = [...Object.getOwnPropertyNames(Object.prototype), '__proto__'];
  const name = protoNames[i % protoNames.length]!;
  switch (i % 8) {
    case 0:
      return `{"command":"${name}","triggerId":1}`;
    case 1:
      return '{"command":"WebhookEvent","triggerId":'.repeat(1 + (i % 50));
    case 2:
      return JSON.stringify({
        command: 'WebhookEvent',
        triggerId,
        requestKey: `m-${i}`,
        headers: Array.from({ length: 1001 }, (_, j) => ({ name: `h${j}`, value: 'v' })),
      });
    case 3:
      return JSON.stringify({ command: 'WebhookEvent', triggerId, requestKey: `m-${i}`, headers: [{ name: 'X', value: 'v'.repeat(70_000) }] });
    case 4:
      return `{"command":"Heartbeat","metric":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    case 5:
      return JSON.stringify({ command: 'CreateConfig', triggerId: 'x'.repeat(100) });
    case 6:
      return JSON.stringify({ command: 'WebhookEvent', triggerId, requestKey: 'k'.repeat(2000) });
    default:
      return `{"command":"LoggingChange","${name}":{"polluted":true}}`;
  }
}

/** Hostile alert bodies, 1–64 KiB: punctuation runs, brackets, deep JSON, long keys, wide arrays, bad UTF-8. */
function hostileBody(i: number): Buffer {
  const n = 1024 * (1 + (i % 64));
  switch (i % 7) {
    case 0:
      return Buffer.from(JSON.stringify({ id: `b${i}`, title: 'punctuation', description: `see ${'!?.,;:'.repeat(n / 6)}` }));
    case 1:
      return Buffer.from(JSON.stringify({ id: `b${i}`, title: 'brackets', description: `(${'[{<'.repeat(n / 3)}` }));
    case 2:
      return Buffer.from(`${'{"a":'.repeat(Math.min(n / 5, 20_000))}1${'}'.repeat(Math.min(n / 5, 20_000))}`);
    case 3:
      return Buffer.from(JSON.stringify({ id: `b${i}`, [`k${'x'.repeat(n)}`]: 1, title: 'long key' }));
    case 4:
      return Buffer.from(JSON.stringify(Array.from({ length: n / 16 }, (_, j) => ({ id: `b${i}-${j}`, t: 'x' }))));
    case 5:
      return Buffer.concat([Buffer.from('{"id":"bad","title":"'), Buffer.alloc(n, 0xff), Buffer.from('"}')]);
    default:
      return Buffer.from(JSON.stringify({ id: `b${i}`, title: 'hosts', description: Array.from({ length: n / 16 }, (_, j) => `h${j}.example.com`).join(' ') }));
  }
}

interface HeapReading {
  liveMb: number;
  nodes: number;
  top: Map<string, number>;
}

/** Reads a V8 heap snapshot: total live self size, and self size per constructor / kind. */
function readSnapshot(file: string): HeapReading {
  const snap = JSON.parse(readFileSync(file, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snap.snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const types = snap.snapshot.meta.node_types[0];
  const top = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const size = snap.nodes[i + sizeAt]!;
    total += size;
    const type = types[snap.nodes[i + typeAt]!]!;
    const key = type === 'object' || type === 'closure' ? `${type}:${snap.strings[snap.nodes[i + nameAt]!]}` : type;
    top.set(key, (top.get(key) ?? 0) + size);
  }
  return { liveMb: Math.round((total / 1048576) * 10) / 10, nodes: snap.nodes.length / width, top };
}

async function main(): Promise<void> {
  const root = repoRoot();
  const dir = mkdtempSync(join(tmpdir(), 'alert-intake-memory-'));
  const servers: RealServer[] = [];
  let servicePid: number | undefined;
  const hardStop = setTimeout(() => {
    for (const s of servers) void s.close();
    if (servicePid) process.kill(servicePid, 'SIGKILL');
    process.exit(2);
  }, DEADLINE_MS);
  // mosquitto drops QoS 1 messages queued for a client beyond max_queued_messages (default 1000).
  const broker = (await startMosquitto({ maxQueuedMessages: 100_000 }))!;
  servers.push(broker);
  const redisServer = (await startRedisServer())!;
  servers.push(redisServer);
  const redis = new Redis({ host: '127.0.0.1', port: redisServer.port });
  const appDir = join(dir, 'app');
  mkdirSync(appDir);
  copyFileSync(join(root, 'install.json'), join(appDir, 'install.json'));

  const answeredKeys = new Set<string>();
  let ready = false;
  let configured = false;
  const platform = await connectPlatformClient({ host: '127.0.0.1', port: broker.port, clientTopic: 'mem-client', serverTopic: 'mem-server' });
  platform.onMessage((m) => {
    if (m.command === 'Ready') ready = true;
    else if (m.command === 'Acknowledged' && m.type === 'CreateConfig') configured = true;
    else if (m.command === 'FireEvent' || m.command === 'WebhookEventResponse') answeredKeys.add(String(m.requestKey));
  });
  const publish = (message: string | Record<string, unknown>): Promise<void> => platform.publish(message);

  const service = launchService(
    serviceParams({
      broker: { host: '127.0.0.1', port: broker.port },
      kv: { host: '127.0.0.1', port: redisServer.port },
      clientTopic: 'mem-client',
      serverTopic: 'mem-server',
      logDir: join(dir, 'log'),
      workDir: dir,
      logLevel: 'warning',
      hbTimeoutSeconds: 600,
    }),
    { command: process.execPath, args: ['--heapsnapshot-signal=SIGUSR2', resolve(root, 'dist/run.js')], cwd: appDir },
    () => undefined,
  );
  const pid = service.child!.pid!;
  servicePid = pid;
  const rssMb = (): number => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024);
  const hwmMb = (): number => Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024);

  if (!(await until(() => ready, 20_000))) throw new Error('no Ready');
  await publish(
    createConfigMessage(
      1,
      {
        source_preset: 'Generic JSON',
        auth_mode: 'None',
        hourly_cap: '0',
        dedupe_window: '0',
        tc_playbook_out_variables: '#Trigger:1:alert_intake.results.alert.title!String',
      },
      { tokenPrefix: 'MEMORY' },
    ),
  );
  await until(() => configured, 10_000);

  const snapshot = async (): Promise<HeapReading> => {
    const before = new Set(readdirSync(appDir).filter((f) => f.endsWith('.heapsnapshot')));
    process.kill(pid, 'SIGUSR2');
    let file: string | undefined;
    await until(() => {
      file = readdirSync(appDir).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
      if (!file) return false;
      const a = statSync(join(appDir, file)).size;
      return a > 0;
    }, 60_000);
    // Written when the size stops changing.
    let last = -1;
    while (statSync(join(appDir, file!)).size !== last) {
      last = statSync(join(appDir, file!)).size;
      await sleep(300);
    }
    const reading = readSnapshot(join(appDir, file!));
    rmSync(join(appDir, file!));
    return reading;
  };

  const answered = (): number => answeredKeys.size;
  const rssBeforeLoadMb = rssMb();
  const rounds: Array<{ round: number; liveHeapMb: number; rssMb: number; answered: number }> = [];
  const baseline = await snapshot();
  rounds.push({ round: 0, liveHeapMb: baseline.liveMb, rssMb: rssMb(), answered: answered() });
  say(`baseline: live heap ${baseline.liveMb} MB, RSS ${rssMb()} MB`);
  let last = baseline;
  let expected = 0;
  for (let r = 1; r <= ROUNDS; r++) {
    const batch: Array<Promise<unknown>> = [];
    for (let i = 0; i < MALFORMED_PER_ROUND; i++) {
      const text = malformed(r * MALFORMED_PER_ROUND + i, 1);
      if (i % 8 === 2 || i % 8 === 3) expected += 1; // answered 431
      batch.push(publish(text));
      if (batch.length >= 200) await Promise.all(batch.splice(0));
    }
    await Promise.all(batch);
    for (let i = 0; i < BODIES_PER_ROUND; i++) {
      const key = `r${r}-b${i}`;
      await stageBody(redis, key, hostileBody(r * BODIES_PER_ROUND + i));
      void publish(webhookEventMessage(1, key, JSON_POST, { tokenPrefix: 'MEMORY' }));
      expected += 1;
      if (i % 50 === 0) await until(() => answered() >= expected - 200, 30_000);
    }
    await until(() => answered() >= expected, 60_000);
    last = await snapshot();
    rounds.push({ round: r, liveHeapMb: last.liveMb, rssMb: rssMb(), answered: answered() });
    say(`round ${r}: live heap ${last.liveMb} MB, RSS ${rssMb()} MB, answered ${answered()}/${expected}`);
  }
  const growth = [...last.top.entries()]
    .map(([kind, size]) => ({ kind, kb: Math.round((size - (baseline.top.get(kind) ?? 0)) / 1024) }))
    .sort((a, b) => b.kb - a.kb)
    .slice(0, 8);
  const result = {
    memory: 'alert-intake',
    rounds,
    rssBeforeLoadMb,
    peakRssMb: hwmMb(),
    liveHeapGrowthMbFromRound1: Math.round((last.liveMb - rounds[1]!.liveHeapMb) * 10) / 10,
    topGrowthSinceBaselineKb: growth,
    malformedMessages: ROUNDS * MALFORMED_PER_ROUND,
    hostileBodies: ROUNDS * BODIES_PER_ROUND,
    answered: answered(),
    expectedAnswers: expected,
    durationMs: Date.now() - started,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  clearTimeout(hardStop);
  service.child!.kill('SIGKILL');
  await platform.close();
  redis.disconnect();
  for (const s of servers) await s.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(resolve(service.paramFile, '..'), { recursive: true, force: true });
}

const SPEC: CliSpec = {
  command: 'npm run memory --',
  summary:
    'Runs the built service against a real mosquitto and redis-server, sends rounds of malformed broker messages and hostile bodies and reads a heap snapshot after each: live heap, RSS and the object kinds that grew. One JSON line. Needs mosquitto and redis-server on the PATH.',
  options: {},
};

await runServerScript(SPEC, main);
