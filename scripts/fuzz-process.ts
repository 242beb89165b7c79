/**
 * `npm run fuzz:process`: the fuzz bodies end to end through the real service (issue 10). Starts
 * mosquitto and redis-server on free loopback ports, launches `node dist/run.js` the platform's way
 * (scripts/lib/bench/platform-driver.ts; with the launcher's `--max-semi-space-size=2` and
 * max_body_bytes at its 64 MiB maximum), configures one Generic JSON trigger asking for every
 * output variable of install.json, and for each family (scripts/lib/fuzz/families.ts, and the
 * non-JSON bodies of scripts/lib/fuzz/raw-bodies.ts) at 100 KB, 1 MB and 16 MiB: stages the body in
 * Redis (base64, as the platform does), publishes the WebhookEvent and waits for the answer (the
 * last FireEvent of a batch — how many, the service's decision line in its trigger log says — or
 * the WebhookEventResponse).
 *
 * Meanwhile a Heartbeat goes to the service every 50 ms: `waitMs` is the longest any of them
 * in flight meanwhile waited for its answer (a round trip through the broker is ~1 ms: what a
 * platform Heartbeat would have waited), `gapMs` the longest gap between two Heartbeat answers (50
 * when the service never stopped listening; a late send by this script counts here, not in
 * `waitMs`). Both include the machine's own scheduling stalls. Per play: wall ms from the
 * WebhookEvent to the answer, the service's CPU ms (all threads, from /proc schedstat; and its main thread's share), the bytes of output
 * variables written for the request (`outMB`: every fired session; `sessionMB`: the largest one;
 * and the largest output other than the raw body `alert_intake.response.json.raw`), and RSS.
 *
 * One JSON line on stdout, a table on stderr. `pass` holds when no body of 1 MB or more cost the
 * service over 100 CPU ms per MB (at 100 KB the fixed cost of an event and its round trips weighs
 * in: shown, not judged), no Heartbeat waited over 1 s, every event was answered, no session got
 * more than OTHER_OUTPUTS_LIMIT_BYTES of outputs besides the raw body, and the service stayed up.
 * Exit 1 otherwise.
 *
 * Options: `--quick` leaves out 16 MiB; `--largest` adds 64 MiB (the body limit); `--burst N` then
 * sends N bodies of 16 MiB at once (answers, RSS peak, Heartbeat wait); `--only a,b` plays only those families; `--runs N` plays
 * each body N times and keeps the least CPU (default 2; 16 MiB once); `--cpu-prof DIR` profiles the
 * service (node --cpu-prof, written when it exits); `--service DIR` runs another build
 * (DIR/dist/run.js, DIR/install.json), e.g. to compare with a checkout of main.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { runCli, UsageError, type CliSpec } from '../app/cli/command-line.js';
import type { NameValue } from '../app/protocol/messages.js';
import { startDrivenService, type DrivenService } from './lib/bench/platform-driver.js';
import { rssMb, threadCpuMs, threadsCpuMs } from './lib/bench/proc-stats.js';
import { FUZZ_FAMILIES } from './lib/fuzz/families.js';
import { RAW_FAMILIES, type RawBody } from './lib/fuzz/raw-bodies.js';
import { missingCommands, startMosquitto, startRedisServer } from './lib/real-servers.js';
import { repoRoot } from './lib/repo-root.js';
import { readLoggedDecision } from '../app/simulator/decision-log.js';

const MB = 1_048_576;
const LIMIT_MS_PER_MB = 100;
const LIMIT_DEAF_MS = 1000;
const HEARTBEAT_MS = 50;
/** One session's output variables besides the raw body (`alert_intake.response.json.raw`: the body, JSON-escaped). */
const OTHER_OUTPUTS_LIMIT_BYTES = MB;
const TRIGGER_ID = 1;
const RAW_OUTPUT = 'alert_intake.response.json.raw';

const r1 = (n: number) => Math.round(n * 10) / 10;

const JSON_HEADERS: NameValue[] = [{ name: 'Content-Type', value: 'application/json' }];

/** Every family, JSON or not, as a builder of {body, headers, bytes}. */
function allFamilies(): Record<string, (n: number) => RawBody> {
  const out: Record<string, (n: number) => RawBody> = {};
  for (const [name, build] of Object.entries(FUZZ_FAMILIES)) {
    out[name] = (n) => {
      const body = Buffer.from(build(n));
      return { body, headers: JSON_HEADERS, bytes: body.length };
    };
  }
  return { ...out, ...RAW_FAMILIES };
}

