/**
 * `npm run bench`: the real service process behind the simulator, on loopback only.
 * Per configuration (embedded broker + store; real mosquitto + redis-server when installed):
 * cold start to Ready, sustained events/s, webhook→FireEvent latency p50/p95/p99 at 200 events/s,
 * service RSS idle and under load. One JSON line per configuration, then a table comparing each
 * figure with the target and with a baseline measured in the same run (an HTTP round trip to the
 * simulator that involves no service: the floor of the platform overhead).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliSpec } from '../app/cli/command-line.js';
import { startSimulator, type Simulator } from '../app/simulator/platform.js';
import { repoRoot } from './lib/repo-root.js';

const TARGETS = { eventsPerSecond: 2000, p99Ms: 5, rssMb: 80, readyMs: 500 };
const THROUGHPUT_REQUESTS = 3000;
const CONCURRENCY = 32;
const PACED_REQUESTS = 1000;
const PACED_RATE = 200;

const body = JSON.stringify({ id: 'bench', title: 'Benchmark alert', severity: 'high', description: 'beacon to 185.220.101.4 and https://evil.example/x' });

function rssMb(pid: number | undefined): number {
  if (!pid) return NaN;
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 102.4) / 10 : NaN;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const round = (n: number) => Math.round(n * 100) / 100;

async function post(url: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`unexpected status ${res.status}`);
  return performance.now() - t0;
}

async function throughput(url: string): Promise<{ eventsPerSecond: number; peakRssMb: number; pid?: number }> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < THROUGHPUT_REQUESTS) {
        next += 1;
        await post(url);
      }
    }),
  );
  return { eventsPerSecond: Math.round(THROUGHPUT_REQUESTS / ((performance.now() - t0) / 1000)), peakRssMb: 0 };
}

async function paced(url: string): Promise<number[]> {
  const latencies: number[] = [];
  const interval = 1000 / PACED_RATE;
  const start = performance.now();
  const inflight: Array<Promise<void>> = [];
  for (let i = 0; i < PACED_REQUESTS; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inflight.push(post(url).then((ms) => void latencies.push(ms)));
  }
  await Promise.all(inflight);
  return latencies.sort((a, b) => a - b);
}

async function baseline(sim: Simulator): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    await (await fetch(`${sim.url}/api/appAuth`)).arrayBuffer();
    samples.push(performance.now() - t0);
  }
  return pct(samples.sort((a, b) => a - b), 50);
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

/** mosquitto on loopback with TCP_NODELAY (its default waits for Nagle on small packets). */
function mosquittoConfig(port: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'alert-intake-mosquitto-'));
  const file = join(dir, 'mosquitto.conf');
  writeFileSync(file, `listener ${port} 127.0.0.1\nallow_anonymous true\nset_tcp_nodelay true\n`);
  return file;
}

