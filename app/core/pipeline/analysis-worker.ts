/**
 * The analysis worker's entry: runs `analyseBody` for each job the pool (analysis-pool.ts) posts and
 * posts the outcome back. A worker thread of its own so that a large body's parse, normalisation and
 * indicator scan never block the event loop that answers the Heartbeat. Bundled as its own file
 * next to the app (scripts/lib/package/bundle-app.ts).
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { analyseBody } from './analyse-body.js';
import { toWire, transferOf, WORKER_READY, type AnalysisJob, type AnalysisReply } from './analysis-job.js';
import { fromAnalysisSettings } from './analysis-settings.js';

export function runJob(job: AnalysisJob): AnalysisReply {
  try {
    const body = Buffer.from(job.body.buffer, job.body.byteOffset, job.body.byteLength);
    return { id: job.id, ok: true, analysis: toWire(analyseBody(body, job.req, fromAnalysisSettings(job.settings), job.limits, job.now)) };
  } catch (err) {
    return { id: job.id, ok: false, error: err instanceof Error ? err.message.slice(0, 200) : 'analysis failed' };
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on('message', (job: AnalysisJob) => {
    const reply = runJob(job);
    // The prepared output texts' buffer is handed over, not copied.
    port.postMessage(reply, transferOf(reply));
  });
  port.postMessage(WORKER_READY);
}
