/**
 * Plays one body through the service's real pipeline entry (`runPipeline`: authenticate → analysis,
 * in-line or in the analysis worker → replay, dedupe, volume in a memory KV → outputs) and measures
 * it: CPU of the whole process (every thread: the worker's share is counted), wall time, and the
 * longest the event loop was blocked meanwhile (`monitorEventLoopDelay`, 1 ms resolution) — what a
 * Heartbeat arriving at that moment would have waited.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createMemoryKv } from '../../../app/adapters/kv/memory.js';
import type { AppDeps, WebhookResult } from '../../../app/core/app.js';
import type { Logger } from '../../../app/core/ports.js';
import { limitsFrom } from '../../../app/core/alert-app.js';
import { runPipeline } from '../../../app/core/pipeline/run-pipeline.js';
import { parseTriggerSettings, type TriggerSettings } from '../../../app/core/trigger/settings.js';
import { repoDeclaredInputs } from '../repo-manifest.js';

/** Bodies up to 64 MiB, the largest the trigger's max_body_bytes allows. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

const quiet: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };

/** Generic JSON, dedupe off and no hourly cap: every play takes the whole path, fires included. */
export function fuzzSettings(): TriggerSettings {
  const r = parseTriggerSettings({ source_preset: 'Generic JSON', dedupe_window: '0', hourly_cap: '0' }, repoDeclaredInputs());
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.settings;
}

export function fuzzDeps(): AppDeps {
  return {
    kv: createMemoryKv(),
    http: { request: () => Promise.reject(new Error('no outbound HTTP in the fuzz')) },
    tcApi: { get: () => Promise.reject(new Error('no TC API in the fuzz')) },
    logger: quiet,
    clock: { now: () => Date.now() },
    serviceInputs: { max_body_bytes: MAX_BODY_BYTES },
  };
}

export interface Play {
  /** CPU ms of the process, all threads. */
  cpu: number;
  wall: number;
  /** Longest event-loop block while the body was processed, ms. */
  blockMs: number;
  result: WebhookResult;
}

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

export async function playPipeline(body: Buffer, settings: TriggerSettings, deps: AppDeps, seq: number): Promise<Play> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await runPipeline(
    {
      triggerId: 1,
      requestKey: `fuzz-${seq}`,
      sessionId: `fuzz-${seq}`,
      method: 'POST',
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      queryParams: [],
      body,
      settings,
    },
    deps,
    limitsFrom(deps.serviceInputs, repoDeclaredInputs()),
  );
  const wall = performance.now() - t0;
  // The histogram samples when its timer fires: let it see the last stretch. The CPU is read after
  // that pause: a worker thread's time is brought up to date by the kernel when the thread stops
  // (here: waits for its next job), so read at once it can miss the end of the job (a 100 KB
  // body's whole share, a few ms of a large one).
  await new Promise((r) => setTimeout(r, 2));
  const cpu = cpuMs(process.cpuUsage(c0));
  histogram.disable();
  return { cpu, wall, blockMs: histogram.max / 1e6, result };
}
