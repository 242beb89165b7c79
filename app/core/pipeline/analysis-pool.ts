/**
 * Where a request's analysis (analyse-body.ts) runs. Small bodies run in-line: a worker round trip
 * costs more than their whole analysis. A body of OFFLOAD_MIN_BYTES or more, or any compressed body
 * (a few KiB of gzip can inflate to megabytes), goes to one worker thread, so the event loop stays
 * free to answer the Heartbeat however large the alert (up to the 64 MiB body limit):
 * - one worker, created on first use, unreferenced while idle (never keeps the process alive) and
 *   ended after IDLE_MS without work, so its heap goes with it;
 * - a bounded queue: over MAX_QUEUED jobs waiting, the request is answered `service_busy` (503,
 *   retry later) instead of holding more bodies in memory;
 * - a job that takes longer than its deadline ends the worker (its jobs fail: answered 500, logged),
 *   and so does a worker that dies (out of memory on a hostile body): the next job starts a new one;
 * - when the worker cannot start at all (its file missing from a broken install), the analysis runs
 *   in-line, logged once: slower to answer heartbeats, but every request is still answered.
 */
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { NameValue } from '../../protocol/messages.js';
import type { Logger } from '../ports.js';
import { analyseBody, type Analysis, type AnalysisRequest } from './analyse-body.js';
import { toAnalysisSettings } from './analysis-settings.js';
import { fromWire, WORKER_READY, type AnalysisJob, type AnalysisReply } from './analysis-job.js';
import { headerValue } from './headers.js';
import type { PipelineLimits } from './run-pipeline.js';
import type { TriggerSettings } from '../trigger/settings.js';

/** Bodies from this size go to the worker (smaller ones cost ≤ 25 ms in-line at the 100 ms/MB ceiling, less than the hand-over). */
export const OFFLOAD_MIN_BYTES = 256 * 1024;
/** Jobs waiting for or in the worker; more are answered service_busy. */
export const MAX_QUEUED = 8;
const IDLE_MS = 30_000;
/**
 * The worker's young generation. The service runs with a 2 MB semi-space (packaging/run.py: the
 * smallest RSS for small events); a large body's parsed tree outlives many such scavenges and is
 * copied each time. A larger young generation for the worker alone; its memory goes with the
 * worker when it ends.
 *
 * V8's JSON.parse allocates the whole tree in the young generation (~30 bytes an array, ~12 MB for
 * 1 MB of nested arrays). With a 16 MB semi-space such a parse met two scavenges, which copied the
 * live tree to the other semi-space and then promoted it (~30 ms of the ~55 ms parse), and the old
 * generation then had a dead tree to mark and sweep per body. With 32 MB, held from the start
 * (`--min-semi-space-size`: V8 otherwise shrinks an idle young generation and grows it back one
 * scavenge at a time), a 1 MB body's tree is usually dead before the next scavenge and is never
 * copied: `npm run fuzz`, 1 MB of `deep-arrays` 125–137 → 43–53 ms, `empty-objects` 62–69 → 28–30.
 */
const YOUNG_GENERATION_MB = 96;
/**
 * The same young generation as a semi-space size (V8's young generation is three semi-spaces). The
 * process-wide `--max-semi-space-size=2` of the launcher takes precedence over a worker's
 * `resourceLimits` (V8 reads the flag when it sets up an isolate's heap, after the limits), so
 * without more the worker had the service's 2 MB semi-space too, and a large alert's parse paid
 * for it in scavenges (1 MB of deep JSON: ~20 % of its CPU). The flag is set to the worker's size
 * just before the worker starts: the main isolate's heap was set up when the process started and
 * keeps its own (checked in test/core/pipeline/analysis-pool.test.ts); the analysis worker is the
 * only isolate the service creates after that.
 */
const WORKER_SEMI_SPACE_MB = YOUNG_GENERATION_MB / 3;
/**
 * Per job, from the moment it is the worker's current one (jobs run one after the other, in order):
 * a safety net against a bug that never ends, over ten times what a body costs at 100 ms per MB.
 */
const deadlineMs = (bytes: number) => 10_000 + Math.ceil(bytes / 1_048_576) * 1_000;

/**
 * The worker's file, with the extension of this module: next to it in the compiled app
 * (dist/…/analysis-worker.js); in the packaged app this module lives in app.mjs and
 * scripts/lib/package/bundle-app.ts writes analysis-worker.mjs beside it.
 */
const WORKER_URL = new URL(import.meta.url.endsWith('.mjs') ? './analysis-worker.mjs' : './analysis-worker.js', import.meta.url);

interface Pending {
  resolve: (a: Analysis) => void;
  reject: (e: Error) => void;
  bytes: number;
  /** Armed while this is the worker's current job (the oldest pending). */
  timer?: NodeJS.Timeout;
  /** Kept to run in-line should the worker fail to start. */
  run: () => Analysis;
}

let worker: Worker | undefined;
let online = false;
/** Set when the worker could not start: analyses run in-line from then on. */
let unavailable: string | undefined;
let idleTimer: NodeJS.Timeout | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