function peakRssMb(pid: number | undefined): number {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

interface Play {
  wallMs: number;
  cpuMs: number;
  /** The part of cpuMs spent on the service's main (event-loop) thread. */
  mainMs: number;
  /** The longest gap between Heartbeat answers. */
  gapMs: number;
  /** The longest a Heartbeat in flight meanwhile waited for its answer. */
  waitMs: number;
  /** The script's own longest event-loop block meanwhile (when large, the Heartbeats went out late). */
  driverBlockMs: number;
  answer: string;
  answers: number;
  /** Output bytes written for the request: every fired session together. */
  outBytes: number;
  /** The most any one session got. */
  sessionBytes: number;
  /** The most any one session got besides the raw body. */
  otherBytes: number;
  largestOutput: { field: string; bytes: number };
  rssMb: number;
}

interface Burst {
  bodies: number;
  bodyMB: number;
  wallMs: number;
  cpuMs: number;
  /** fired, a status code (503: service_busy), or unanswered. */
  outcomes: Record<string, number>;
  peakRssMb: number;
  waitMs: number;
}

class Player {
  /** Arrival times of Heartbeat answers. */
  private beats: number[] = [];
  /** Send times of the Heartbeats not answered yet, oldest first (the service answers in order). */
  private pending: number[] = [];
  /** Each answered Heartbeat: when it was sent and how long its answer took. */
  private waits: Array<{ sentAt: number; ms: number }> = [];
  private readonly ticker: NodeJS.Timeout;
  /** requestKey → its answers (FireEvent / WebhookEventResponse): arrival time, the service's CPU ms then, session. */
  private answers = new Map<string, Array<{ at: number; cpu: number; main: number; sessionId: string }>>();

  constructor(
    private readonly svc: DrivenService,
    private readonly redis: Redis,
    private readonly logDir: string,
  ) {
    svc.onMessage((m) => {
      const now = performance.now();
      if (m.command === 'Heartbeat') {
        this.beats.push(now);
        if (this.beats.length > 10_000) this.beats.splice(0, 5_000);
        const sentAt = this.pending.shift();
        if (sentAt !== undefined) this.waits.push({ sentAt, ms: now - sentAt });
        if (this.waits.length > 10_000) this.waits.splice(0, 5_000);
      } else if ((m.command === 'FireEvent' || m.command === 'WebhookEventResponse') && typeof m.requestKey === 'string') {
        const cpu = threadCpuMs(svc.pid);
        this.answers.get(m.requestKey)?.push({ at: now, cpu: cpu.main + cpu.others, main: cpu.main, sessionId: String(m.sessionId) });
      }
    });
    this.ticker = setInterval(() => {
      this.pending.push(performance.now());
      void svc.publish({ command: 'Heartbeat', metric: {}, memoryPercent: 0, cpuPercent: 0 });
    }, HEARTBEAT_MS);
  }

  stop(): void {
    clearInterval(this.ticker);
  }

  /** The longest a Heartbeat waited for its answer among those in flight between `from` and `to`. */
  private longestWait(from: number, to: number): number {
    let longest = 0;
    for (const w of this.waits) if (w.sentAt <= to && w.sentAt + w.ms >= from) longest = Math.max(longest, w.ms);
    for (const sentAt of this.pending) if (sentAt <= to) longest = Math.max(longest, to - sentAt);
    return longest;
  }

  /** The longest gap between Heartbeat answers from `from` to `to` (counting the last answer before `from`). */
  private deafness(from: number, to: number): number {
    let previous = from;
    let longest = 0;
    for (const t of this.beats) {
      if (t < from) {
        previous = t;
        continue;
      }
      if (t > to) {
        longest = Math.max(longest, t - previous);
        return longest;
      }
      longest = Math.max(longest, t - previous);
      previous = t;
    }
    return Math.max(longest, to - previous);
  }

  /** Sizes of the output fields stored under `sessionId`. */
  private async outputs(sessionId: string): Promise<{ total: number; others: number; largest: { field: string; bytes: number } }> {
    const fields = await this.redis.hkeys(sessionId);
    let total = 0;
    let others = 0;
    let largest = { field: '', bytes: 0 };
    for (const field of fields) {
      const bytes = await this.redis.hstrlen(sessionId, field);
      total += bytes;
      // The raw body is as large as the body (and its JSON escapes) by design; the others must stay bounded.
      if (field.includes(RAW_OUTPUT)) continue;
      others += bytes;
      if (bytes > largest.bytes) largest = { field: field.replace(/^#Trigger:\d+:/, '').replace(/^alert_intake\./, ''), bytes };
    }
    return { total, others, largest };
  }

  /**
   * `n` copies of one body sent at once (each staged under its own key, the WebhookEvents published
   * as each is staged): how each was answered, the service's RSS peak (sampled every 25 ms) and the
   * longest Heartbeat wait meanwhile.
   */
  async burst(raw: RawBody, n: number, timeoutMs: number): Promise<Burst> {
    const pid = this.svc.pid;
    let peak = rssMb(pid);
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 25);
    const t0 = performance.now();
    const cpu0 = threadsCpuMs(pid);
    const keys: string[] = [];
    const request = { method: 'POST', headers: raw.headers, queryParams: [] };
    const onKey = (key: string) => {
      keys.push(key);
      this.answers.set(key, []);
    };
    const results = await Promise.allSettled(Array.from({ length: n }, () => this.svc.send(raw.body, { request, timeoutMs, onKey })));
    const wallMs = performance.now() - t0;
    const cpuMs = threadsCpuMs(pid) - cpu0;
    clearInterval(sampler);
    const outcomes: Record<string, number> = {};
    for (const r of results) {
      const k = r.status === 'rejected' ? 'unanswered' : r.value.command === 'FireEvent' ? 'fired' : String(r.value.statusCode);
      outcomes[k] = (outcomes[k] ?? 0) + 1;
    }
    const waitMs = this.longestWait(t0, t0 + wallMs);
    await new Promise((r) => setTimeout(r, 500));
    for (const key of keys) {
      await this.redis.del(key, ...(this.answers.get(key) ?? []).map((a) => a.sessionId));
      this.answers.delete(key);
    }
    return {
      bodies: n,
      bodyMB: r1(raw.body.length / MB),
      wallMs: Math.round(wallMs),
      cpuMs: Math.round(cpuMs),
      outcomes,
      peakRssMb: peak,
      waitMs: Math.round(waitMs),
    };
  }

  async play(raw: RawBody, timeoutMs: number): Promise<Play> {
    const pid = this.svc.pid;
    let published = 0;
    let cpu0 = 0;
    let main0 = 0;
    let requestKey = '';
    const loop = monitorEventLoopDelay({ resolution: 5 });
    const answer = await this.svc.send(raw.body, {
      request: { method: 'POST', headers: raw.headers, queryParams: [] },
      timeoutMs,
      onStaged: () => {
        loop.enable();
        const cpu = threadCpuMs(pid);
        cpu0 = cpu.main + cpu.others;
        main0 = cpu.main;
        published = performance.now();
      },
      onKey: (key: string) => {
        requestKey = key;
        this.answers.set(key, []);
      },
    });
    // A batch fires one after the other: its end is the last FireEvent. How many there are is in the
    // decision line the service logs once they are all published.
    const times = () => this.answers.get(requestKey) ?? [];
    if (answer.command === 'FireEvent') {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const fires = readLoggedDecision(this.logDir, TRIGGER_ID, requestKey)?.fires;
        if (fires !== undefined && times().length >= fires) break;
        if (performance.now() > deadline) throw new Error(`event ${requestKey}: ${times().length} FireEvents, no decision logged within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    const arrived = times();
    const now = threadCpuMs(pid);
    const last = arrived[arrived.length - 1] ?? { at: performance.now(), cpu: now.main + now.others, main: now.main, sessionId: answer.sessionId };
    const end = last.at;
    const cpu = last.cpu - cpu0;
    // One more Heartbeat period, so a gap that ends just after the answer is seen whole.
    await new Promise((r) => setTimeout(r, HEARTBEAT_MS * 2));
    loop.disable();
    const deaf = this.deafness(published, end + HEARTBEAT_MS);
    const wait = this.longestWait(published, end);
    // Every fired session's outputs: the total, and the largest session and field.
    let outBytes = 0;
    let sessionBytes = 0;
    let otherBytes = 0;
    let largest = { field: '', bytes: 0 };
    if (answer.command === 'FireEvent') {
      for (const a of arrived) {
        const out = await this.outputs(a.sessionId);
        outBytes += out.total;
        sessionBytes = Math.max(sessionBytes, out.total);
        otherBytes = Math.max(otherBytes, out.others);
        if (out.largest.bytes > largest.bytes) largest = out.largest;
      }
    }
    await this.redis.del(requestKey, answer.sessionId, ...arrived.map((a) => a.sessionId));
    this.answers.delete(requestKey);
    return {
      wallMs: end - published,
      cpuMs: cpu,
      mainMs: last.main - main0,
      gapMs: deaf,
      waitMs: wait,
      driverBlockMs: loop.max / 1e6,
      answer: answer.command === 'FireEvent' ? `fire ×${arrived.length}` : `${answer.statusCode ?? '?'}`,
      answers: arrived.length,
      outBytes,
      sessionBytes,
      otherBytes,
      largestOutput: largest,
      rssMb: rssMb(pid),
    };
  }
}

interface Cell {
  wallMs: number;
  cpuMs: number;
  /** The part of cpuMs spent on the main (event-loop) thread; the rest is the analysis worker, V8's compiler and GC threads. */
  mainMs: number;
  waitMs: number;
  gapMs: number;
  driverBlockMs: number;
  outMB: number;
  sessionMB: number;
  largestOutput: string;
  answer: string;
}

interface Row {
  cells: Record<string, Cell>;
  cpuMsPerMB: number;
  cpuMsPerMB16: number | null;
  wallMsPerMB: number;
  rssMb: number;
  pass: boolean;
  why: string[];
}

interface Options {
  quick: boolean;
  largest: boolean;
  /** 16 MiB bodies sent at once after the families (0: none). */
  burst: number;
  only: readonly string[] | undefined;
  runs: number;
  cpuProf: string | undefined;
  /** The folder holding dist/run.js and install.json. */
  serviceDir: string;
}

async function fuzzProcess({ quick, largest, burst, only, runs, cpuProf, serviceDir }: Options): Promise<number> {
  const missing = missingCommands(['mosquitto', 'redis-server']);
  if (missing.length > 0) throw new Error(`needs ${missing.join(' and ')} on the PATH`);
  const families = allFamilies();
  const sizes = [
    { label: '100KB', bytes: 100 * 1024, runs },
    { label: '1MB', bytes: MB, runs },
    ...(quick ? [] : [{ label: '16MB', bytes: 16 * MB, runs: 1 }]),
    ...(largest ? [{ label: '64MB', bytes: 64 * MB - 1024, runs: 1 }] : []),
  ];
  const root = serviceDir;
  const work = mkdtempSync(join(tmpdir(), 'alert-intake-fuzz-process-'));
  const broker = await startMosquitto();
  const store = await startRedisServer({ args: ['--proto-max-bulk-len', '512mb'] });
  if (!broker || !store) throw new Error('mosquitto or redis-server would not start');
  const redis = new Redis({ host: store.host, port: store.port });
  const logDir = join(work, 'log');
  let svc: DrivenService | undefined;
  let player: Player | undefined;
  const rows: Record<string, Row> = {};
  let crashed = false;
  let unanswered = 0;
  try {
    svc = await startDrivenService({
      spawn: {
        command: process.execPath,
        args: ['--max-semi-space-size=2', ...(cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${cpuProf}`] : []), join(root, 'dist/run.js')],
        cwd: root,
      },
      appDir: root,
      broker: { host: broker.host, port: broker.port },
      redis: { host: store.host, port: store.port },
      logDir,
      logLevel: 'info',
      triggerId: TRIGGER_ID,
      triggerInputs: { source_preset: 'Generic JSON', dedupe_window: '0', hourly_cap: '0' },
      serviceParams: { max_body_bytes: String(64 * MB) },
      // The player sends its own Heartbeats, timed one by one.
      heartbeatMs: 3_600_000,
    });
    player = new Player(svc, redis, logDir);
    const rssStart = rssMb(svc.pid);
    // Warm the service's paths, in-line and in the analysis worker: a text alert, and nested JSON in
    // the worker (its walk of objects and arrays: the first megabytes of such JSON cost up to about
    // twice what later ones do while V8 compiles that code, which would be charged to whichever
    // container-dense family comes first).
    for (const n of [10 * 1024, 10 * 1024, 300 * 1024]) await player.play(families['dotted-labels']!(n), 30_000);
    for (let i = 0; i < 3; i++) await player.play(families['mixed-nesting']!(300 * 1024), 30_000);

    for (const [name, build] of Object.entries(families)) {
      if (only && !only.includes(name)) continue;
      const row: Row = { cells: {}, cpuMsPerMB: 0, cpuMsPerMB16: null, wallMsPerMB: 0, rssMb: 0, pass: true, why: [] };
      for (const size of sizes) {
        // A batch at 64 MiB would hold 100 sessions × the 64 MiB raw body in Redis at once (6.4 GB).
        if (size.bytes > 16 * MB && name.startsWith('batch-')) continue;
        const raw = build(size.bytes);
        let best: Play | undefined;
        let wait = 0;
        let gap = 0;
        for (let i = 0; i < size.runs; i++) {
          let p: Play;
          try {
            p = await player.play(raw, 30_000 + (raw.bytes / MB) * 2_000);
          } catch (err) {
            unanswered += 1;
            row.pass = false;
            row.why.push(`${size.label}: ${err instanceof Error ? err.message : String(err)}`);
            if (svc.pid === undefined || Number.isNaN(rssMb(svc.pid))) crashed = true;
            break;
          }
          wait = Math.max(wait, p.waitMs);
          gap = Math.max(gap, p.gapMs);
          if (!best || p.cpuMs < best.cpuMs) best = p;
        }
        if (crashed) break;
        if (!best) continue;
        const perMB = best.cpuMs / (raw.bytes / MB);
        row.cells[size.label] = {
          wallMs: Math.round(best.wallMs),
          cpuMs: Math.round(best.cpuMs),
          mainMs: Math.round(best.mainMs),
          waitMs: Math.round(wait),
          gapMs: Math.round(gap),
          driverBlockMs: Math.round(best.driverBlockMs),
          outMB: r1(best.outBytes / MB),
          sessionMB: r1(best.sessionBytes / MB),
          largestOutput: best.largestOutput.field ? `${best.largestOutput.field} ${Math.round(best.largestOutput.bytes / 1024)} KB` : '',
          answer: best.answer,
        };
        if (size.bytes >= MB && perMB > LIMIT_MS_PER_MB) row.why.push(`${size.label}: ${r1(perMB)} CPU ms/MB`);
        if (wait > LIMIT_DEAF_MS) row.why.push(`${size.label}: a Heartbeat waited ${Math.round(wait)} ms`);
        if (best.otherBytes > OTHER_OUTPUTS_LIMIT_BYTES)
          row.why.push(`${size.label}: a session got ${Math.round(best.otherBytes / 1024)} KB of outputs besides the raw body`);
        if (size.bytes === MB) {
          row.cpuMsPerMB = r1(perMB);
          row.wallMsPerMB = r1(best.wallMs / (raw.bytes / MB));
        }
        if (size.bytes === 16 * MB) row.cpuMsPerMB16 = r1(perMB);
        row.rssMb = best.rssMb;
      }
      row.pass = row.why.length === 0;
      rows[name] = row;
      process.stderr.write(
        `  ${name}: ${sizes.map((s) => `${s.label} ${row.cells[s.label]?.cpuMs ?? '-'} ms`).join(', ')}${row.pass ? '' : ` — ${row.why.join('; ')}`}\n`,
      );
      if (crashed) break;
    }

    let burstResult: Burst | undefined;
    if (burst > 0 && !crashed) {
      burstResult = await player.burst(families['url-dots']!(16 * MB), burst, 120_000);
      process.stderr.write(`  burst: ${JSON.stringify(burstResult)}\n`);
      if (burstResult.outcomes.unanswered) unanswered += burstResult.outcomes.unanswered;
      if (Number.isNaN(rssMb(svc.pid))) crashed = true;
    }

    const entries = Object.entries(rows);
    const longestWait = Math.max(0, ...entries.flatMap(([, r]) => Object.values(r.cells).map((c) => c.waitMs)));
    const longestGap = Math.max(0, ...entries.flatMap(([, r]) => Object.values(r.cells).map((c) => c.gapMs)));
    const pass = !crashed && unanswered === 0 && entries.every(([, r]) => r.pass);
    const summary = {
      limitMsPerMB: LIMIT_MS_PER_MB,
      limitDeafMs: LIMIT_DEAF_MS,
      otherOutputsLimitBytes: OTHER_OUTPUTS_LIMIT_BYTES,
      heartbeatMs: HEARTBEAT_MS,
      node: process.version,
      loadAverage: loadavg().map((l) => r1(l)),
      crashed,
      unanswered,
      longestWaitMs: longestWait,
      longestGapMs: longestGap,
      rssMb: { start: rssStart, end: rssMb(svc.pid), peak: peakRssMb(svc.pid) },
      ...(burstResult ? { burst: burstResult } : {}),
      pass,
      families: rows,
    };
    console.log(JSON.stringify(summary));
    const labels = sizes.map((s) => s.label);
    process.stderr.write(
      `End to end through node dist/run.js (mosquitto + redis-server), load average ${loadavg()[0]!.toFixed(1)}: ` +
        `per size wall ms / service CPU ms (of which the main thread's) [the longest a Heartbeat waited, ms]; at the largest size: output MB (all sessions, the largest one) and the largest output but the raw body\n` +
        `${'family'.padEnd(20)}${labels.map((l) => l.padStart(26)).join('')}  cpu/MB @16MB wall/MB  outMB (session)  answer      ok  largest other output\n`,
    );
    for (const [name, r] of entries) {
      const cells = labels.map((l) => {
        const c = r.cells[l];
        return (c ? `${c.wallMs}/${c.cpuMs} (${c.mainMs}) [${c.waitMs}]` : '-').padStart(26);
      });
      const last = r.cells[labels[labels.length - 1]!] ?? r.cells['1MB'];
      process.stderr.write(
        `${name.padEnd(20)}${cells.join('')}${String(r.cpuMsPerMB).padStart(8)}${String(r.cpuMsPerMB16 ?? '-').padStart(6)}${String(r.wallMsPerMB).padStart(8)}` +
          `${String(last?.outMB ?? '-').padStart(7)}${`(${last?.sessionMB ?? '-'})`.padStart(10)}  ${(last?.answer ?? '-').padEnd(10)}  ${r.pass ? 'yes' : 'NO '}  ${last?.largestOutput ?? ''}\n`,
      );
    }
    process.stderr.write(
      `RSS MB: start ${summary.rssMb.start}, end ${summary.rssMb.end}, peak ${summary.rssMb.peak}; longest Heartbeat wait ${longestWait} ms, longest gap between Heartbeat answers ${longestGap} ms\n`,
    );
    return pass ? 0 : 1;
  } finally {
    player?.stop();
    await svc?.stop().catch(() => undefined);
    redis.disconnect();
    await broker.close();
    await store.close();
    rmSync(work, { recursive: true, force: true });
  }
}

