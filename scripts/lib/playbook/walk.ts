/**
 * Walks a playbook (or a component) from its trigger as ThreatConnect runs it: each job's inputs
 * resolved from the variables upstream, its app played, the connection of its outcome followed
 * (Pass; Fail for an If / Else that is false or an app that failed), Iterator loops run item by
 * item, components entered and returned from. Paths run depth-first in connection order; a job
 * reached again on the same path (a join without Merge semantics) runs once.
 */
import { appFor, SUPPORTED_APPS } from './apps/registry.js';
import { callComponent } from './component-call.js';
import type { AppResult } from './apps/app.js';
import { AppFailure, PlaybookError, UndefinedVariable } from './errors.js';
import { Graph } from './graph.js';
import type { Intel } from './intel.js';
import { jobLabel, type JobDef, type PlaybookDef } from './model.js';
import { asText, Params } from './params.js';
import type { RunRecord, TraceStep } from './record.js';
import { Scope, type Output, type RunEnvironment } from './scope.js';
import { exactRef, findRefs, tryRead } from './variables.js';

export interface PlayContext {
  root: PlaybookDef;
  intel: Intel;
  run: RunRecord;
  env: RunEnvironment;
  steps: { count: number; max: number };
  /** The playbook stores indicators somewhere: loop iterations that create none are reported as skips. */
  storesIndicators: boolean;
}

const CREATE_APP = 'TCPB - IndicatorCreate v1.1';

export function storesIndicators(def: PlaybookDef): boolean {
  return def.jobs.some((j) => j.programName === CREATE_APP) || [...def.pipes.values()].some(storesIndicators);
}

/** Where an iteration's indicator is, among the Iterator's item keys: the key ending in "value" (else the first), and the one ending in "type". */
function itemIndicator(items: Output[]): { value: string; type?: string } {
  const value = items.find((o) => /value$/i.test(o.name)) ?? items[0];
  const type = items.find((o) => /type$/i.test(o.name));
  return { value: asText(value?.value), ...(type ? { type: asText(type.value) } : {}) };
}

export class Walker {
  returned = false;
  private readonly graph: Graph;
  private iteration = '';

  constructor(
    private readonly ctx: PlayContext,
    private readonly scope: Scope,
  ) {
    this.graph = new Graph(scope.def);
  }

  private get where(): string {
    return `${this.scope.label}${this.iteration}`;
  }

  start(): void {
    const problems = this.graph.problems();
    if (problems.length > 0) {
      throw new PlaybookError(`${problems[0]!}${problems.length > 1 ? ` (and ${problems.length - 1} more wiring problem(s))` : ''}`, this.where);
    }
    for (const e of this.graph.outOfTrigger(this.scope.trigger.id)) this.follow(e.targetJobId, e.targetTriggerId);
  }

  private follow(targetJob: number | undefined, targetTrigger: number | undefined): void {
    if (targetTrigger !== undefined) {
      this.returned = true;
      return;
    }
    if (targetJob !== undefined) this.runJob(targetJob);
  }

  private step(job: JobDef, params: Params, extra: Partial<TraceStep>): TraceStep {
    const s: TraceStep = {
      where: this.where,
      job: job.id,
      name: job.name,
      app: `${job.displayName} ${job.programVersion}`.trim(),
      inputs: params.inputs,
      outputs: {},
      ...extra,
    };
    this.ctx.run.trace.push(s);
    return s;
  }

  private outputsView(outputs: Output[]): Record<string, unknown> {
    return Object.fromEntries(outputs.map((o) => [`${o.name}!${o.type}`, this.ctx.env.masker.value(o.value)]));
  }

