/** The contract of an app implementation: read the job's parameters, produce outputs and a branch. */
import type { Intel } from '../intel.js';
import type { JobDef } from '../model.js';
import type { Params } from '../params.js';
import type { RunRecord } from '../record.js';
import type { Output } from '../scope.js';

export interface AppCall {
  job: JobDef;
  params: Params;
  run: RunRecord;
  intel: Intel;
  /** "job 4 "Create Suspicious Indicator"" within its scope, for effects. */
  label: string;
}

export interface AppResult {
  outputs: Output[];
  /** Which connections to follow: Pass (default) or Fail (If / Else false). */
  branch?: 'Pass' | 'Fail';
  note?: string;
}

/** Throws AppFailure when the app itself fails (its Fail connection is then taken). */
export type AppImpl = (call: AppCall) => AppResult;

export const str = (name: string, value: unknown): Output => ({ name, type: 'String', value });
