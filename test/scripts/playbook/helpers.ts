/** Shared by the playbook runner tests: the shipped templates, samples and a play with the shipped inputs. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../../scripts/lib/repo-root.js';
import { readInstall, readIntelOrDefault } from '../../../scripts/lib/playbook/load.js';
import { play, type PlayResult } from '../../../scripts/lib/playbook/play.js';
import { parseIntel, type IntelFile } from '../../../scripts/lib/playbook/intel.js';
import { alertRequest } from '../../../scripts/lib/playbook/triggers/request.js';
import { sampleInputs } from '../../../scripts/lib/playbook/dry-run.js';
import type { TriggerInputsSpec } from '../../../scripts/lib/playbook/triggers/trigger-inputs.js';
import type { NameValue } from '../../../app/protocol/messages.js';

export const ROOT = repoRoot();
export const SERVICE = 'templates/Alert Intake - Low-Volume Alert Processing.pbx';
export const HTTP_LINK = 'templates/Alert Intake - Low-Volume Alert Processing (HTTP Link).pbx';

export type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A fresh copy of a shipped template, to break on purpose. */
export const template = (file: string): Doc => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Doc;

export const defaultIntel = (): IntelFile => readIntelOrDefault(undefined, ROOT);
export const intelOf = (indicators: unknown[]): IntelFile => parseIntel({ organization: 'Test Org', indicators }, 'test intel');

export interface PlayOptions {
  body?: Buffer;
  headers?: NameValue[];
  intel?: IntelFile;
  inputs?: TriggerInputsSpec;
  /** Sign the request as the trigger expects (default true). */
  sign?: boolean;
}

/** Plays a sample (or a given body) as the dry run does: the sample's trigger inputs, the request signed. */
export async function playSample(doc: Doc, sample: string, o: PlayOptions = {}): Promise<PlayResult> {
  return play({
    doc,
    request: alertRequest(o.body ?? readFileSync(join(ROOT, sample)), o.headers ?? []),
    triggerInputs: o.inputs ?? sampleInputs(ROOT, sample),
    intel: o.intel ?? defaultIntel(),
    install: readInstall(ROOT),
    sign: o.sign ?? true,
  });
}

/** Job names of a template by id (to find jobs without hard-coding ids). */
export function jobByName(doc: Doc, name: string): Doc {
  const j = (doc.jobList as Doc[]).find((x) => x.name === name);
  if (!j) throw new Error(`no job ${name}`);
  return j;
}

export function param(job: Doc, name: string): Doc {
  const p = (job.jobParameterList as Doc[]).find((x) => x.appCatalogItemParameter.paramName === name);
  if (!p) throw new Error(`no param ${name} on ${String(job.name)}`);
  return p;
}

export const component = (doc: Doc): Doc => (doc.exportablePipes as Doc[])[0]!;
