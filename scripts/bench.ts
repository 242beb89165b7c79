/**
 * `npm run bench [-- --events 2000 --sequential 500 --warm-up 200 --only baseline,dist,packaged --cpu-prof DIR]`
 *
 * Side by side in one run, on loopback only, against a real mosquitto and redis-server started on
 * free ports: a do-nothing service with the same mqtt + ioredis clients (the floor), the service as
 * `node dist/run.js`, and the packaged app (`npm run package` output, started the platform's way:
 * `python3 run.py` in the unzipped app folder). Per service: spawn → Ready (wall and CPU), RSS idle
 * and peak under load, events/s with 32 in flight and CPU ms per event (main thread / other threads;
 * redis-server's CPU and Redis commands per event beside it), sequential latency p50/p99,
 * whether every event was answered with a FireEvent and the process exited 0 on Shutdown. Prints
 * one JSON line of figures (stdout), then a table (stderr). `--cpu-prof DIR` profiles the baseline
 * and dist/run.js (DIR/<kind>/); `--node-flags=…` applies to dist/run.js, `--launcher-flags` gives it the
 * packaged launcher's V8 flags (packaging/run.py NODE_FLAGS) first, as the packaged app runs; `--dedupe` turns on the
 * dedupe window and hourly counter (unique alert ids). Figures and how to read them: docs/performance.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { intOption, runCli, UsageError, type CliSpec } from '../app/cli/command-line.js';
import type { SpawnSpec } from '../app/platform-driver/launch.js';
import { packageProject } from './lib/package/package-project.js';
import { validateProject } from './lib/validate/index.js';
import { startDrivenService } from './lib/bench/platform-driver.js';
import { cpuMs, rssMb, threadCpuMs } from './lib/bench/proc-stats.js';
import { Redis } from 'ioredis';
import { missingCommands, startMosquitto, startRedisServer, type RealServer } from './lib/real-servers.js';
import { repoRoot } from './lib/repo-root.js';

/** Issue 13's bar. tcex's own figure (85–96 events/s) was measured on the same machine class. */
const TARGETS = { ratioToBaseline: 0.8, tcexEventsPerSecond: 96, timesTcex: 25, sequentialP50Ms: 1, rssUnderLoadMb: 94, readyMs: 400, packagedReadyMs: 300 };
const CONCURRENCY = 32;
/** Events sent before the loaded window (default); `--warm-up 3000` measures the steady state after V8 has optimised the hot code. */
const WARM_UP = 200;
const TRIGGER_ID = 1;
const bodyOf = (id: string) =>
  Buffer.from(JSON.stringify({ id, title: 'Benchmark alert', severity: 'high', description: 'beacon to 185.220.101.4 and https://evil.example/x' }));
const BODY = bodyOf('bench');
/** `--dedupe`: the trigger's dedupe window and hourly cap on (install.json's 60-minute window; a cap no run reaches), each alert with its own id. */
const DEDUPE_INPUTS = { dedupe_window: '60', hourly_cap: '100000000' };
const NO_DEDUPE_INPUTS = { dedupe_window: '0', hourly_cap: '0' };

type Kind = 'baseline' | 'dist' | 'packaged';