const SPEC: CliSpec = {
  command: 'npm run fuzz:process --',
  summary:
    'The fuzz families and non-JSON bodies at 100 KB, 1 MB and 16 MiB end to end through node dist/run.js with a real mosquitto and redis-server: ' +
    'wall and service CPU per body, the longest Heartbeat gap, the size of the outputs written, RSS. One JSON line on stdout, a table on stderr; ' +
    'exit 1 when a body of 1 MB or more costs over 100 CPU ms per MB, a Heartbeat waits over 1 s, an event goes unanswered or a session gets over 1 MiB of outputs besides the raw body.',
  options: {
    quick: { type: 'boolean', help: 'leave out the 16 MiB bodies' },
    largest: { type: 'boolean', help: 'add bodies of 64 MiB, the largest max_body_bytes allows (not for the batches)' },
    burst: { type: 'string', value: 'N', help: 'then send N bodies of 16 MiB at once: how each is answered, the RSS peak, the longest Heartbeat wait' },
    only: { type: 'string', value: 'LIST', help: 'play only these families (comma-separated names)' },
    runs: { type: 'string', value: 'N', help: 'plays per body at 100 KB and 1 MB, the least CPU kept (default 2)' },
    'cpu-prof': { type: 'string', value: 'DIR', help: "write the service's CPU profile there (node --cpu-prof)" },
    service: { type: 'string', value: 'DIR', help: 'run DIR/dist/run.js with DIR/install.json (another build, to compare); default: this repository' },
  },
};

await runCli(SPEC, ({ values }) => {
  const names = Object.keys(allFamilies());
  const only = typeof values.only === 'string' ? values.only.split(',').map((s) => s.trim()) : undefined;
  const unknown = only?.filter((name) => !names.includes(name)) ?? [];
  if (unknown.length > 0) throw new UsageError(`no fuzz family ${unknown.map((n) => JSON.stringify(n)).join(', ')}; the families: ${names.join(', ')}`);
  const runs = values.runs === undefined ? 2 : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new UsageError('--runs takes a whole number ≥ 1');
  const burst = values.burst === undefined ? 0 : Number(values.burst);
  if (!Number.isInteger(burst) || burst < 0 || burst > 64) throw new UsageError('--burst takes a whole number from 0 to 64');
  return fuzzProcess({
    quick: values.quick === true,
    largest: values.largest === true,
    burst,
    only,
    runs,
    cpuProf: typeof values['cpu-prof'] === 'string' ? values['cpu-prof'] : undefined,
    serviceDir: typeof values.service === 'string' ? resolve(values.service) : repoRoot(),
  });
});