  private runJob(id: number): void {
    const job = this.scope.job(id)!;
    const where = `${this.where} › ${jobLabel(job)}`;
    if (++this.ctx.steps.count > this.ctx.steps.max)
      throw new PlaybookError(`more than ${this.ctx.steps.max} job runs: the playbook does not end (a cycle?)`, where);
    if (!job.active) {
      this.ctx.run.endedAt.push(`${where} (inactive)`);
      return;
    }
    if (this.scope.ran.has(id)) return;
    const app = appFor(job, this.scope);
    if (app.kind === 'unknown') {
      throw new PlaybookError(
        `app "${job.programName}" (${job.displayName} ${job.programVersion}) is not one the offline runner plays (it plays ${SUPPORTED_APPS.join(', ')})`,
        where,
      );
    }
    const params = new Params(job, this.scope, this.ctx.env.masker);
    let result: AppResult;
    let step: TraceStep | undefined;
    try {
      if (app.kind === 'iterator') {
        this.iterate(job, params, where);
        return;
      }
      if (app.kind === 'component') {
        step = this.step(job, params, { note: 'enters the component' });
        result = callComponent(this.ctx, job, params, where, (scope) => {
          const walker = new Walker(this.ctx, scope);
          walker.start();
          return walker.returned;
        });
      } else {
        result = app.impl({ job, params, run: this.ctx.run, intel: this.ctx.intel, label: `${this.where} › ${jobLabel(job)}` });
      }
    } catch (err) {
      if (err instanceof UndefinedVariable) throw new PlaybookError(err.message, where);
      if (!(err instanceof AppFailure)) throw err;
      const fails = this.graph.outOfJob(id, ['Fail']);
      const failed = this.ctx.env.masker.text(err.message);
      this.step(job, step ? new Params(job, this.scope, this.ctx.env.masker) : params, { branch: 'Fail', note: `failed: ${failed}` });
      if (fails.length === 0) throw new PlaybookError(`${job.displayName} failed: ${failed}`, where);
      this.scope.record(job, []);
      for (const e of fails) this.follow(e.targetJobId, e.targetTriggerId);
      return;
    }
    this.scope.record(job, result.outputs);
    const branch = result.branch ?? 'Pass';
    const view = { outputs: this.outputsView(result.outputs), branch, ...(result.note ? { note: this.ctx.env.masker.text(result.note) } : {}) };
    if (step) this.ctx.run.trace.push({ ...step, inputs: {}, ...view });
    else this.step(job, params, view);
    const next = this.graph.outOfJob(id, [branch]);
    if (next.length === 0 && this.graph.outOfJob(id, ['EndLoop']).length === 0)
      this.ctx.run.endedAt.push(`${where}${branch === 'Fail' ? ' (false, no Fail connection)' : ''}`);
    for (const e of next) this.follow(e.targetJobId, e.targetTriggerId);
  }

  private iterate(job: JobDef, params: Params, where: string): void {
    const inputs = params.kvList('array_inputs').map((kv) => {
      const value = kv.value === null || kv.value === undefined ? [] : kv.value;
      if (!Array.isArray(value)) throw new AppFailure(`array input ${kv.key} is not an array (it reads ${kv.raw})`);
      const type = (exactRef(kv.raw)?.type ?? 'StringArray').replace(/Array$/, '') || 'String';
      return { key: kv.key, type, items: value as unknown[] };
    });
    if (inputs.length === 0) throw new AppFailure('array_inputs names no array to iterate');
    const n = inputs[0]!.items.length;
    const uneven = inputs.find((i) => i.items.length !== n);
    if (uneven) throw new AppFailure(`the input arrays differ in length (${inputs.map((i) => `${i.key}: ${i.items.length}`).join(', ')}); they must match`);
    const outputsSpec = params.kvList('array_outputs', { resolve: false });
    const body = this.graph.loopBody(job.id);
    const collected = outputsSpec.map((o) => ({ key: o.key, ref: findRefs(o.raw)[0], values: [] as unknown[] }));
    const missing = collected.find((c) => !c.ref);
    if (missing) throw new UndefinedVariable(missing.key, `array output ${missing.key} names no variable`);
    this.step(job, params, { branch: 'StartLoop', note: `${n} iteration(s)` });
    const outer = this.iteration;
    let items: Output[] = [];
    for (let i = 0; i < n; i++) {
      this.scope.forget(body);
      items = inputs.map((inp) => ({ name: inp.key, type: inp.type, value: inp.items[i] ?? null }));
      this.scope.record(job, items);
      this.iteration = `${outer} [${job.name} ${i + 1}/${n}]`;
      const created = this.ctx.run.created.length;
      const logs = this.ctx.run.logs.length;
      const ended = this.ctx.run.endedAt.length;
      for (const e of this.graph.outOfJob(job.id, ['StartLoop'])) this.follow(e.targetJobId, e.targetTriggerId);
      for (const c of collected) {
        const read = tryRead(c.ref!, this.scope);
        if (!read.ok && read.error.kind !== 'not-run') throw read.error;
        c.values.push(read.ok ? read.value : null);
      }
      if (this.ctx.storesIndicators && this.ctx.run.created.length === created) {
        const why = this.ctx.run.logs.slice(logs).map((l) => l.message);
        const end = this.ctx.run.endedAt.slice(ended);
        this.ctx.run.skipped.push({
          ...itemIndicator(items),
          reason: why.length ? why.join(' / ') : end.length ? `no indicator created; the path ended at ${end.join(', ')}` : 'no indicator created',
        });
      }
    }
    this.iteration = outer;
    const arrays: Output[] = collected.map((c) => ({ name: c.key, type: `${c.ref!.type}Array`, value: c.values }));
    this.scope.record(job, [...items, ...arrays]);
    const after = this.step(job, params, { branch: 'Pass', note: `loop done after ${n} iteration(s)`, outputs: this.outputsView(arrays) });
    after.inputs = {};
    const next = this.graph.outOfJob(job.id, ['Pass']);
    if (next.length === 0) this.ctx.run.endedAt.push(where);
    for (const e of next) this.follow(e.targetJobId, e.targetTriggerId);
  }
}