interface Figures {
  readyMs: number;
  /** CPU time the process used from spawn to Ready (launcher included): start-up cost, whatever the load. */
  readyCpuMs: number;
  eventsPerSecond: number;
  /** The service's own CPU time per event while loaded: what it costs, whoever else shares the cores. */
  cpuMsPerEvent: number;
  /** The same split by thread: the main (JavaScript) thread, and the others (V8's compiler and GC workers, libuv). */
  threadCpuMsPerEvent: { main: number; others: number };
  /** redis-server's CPU time per event while loaded, and the Redis commands per event (INFO commandstats; the driver's staging HSET included). */
  redis: { cpuMsPerEvent: number; commandsPerEvent: number; commands: Record<string, number> };
  sequentialMs: { p50: number; p99: number };
  rssMb: { idle: number; underLoad: number };
  events: number;
  fired: number;
  exitCode: number | null;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** mosquitto and redis-server on free loopback ports (scripts/lib/real-servers.ts; mosquitto with TCP_NODELAY). */
async function startServers(): Promise<{ broker: RealServer; redis: RealServer; stop(): Promise<void> }> {
  const missing = missingCommands(['redis-server', 'mosquitto', 'python3']);
  if (missing.length > 0) throw new Error(`the bench needs ${missing.join(', ')} on PATH (apt-get install mosquitto redis-server python3)`);
  const [redis, broker] = await Promise.all([startRedisServer(), startMosquitto()]);
  return { broker: broker!, redis: redis!, stop: async () => void (await Promise.all([redis!.close(), broker!.close()])) };
}

/** `npm run package` into work/, then the .tcx unzipped (Python's zipfile: an independent reader). */
async function packagedAppDir(root: string, work: string): Promise<string> {
  const result = await packageProject({ root, validate: validateProject, outDir: join(work, 'target') });
  if (!result.ok) throw new Error(`packaging failed: ${JSON.stringify(result.findings)}`);
  const unzip = spawnSync('python3', ['-m', 'zipfile', '-e', join(root, result.summary.tcx.path), join(work, 'unzipped')], { encoding: 'utf8' });
  if (unzip.status !== 0) throw new Error(`unzip failed: ${unzip.stderr}`);
  return join(work, 'unzipped', result.summary.folderKey);
}

interface Setup {
  root: string;
  work: string;
  servers: Awaited<ReturnType<typeof startServers>>;
  events: number;
  sequential: number;
  warmUp: number;
  cpuProf: string | undefined;
  nodeFlags: string[];
  dedupe: boolean;
  /** A client of the bench's redis-server for INFO (its pid, command counts). */
  redisInfo: Redis;
  redisPid: number;
  packagedDir: string | undefined;
  python: string;
}

/** The V8 flags the packaged launcher passes to Node (packaging/run.py: `NODE_FLAGS = ['…', …]`). */
function launcherFlags(root: string): string[] {
  const line = /^NODE_FLAGS = \[(.*)\]$/mu.exec(readFileSync(join(root, 'packaging/run.py'), 'utf8'));
  if (!line) throw new Error('packaging/run.py has no NODE_FLAGS = [...] line');
  return [...line[1]!.matchAll(/'([^']*)'/gu)].map((m) => m[1]!);
}

/** The interpreter itself, not a version-manager shim (pyenv's adds ~100 ms no platform has). */
function pythonExecutable(): string {
  const r = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : 'python3';
}

function spawnSpec(kind: Kind, setup: Setup): { spec: SpawnSpec; appDir: string } {
  const node = process.execPath;
  const prof = setup.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${join(setup.cpuProf, kind)}`] : [];
  if (kind === 'baseline')
    return { spec: { command: node, args: [...prof, join(setup.root, 'build/scripts/lib/bench/baseline-service.js')], cwd: setup.root }, appDir: setup.root };
  if (kind === 'dist')
    return { spec: { command: node, args: [...setup.nodeFlags, ...prof, join(setup.root, 'dist/run.js')], cwd: setup.root }, appDir: setup.root };
  const appDir = setup.packagedDir!;
  return { spec: { command: setup.python, args: ['run.py'], cwd: appDir, env: { TC_NODE_PATH: node } }, appDir };
}

async function measure(kind: Kind, setup: Setup): Promise<Figures> {
  const logDir = mkdtempSync(join(setup.work, `log-${kind}-`));
  const { spec, appDir } = spawnSpec(kind, setup);
  const svc = await startDrivenService({
    spawn: spec,
    appDir,
    broker: setup.servers.broker,
    redis: setup.servers.redis,
    logDir,
    logLevel: 'info',
    triggerId: TRIGGER_ID,
    triggerInputs: setup.dedupe ? DEDUPE_INPUTS : NO_DEDUPE_INPUTS,
  });
  let fired = 0;
  let sent = 0;
  const send = async (): Promise<number> => {
    sent += 1;
    const a = await svc.send(setup.dedupe ? bodyOf(`${kind}-${sent}`) : BODY);
    if (a.command === 'FireEvent') fired += 1;
    return a.ms;
  };
  try {
    for (let i = 0; i < setup.warmUp; i++) await send();
    await new Promise((r) => setTimeout(r, 300));
    const idle = rssMb(svc.pid);
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(svc.pid))), 25);
    let next = 0;
    const cpu0 = cpuMs(svc.pid);
    const threads0 = threadCpuMs(svc.pid);
    const redisCpu0 = cpuMs(setup.redisPid);
    const commands0 = await commandCounts(setup.redisInfo);
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < setup.events) {
          next += 1;
          await send();
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpuPerEvent = (cpuMs(svc.pid) - cpu0) / setup.events;
    const threads1 = threadCpuMs(svc.pid);
    const redisCpuPerEvent = (cpuMs(setup.redisPid) - redisCpu0) / setup.events;
    const commands1 = await commandCounts(setup.redisInfo);
    // INFO itself is counted once per snapshot: not part of the events.
    const commands = Object.fromEntries(
      Object.entries(commands1)
        .map(([c, n]) => [c, round((n - (commands0[c] ?? 0) - (c === 'info' ? 1 : 0)) / setup.events)] as const)
        .filter(([, n]) => n > 0),
    );
    clearInterval(sampler);
    peak = Math.max(peak, rssMb(svc.pid));
    const latencies: number[] = [];
    for (let i = 0; i < setup.sequential; i++) latencies.push(await send());
    latencies.sort((a, b) => a - b);
    const exitCode = await svc.stop();
    return {
      readyMs: svc.readyMs,
      readyCpuMs: svc.readyCpuMs,
      eventsPerSecond: Math.round(setup.events / seconds),
      cpuMsPerEvent: round(cpuPerEvent, 3),
      threadCpuMsPerEvent: {
        main: round((threads1.main - threads0.main) / setup.events, 3),
        others: round((threads1.others - threads0.others) / setup.events, 3),
      },
      redis: {
        cpuMsPerEvent: round(redisCpuPerEvent, 3),
        commandsPerEvent: round(Object.values(commands).reduce((a, b) => a + b, 0)),
        commands,
      },
      sequentialMs: { p50: round(pct(latencies, 50)), p99: round(pct(latencies, 99)) },
      rssMb: { idle, underLoad: peak },
      events: sent,
      fired,
      exitCode,
    };
  } catch (err) {
    await svc.stop();
    throw err;
  }
}

/** Calls per Redis command so far (INFO commandstats), e.g. { hset: 4000, hget: 2000 }. */
async function commandCounts(redis: Redis): Promise<Record<string, number>> {
  const text = await redis.info('commandstats');
  const counts: Record<string, number> = {};
  for (const m of text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) counts[m[1]!] = Number(m[2]);
  return counts;
}

function table(results: Partial<Record<Kind, Figures>>): string {
  const base = results.baseline?.eventsPerSecond;
  const rows = [
    [
      'service',
      'events/s',
      'vs base',
      'cpu ms/ev',
      'main/other',
      'redis ms',
      'redis cmd',
      'seq p50',
      'seq p99',
      'ready ms',
      'ready cpu',
      'RSS idle',
      'RSS load',
      'fired',
    ]
      .map((c) => c.padStart(10))
      .join(' '),
  ];
  for (const [kind, f] of Object.entries(results) as Array<[Kind, Figures]>) {
    const ratio = base ? `${Math.round((f.eventsPerSecond / base) * 100)} %` : '–';
    rows.push(
      [
        kind,
        f.eventsPerSecond,
        ratio,
        f.cpuMsPerEvent,
        `${f.threadCpuMsPerEvent.main}/${f.threadCpuMsPerEvent.others}`,
        f.redis.cpuMsPerEvent,
        f.redis.commandsPerEvent,
        f.sequentialMs.p50,
        f.sequentialMs.p99,
        f.readyMs,
        f.readyCpuMs,
        f.rssMb.idle,
        f.rssMb.underLoad,
        `${f.fired}/${f.events}`,
      ]
        .map((c) => String(c).padStart(10))
        .join(' '),
    );
  }
  return rows.join('\n');
}

function verdicts(kind: Kind, f: Figures, base: Figures | undefined): Record<string, boolean> {
  const readyTarget = kind === 'packaged' ? TARGETS.packagedReadyMs : TARGETS.readyMs;
  return {
    ...(base ? { ratioToBaseline: f.eventsPerSecond >= TARGETS.ratioToBaseline * base.eventsPerSecond } : {}),
    timesTcex: f.eventsPerSecond >= TARGETS.timesTcex * TARGETS.tcexEventsPerSecond,
    sequentialP50: f.sequentialMs.p50 <= TARGETS.sequentialP50Ms,
    rssUnderLoad: f.rssMb.underLoad <= TARGETS.rssUnderLoadMb,
    ready: f.readyMs <= readyTarget,
    nothingLost: f.fired === f.events,
    cleanShutdown: f.exitCode === 0,
  };
}

const SPEC: CliSpec = {
  command: 'npm run bench --',
  summary:
    'Side by side on loopback, against a real mosquitto and redis-server: a do-nothing service (the floor), node dist/run.js and the packaged app. ' +
    'One JSON line of figures on stdout, a table on stderr. Takes a few minutes.',
  options: {
    events: { type: 'string', value: 'N', help: 'events sent with 32 in flight', default: '2000' },
    sequential: { type: 'string', value: 'N', help: 'events sent one at a time for latency', default: '500' },
    'warm-up': { type: 'string', value: 'N', help: 'events sent before measuring (3000 for the steady state)', default: String(WARM_UP) },
    only: { type: 'string', value: 'LIST', help: 'which services: baseline, dist, packaged', default: 'baseline,dist,packaged' },
    'cpu-prof': { type: 'string', value: 'DIR', help: 'write CPU profiles of the baseline and dist/run.js there (DIR/<kind>/)' },
    'node-flags': { type: 'string', value: 'FLAGS', help: 'extra node flags for dist/run.js, e.g. "--max-semi-space-size=2"', default: '' },
    'launcher-flags': { type: 'boolean', help: "run dist/run.js with the packaged launcher's V8 flags (packaging/run.py NODE_FLAGS), before --node-flags" },
    dedupe: { type: 'boolean', help: 'turn on the dedupe window and the hourly counter (each alert with its own id): two more Redis claims per event' },
  },
  notes: ['Figures and how to read them: docs/performance.md. Needs redis-server and mosquitto on the PATH.'],
};

await runCli(SPEC, async ({ values: raw }) => {
  const values = {
    events: String(raw.events),
    sequential: String(raw.sequential),
    'warm-up': String(raw['warm-up']),
    only: String(raw.only),
    'cpu-prof': raw['cpu-prof'] as string | undefined,
    'node-flags': String(raw['node-flags']),
    'launcher-flags': raw['launcher-flags'] === true,
    dedupe: raw.dedupe === true,
  };
  intOption(values.events, 'events', 1, 10_000_000);
  intOption(values.sequential, 'sequential', 1, 10_000_000);
  intOption(values['warm-up'], 'warm-up', 0, 10_000_000);
  const kinds = values.only.split(',').map((k) => k.trim()) as Kind[];
  const unknown = kinds.filter((k) => !['baseline', 'dist', 'packaged'].includes(k));
  if (unknown.length > 0) throw new UsageError(`--only takes baseline, dist, packaged (not ${unknown.join(', ')})`);
  const root = repoRoot();
  const work = mkdtempSync(join(tmpdir(), 'alert-intake-bench-'));
  const servers = await startServers();
  const redisInfo = new Redis({ host: servers.redis.host, port: servers.redis.port });
  try {
    const redisPid = Number(/process_id:(\d+)/.exec(await redisInfo.info('server'))?.[1]);
    const setup: Setup = {
      root,
      work,
      servers,
      events: Number(values.events),
      sequential: Number(values.sequential),
      warmUp: Number(values['warm-up']),
      cpuProf: values['cpu-prof'],
      nodeFlags: [...(values['launcher-flags'] ? launcherFlags(root) : []), ...values['node-flags'].split(' ').filter(Boolean)],
      dedupe: values.dedupe,
      redisInfo,
      redisPid,
      python: pythonExecutable(),
      packagedDir: kinds.includes('packaged') ? await packagedAppDir(root, work) : undefined,
    };
    const results: Partial<Record<Kind, Figures>> = {};
    for (const kind of kinds) results[kind] = await measure(kind, setup);
    const base = results.baseline;
    const line = {
      benchmark: 'alert-intake',
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown' },
      node: process.version,
      distNodeFlags: setup.nodeFlags,
      events: setup.events,
      warmUp: setup.warmUp,
      dedupe: setup.dedupe,
      concurrency: CONCURRENCY,
      services: results,
      ratioToBaseline: Object.fromEntries(
        (Object.entries(results) as Array<[Kind, Figures]>)
          .filter(([k]) => k !== 'baseline' && base)
          .map(([k, f]) => [k, round(f.eventsPerSecond / base!.eventsPerSecond)]),
      ),
      targets: TARGETS,
      met: Object.fromEntries((Object.entries(results) as Array<[Kind, Figures]>).filter(([k]) => k !== 'baseline').map(([k, f]) => [k, verdicts(k, f, base)])),
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
    process.stderr.write(`\n${table(results)}\n`);
  } finally {
    redisInfo.disconnect();
    await servers.stop();
    rmSync(work, { recursive: true, force: true });
  }
  return 0;
});
