/** The messages between the analysis pool (main thread) and the analysis worker. */
import type { Analysis, AnalysisRequest } from './analyse-body.js';
import type { AnalysisSettings } from './analysis-settings.js';
import type { PipelineLimits } from './run-pipeline.js';

export interface AnalysisJob {
  id: number;
  /** The raw body (a copy of exactly its bytes, transferred). */
  body: Uint8Array;
  req: AnalysisRequest;
  settings: AnalysisSettings;
  limits: PipelineLimits;
  now: number;
}

export type AnalysisReply = { id: number; ok: true; analysis: Analysis } | { id: number; ok: false; error: string };

/** Posted once by the worker when its module has loaded: it can take jobs. */
export const WORKER_READY = 'ready';
