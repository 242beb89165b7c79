/**
 * `npm run fuzz`: adversarial alert bodies through the service's real pipeline entry (issue 10
 * item 1). Each family is built at 10 KB, 100 KB, 1 MB and 16 MiB and played through `runPipeline`
 * with a memory KV (scripts/lib/fuzz/play-pipeline.ts): authentication, the analysis (parse → alert
 * items → normalise → indicators → filter; in-line below 64 KiB, in the analysis worker above), the
 * KV steps and the outputs, with the Generic JSON preset.
 *
 * Prints one JSON line: per family the best of a few runs per size in CPU milliseconds of the whole
 * process (`ms`: every thread, so the worker's share counts; `wallMs` beside it: on a shared machine
 * wall time mostly measures waiting for a core), the longest event-loop block per size (`blockMs`:
 * what a Heartbeat arriving meanwhile would have waited; the least over the plays, so the machine's
 * own scheduling noise is left out — `worstBlockMs` keeps the longest seen), ms per MB at 1 MB and at 16 MiB, the
 * growth factor from 100 KB to 1 MB (×10 input should cost ≈ ×10 time; quadratic work shows as
 * ≈ ×100), the indicator scanner alone at 1 MB (`scanMs`, timed apart on the same item), and the
 * decision the pipeline reached. `pass` holds when every body of at least 100 KB costs at most
 * 100 ms per MB and no body blocked the event loop longer than 100 ms. Exit code 1 when it fails.
 * A table goes to stderr.
 *
 * Options: `--quick` skips the 16 MiB bodies; `--only a,b` plays only the named families; `--help`.
 */
import { loadavg } from 'node:os';
import { runCli, UsageError, type CliSpec } from '../app/cli/command-line.js';
import { closeAnalysisWorker } from '../app/core/pipeline/analysis-pool.js';
import { INDICATOR_TYPES } from '../app/core/pipeline/indicators/extract-indicators.js';
import { scanAlert, type ScanOptions } from '../app/core/pipeline/indicators/scan-alert.js';
import { FUZZ_FAMILIES } from './lib/fuzz/families.js';
import { fuzzDeps, fuzzSettings, playPipeline, type Play } from './lib/fuzz/play-pipeline.js';

const LIMIT_MS_PER_MB = 100;
const LIMIT_BLOCK_MS = 100;
const MB = 1_048_576;
/** The body sizes played; `quick` leaves out 16 MiB. */
function sizesFor(quick: boolean): Array<{ label: string; bytes: number; runs: number }> {
  return [
    { label: '10KB', bytes: 10 * 1024, runs: 5 },
    { label: '100KB', bytes: 100 * 1024, runs: 5 },
    { label: '1MB', bytes: MB, runs: 5 },
    ...(quick ? [] : [{ label: '16MB', bytes: 16 * MB, runs: 2 }]),
  ];
}

const SCAN_OPTIONS: ScanOptions = { types: INDICATOR_TYPES, refang: true, allowList: [], dropPrivate: true, maxIndicators: 500, reportUrlHosts: true };
const settings = fuzzSettings();
const deps = fuzzDeps();
let seq = 0;

const r2 = (n: number) => Math.round(n * 100) / 100;
const r1 = (n: number) => Math.round(n * 10) / 10;
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

/**
 * The fastest of `runs` plays by CPU (the least disturbed by other processes); `blockMs` the least
 * of each play's longest block (what the body itself costs the event loop: a block it causes shows
 * in every play), `worstBlockMs` the longest of all (with the machine's own scheduling and GC noise).
 */
async function best(body: Buffer, runs: number): Promise<Play & { worstBlockMs: number }> {
  let min: Play | undefined;
  let block = Infinity;
  let worst = 0;
  for (let i = 0; i < runs; i++) {
    const p = await playPipeline(body, settings, deps, seq++);
    block = Math.min(block, p.blockMs);
    worst = Math.max(worst, p.blockMs);
    if (!min || p.cpu < min.cpu) min = p;
  }
  return { ...min!, blockMs: block, worstBlockMs: worst };
}

/** The scanner alone on the body's parsed JSON (CPU ms), as the indicators branch measured it. */
function scanAlone(text: string): number {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 0;
  }
  const c = process.cpuUsage();
  scanAlert(value, SCAN_OPTIONS);
  return cpuMs(process.cpuUsage(c));
}

interface Row {
  ms: Record<string, number>;
  wallMs: Record<string, number>;
  blockMs: Record<string, number>;
  worstBlockMs: Record<string, number>;
  msPerMB: number;
  msPerMB16: number | null;
  growth: number;
  scanMs: number;
  decision: string;
  pass: boolean;
}