async function startExternal(): Promise<{ redisUrl: string; brokerUrl: string; stop(): void } | null> {
  if (spawnSync('redis-server', ['--version']).status !== 0 || spawnSync('mosquitto', ['-h']).error) return null;
  const rp = await freePort();
  const mp = await freePort();
  const procs: ChildProcess[] = [
    spawn('redis-server', ['--port', String(rp), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' }),
    spawn('mosquitto', ['-c', mosquittoConfig(mp)], { stdio: 'ignore' }),
  ];
  await new Promise((r) => setTimeout(r, 500));
  return { redisUrl: `redis://127.0.0.1:${rp}`, brokerUrl: `mqtt://127.0.0.1:${mp}`, stop: () => procs.forEach((p) => p.kill('SIGKILL')) };
}

async function measure(name: string, options: { redisUrl?: string; brokerUrl?: string }) {
  const logDir = mkdtempSync(join(tmpdir(), 'alert-intake-bench-'));
  const sim = await startSimulator({
    appDir: repoRoot(),
    quiet: true,
    port: 0,
    logDir,
    logLevel: 'warning',
    hbIntervalMs: 5000,
    triggers: { service: {}, variables: {}, triggers: [{ id: 1, inputs: { dedupe_window: '0', hourly_cap: '0' } }] },
    ...options,
  });
  try {
    const url = `${sim.url}/1`;
    for (let i = 0; i < 200; i++) await post(url); // warm-up
    await new Promise((r) => setTimeout(r, 300));
    const idleRss = rssMb(sim.servicePid);
    let peakRss = idleRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(sim.servicePid))), 50);
    const t = await throughput(url);
    const lat = await paced(url);
    clearInterval(sampler);
    const baseP50 = await baseline(sim);
    return {
      benchmark: 'alert-intake',
      configuration: name,
      readyMs: sim.readyMs,
      eventsPerSecond: t.eventsPerSecond,
      latencyMs: { p50: round(pct(lat, 50)), p95: round(pct(lat, 95)), p99: round(pct(lat, 99)) },
      rssMb: { idle: idleRss, underLoad: peakRss },
      baseline: { httpRoundTripP50Ms: round(baseP50), serviceOverheadP50Ms: round(pct(lat, 50) - baseP50) },
      targets: TARGETS,
      node: process.version,
    };
  } finally {
    await sim.stop();
    rmSync(logDir, { recursive: true, force: true });
  }
}

const SPEC: CliSpec = {
  command: 'npm run bench --',
  summary:
    'Measures the real service behind the simulator on loopback: cold start to Ready, sustained events/s, latency at 200 events/s and RSS; ' +
    'with the embedded broker and store, then with mosquitto + redis-server when installed. Takes about a minute.',
  options: {
    json: { type: 'boolean', help: 'print only the JSON line of each configuration (use npm run --silent bench -- --json)' },
  },
  notes: ['Prints one JSON line per configuration, then a table against the targets. Never fails on a missed target.'],
};

await runCli(SPEC, async ({ values }) => {
  const json = values.json === true;
  const results = [await measure('embedded (aedes + in-memory RESP store)', {})];
  const external = await startExternal();
  if (external) {
    try {
      results.push(await measure('mosquitto + redis-server', { redisUrl: external.redisUrl, brokerUrl: external.brokerUrl }));
    } finally {
      external.stop();
    }
  } else {
    process.stderr.write('mosquitto and/or redis-server not installed: only the embedded configuration was measured.\n');
  }
  for (const r of results) process.stdout.write(`${JSON.stringify(r)}\n`);
  const mark = (ok: boolean) => (ok ? 'ok ' : 'MISS');
  if (json) return 0;
  process.stdout.write('\nconfiguration                              metric              measured   target   \n');
  for (const r of results) {
    const rows: Array<[string, number, string, boolean]> = [
      ['cold start to Ready', r.readyMs, `≤ ${TARGETS.readyMs} ms`, r.readyMs <= TARGETS.readyMs],
      ['events/s sustained', r.eventsPerSecond, `≥ ${TARGETS.eventsPerSecond}`, r.eventsPerSecond >= TARGETS.eventsPerSecond],
      ['p99 ms at 200/s', r.latencyMs.p99, `≤ ${TARGETS.p99Ms} ms`, r.latencyMs.p99 <= TARGETS.p99Ms],
      ['RSS MB under load', r.rssMb.underLoad, `≤ ${TARGETS.rssMb} MB`, r.rssMb.underLoad <= TARGETS.rssMb],
      ['p50 ms vs baseline', r.latencyMs.p50, `${r.baseline.httpRoundTripP50Ms} ms base`, true],
    ];
    for (const [metric, value, target, ok] of rows) {
      process.stdout.write(`${r.configuration.padEnd(42)} ${metric.padEnd(19)} ${String(value).padStart(9)}   ${target.padEnd(14)} ${mark(ok)}\n`);
    }
  }
  return 0;
});