/** Does this request's analysis go to the worker? */
export function offloads(body: Buffer, headers: readonly NameValue[]): boolean {
  if (body.length >= OFFLOAD_MIN_BYTES) return true;
  const encoding = headerValue(headers as NameValue[], 'Content-Encoding')
    ?.trim()
    .toLowerCase();
  return encoding !== undefined && encoding !== '' && encoding !== 'identity';
}

/** Arms the deadline of the worker's current job (the oldest pending one), once. */
function armCurrent(logger: Logger): void {
  const w = worker;
  const current = pending.values().next().value;
  if (!w || !current || current.timer) return;
  current.timer = setTimeout(() => {
    logger.error('feature=pipeline, event=analysis-timeout', { bytes: current.bytes });
    void w.terminate();
  }, deadlineMs(current.bytes));
}

function settle(id: number, logger: Logger): Pending | undefined {
  const p = pending.get(id);
  if (!p) return undefined;
  pending.delete(id);
  clearTimeout(p.timer);
  if (pending.size === 0 && worker) {
    worker.unref();
    idleTimer = setTimeout(() => void closeAnalysisWorker(), IDLE_MS).unref();
  }
  armCurrent(logger);
  return p;
}

/** The worker is gone (crashed, timed out, ended): its jobs fail, or run in-line when it never started. */
function lost(w: Worker, error: Error, logger: Logger): void {
  if (w !== worker) return;
  worker = undefined;
  const neverStarted = !online;
  if (neverStarted) {
    unavailable = error.message.slice(0, 200);
    logger.error('feature=pipeline, event=analysis-worker-unavailable', { error: unavailable, detail: 'large bodies are analysed in-line' });
  }
  for (const id of [...pending.keys()]) {
    const p = settle(id, logger)!;
    if (!neverStarted) {
      p.reject(error);
      continue;
    }
    try {
      p.resolve(p.run());
    } catch (err) {
      p.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }
}

function start(logger: Logger): Worker {
  setFlagsFromString(`--max-semi-space-size=${WORKER_SEMI_SPACE_MB}`);
  setFlagsFromString(`--min-semi-space-size=${WORKER_SEMI_SPACE_MB}`);
  const w = new Worker(WORKER_URL, { name: 'alert-intake-analysis', resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  online = false;
  w.on('message', (reply: AnalysisReply | typeof WORKER_READY) => {
    if (reply === WORKER_READY) {
      if (w === worker) online = true;
      return;
    }
    const p = settle(reply.id, logger);
    if (!p) return;
    if (reply.ok) p.resolve(fromWire(reply.analysis));
    else p.reject(new Error(`analysis failed: ${reply.error}`));
  });
  w.on('error', (err) => lost(w, err, logger));
  w.on('exit', (code) => lost(w, new Error(`the analysis worker stopped (exit code ${code})`), logger));
  return w;
}

/**
 * The analysis of a large body, in the worker: 'busy' when MAX_QUEUED jobs are already waiting.
 * Rejects when the worker fails (crash, deadline).
 */
export function analyseInWorker(
  body: Buffer,
  req: AnalysisRequest,
  settings: TriggerSettings,
  limits: PipelineLimits,
  now: number,
  logger: Logger,
): Promise<Analysis> | 'busy' {
  const run = () => analyseBody(body, req, settings, limits, now);
  if (unavailable !== undefined) return Promise.resolve(run());
  if (pending.size >= MAX_QUEUED) return 'busy';
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = undefined;
  if (!worker) {
    try {
      worker = start(logger);
    } catch (err) {
      unavailable = err instanceof Error ? err.message.slice(0, 200) : 'the analysis worker could not start';
      logger.error('feature=pipeline, event=analysis-worker-unavailable', { error: unavailable, detail: 'large bodies are analysed in-line' });
      return Promise.resolve(run());
    }
  }
  const w = worker;
  w.ref();
  const id = nextId++;
  // A copy of exactly the body's bytes, transferred: never the whole buffer the body may be a view of.
  const copy = new Uint8Array(body);
  const job: AnalysisJob = {
    id,
    body: copy,
    req: { method: req.method, headers: req.headers, queryParams: req.queryParams },
    settings: toAnalysisSettings(settings),
    limits,
    now,
  };
  return new Promise<Analysis>((resolve, reject) => {
    pending.set(id, { resolve, reject, bytes: body.length, run });
    armCurrent(logger);
    w.postMessage(job, [copy.buffer]);
  });
}

/** Ends the worker (its pending jobs fail); the next large body starts a new one. For tests and shutdown. */
export async function closeAnalysisWorker(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = undefined;
  const w = worker;
  if (!w) return;
  worker = undefined;
  for (const p of [...pending.values()]) clearTimeout(p.timer);
  const closed = [...pending.values()];
  pending.clear();
  for (const p of closed) p.reject(new Error('the analysis worker was closed'));
  await w.terminate();
}

/** Number of jobs waiting for or in the worker (for tests and metrics). */
export const analysisQueueLength = (): number => pending.size;