async function fuzz(quick: boolean, only: readonly string[] | undefined): Promise<number> {
  const SIZES = sizesFor(quick);
  const families: Record<string, Row> = {};
  let pass = true;
  for (const [name, build] of Object.entries(FUZZ_FAMILIES)) {
    if (only && !only.includes(name)) continue;
    // Warm up this family's code paths, in-line and in the worker (a running service is warm).
    await playPipeline(Buffer.from(build(10 * 1024)), settings, deps, seq++);
    for (let i = 0; i < 3; i++) await playPipeline(Buffer.from(build(100 * 1024)), settings, deps, seq++);
    await playPipeline(Buffer.from(build(MB)), settings, deps, seq++);
    const row: Row = { ms: {}, wallMs: {}, blockMs: {}, worstBlockMs: {}, msPerMB: 0, msPerMB16: null, growth: 0, scanMs: 0, decision: '', pass: true };
    for (const size of SIZES) {
      const text = build(size.bytes);
      const body = Buffer.from(text);
      const t = await best(body, size.runs);
      row.ms[size.label] = r2(t.cpu);
      row.wallMs[size.label] = r2(t.wall);
      row.blockMs[size.label] = r1(t.blockMs);
      row.worstBlockMs[size.label] = r1(t.worstBlockMs);
      const perMB = t.cpu / (body.length / MB);
      if (size.bytes >= 100 * 1024 && perMB > LIMIT_MS_PER_MB) row.pass = false;
      if (t.blockMs > LIMIT_BLOCK_MS) row.pass = false;
      if (size.bytes === MB) {
        row.msPerMB = r1(perMB);
        row.scanMs = r2(scanAlone(text));
        row.decision = `${t.result.kind === 'fire' ? `fire ×${t.result.fires.length}` : `${t.result.statusCode} ${t.result.reason}`}`;
      }
      if (size.bytes === 16 * MB) row.msPerMB16 = r1(perMB);
    }
    row.growth = r1(row.ms['1MB']! / Math.max(row.ms['100KB']!, 0.01));
    families[name] = row;
    // A fresh worker for the next family: the garbage of this family's 16 MiB bodies is collected
    // with this worker's heap, not charged to the next family's plays.
    await closeAnalysisWorker();
    pass &&= row.pass;
  }
  await closeAnalysisWorker();

  const rows = Object.entries(families);
  const worst = [...rows].sort((a, b) => Math.max(b[1].msPerMB, b[1].msPerMB16 ?? 0) - Math.max(a[1].msPerMB, a[1].msPerMB16 ?? 0))[0];
  const longestBlock = Math.max(0, ...rows.flatMap(([, r]) => Object.values(r.blockMs)));
  const worstBlock = Math.max(0, ...rows.flatMap(([, r]) => Object.values(r.worstBlockMs)));
  console.log(
    JSON.stringify({
      limitMsPerMB: LIMIT_MS_PER_MB,
      limitBlockMs: LIMIT_BLOCK_MS,
      node: process.version,
      loadAverage: loadavg().map((l) => r2(l)),
      worst: worst ? { family: worst[0], msPerMB: worst[1].msPerMB, msPerMB16: worst[1].msPerMB16 } : null,
      longestBlockMs: longestBlock,
      worstBlockMs: worstBlock,
      pass,
      families,
    }),
  );
  const labels = SIZES.map((s) => s.label);
  process.stderr.write(
    `CPU ms of the whole pipeline per size (longest event-loop block in brackets), load average ${loadavg()[0]!.toFixed(1)}; longest block seen ${worstBlock} ms\n` +
      `${'family'.padEnd(20)}${labels.map((l) => l.padStart(17)).join('')}   ms/MB  @16MB  growth  scan/MB  decision            ok\n`,
  );
  for (const [name, r] of rows) {
    const cells = labels.map((l) => `${r.ms[l]} (${r.blockMs[l]})`.padStart(17)).join('');
    process.stderr.write(
      `${name.padEnd(20)}${cells}${String(r.msPerMB).padStart(8)}${String(r.msPerMB16 ?? '-').padStart(7)}${String(r.growth).padStart(8)}${String(r.scanMs).padStart(9)}  ${r.decision.padEnd(20)}${r.pass ? 'yes' : 'NO'}\n`,
    );
  }
  return pass ? 0 : 1;
}

const SPEC: CliSpec = {
  command: 'npm run fuzz --',
  summary:
    'Adversarial alert bodies (45 families at 10 KB, 100 KB, 1 MB and 16 MiB) through runPipeline: CPU ms per MB, growth and the longest event-loop block. ' +
    'One JSON line on stdout, a table on stderr; exit 1 when a body of 100 KB or more costs over 100 ms per MB or blocks the event loop over 100 ms.',
  options: {
    quick: { type: 'boolean', help: 'leave out the 16 MiB bodies' },
    only: { type: 'string', value: 'LIST', help: 'play only these families (comma-separated names)' },
  },
};

await runCli(SPEC, ({ values }) => {
  const only = typeof values.only === 'string' ? values.only.split(',').map((s) => s.trim()) : undefined;
  const unknown = only?.filter((name) => !(name in FUZZ_FAMILIES)) ?? [];
  if (unknown.length > 0)
    throw new UsageError(`no fuzz family ${unknown.map((n) => JSON.stringify(n)).join(', ')}; the families: ${Object.keys(FUZZ_FAMILIES).join(', ')}`);
  return fuzz(values.quick === true, only);
});
