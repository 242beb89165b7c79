/**
 * One running playbook or component call: its definition, the trigger's variables, which jobs ran
 * on this path and what each produced. Reading a variable checks that its producer exists, ran on
 * this path and produced that name with that type — anything else is an undefined variable.
 */
import { UndefinedVariable } from './errors.js';
import type { Masker } from './mask.js';
import type { JobDef, PlaybookDef, TriggerDef } from './model.js';
import type { VariableSource, VarRef } from './variables.js';

export interface Output {
  name: string;
  type: string;
  value: unknown;
}

export interface RunEnvironment {
  /** ThreatConnect variables (`&{TC:TEXT:key}`), by key. */
  tcVariables: Record<string, string>;
  masker: Masker;
  globals: Record<string, string>;
}

export class Scope implements VariableSource {
  readonly ran = new Set<number>();
  private readonly produced = new Map<number, Output[]>();
  private readonly jobs: Map<number, JobDef>;

  constructor(
    readonly def: PlaybookDef,
    readonly trigger: TriggerDef,
    /** Trigger outputs by name. */
    private readonly triggerVars: Output[],
    /** Why a trigger variable may be missing (e.g. the service skipped it), by name. */
    private readonly triggerNotes: Record<string, string>,
    readonly label: string,
    readonly env: RunEnvironment,
  ) {
    this.jobs = new Map(def.jobs.map((j) => [j.id, j]));
  }

  job(id: number): JobDef | undefined {
    return this.jobs.get(id);
  }

  record(job: JobDef, outputs: Output[]): void {
    this.ran.add(job.id);
    this.produced.set(job.id, outputs);
  }

  /** Forget jobs (a new loop iteration): they have not run on the new path yet. */
  forget(ids: Iterable<number>): void {
    for (const id of ids) {
      this.ran.delete(id);
      this.produced.delete(id);
    }
  }

  outputsOf(id: number): Output[] {
    return this.produced.get(id) ?? [];
  }

  read(ref: VarRef): unknown {
    if (ref.provider === 'Global') return this.global(ref);
    if (ref.provider === 'Trigger') {
      if (ref.id !== this.trigger.id) throw new UndefinedVariable(ref.raw, `"${this.def.name}" has no trigger ${ref.id}`);
      return pick(this.triggerVars, ref, `trigger ${ref.id} "${this.trigger.name}"`, this.triggerNotes[ref.name]);
    }
    const job = this.jobs.get(ref.id);
    if (!job) throw new UndefinedVariable(ref.raw, `"${this.def.name}" has no job ${ref.id}`);
    if (!this.ran.has(ref.id))
      throw new UndefinedVariable(ref.raw, `job ${ref.id} "${job.name}" has not run on this path (is it downstream, or on a branch not taken?)`, 'not-run');
    return pick(this.produced.get(ref.id) ?? [], ref, `job ${ref.id} "${job.name}"`);
  }

  tcVariable(type: string, key: string, raw: string): string {
    const v = this.env.tcVariables[key];
    if (v === undefined) throw new UndefinedVariable(raw, `no ${type} variable "${key}" is defined (give it in the trigger inputs file's "variables")`);
    if (type === 'KEYCHAIN') this.env.masker.add(v);
    return v;
  }

  private global(ref: VarRef): unknown {
    const v = this.env.globals[ref.name];
    if (v === undefined) throw new UndefinedVariable(ref.raw, `no global variable ${ref.name}`);
    return v;
  }
}

function pick(outputs: Output[], ref: VarRef, producer: string, note?: string): unknown {
  const same = outputs.filter((o) => o.name === ref.name);
  const hit = same.find((o) => o.type === ref.type);
  if (hit) return hit.value;
  if (same.length > 0) throw new UndefinedVariable(ref.raw, `${producer} produced ${ref.name} as ${same.map((o) => o.type).join('/')}, not ${ref.type}`);
  const names = outputs.map((o) => `${o.name}!${o.type}`);
  throw new UndefinedVariable(
    ref.raw,
    `${producer} has no output ${ref.name}${note ? ` (${note})` : ''}; it produced ${names.length ? names.join(', ') : 'nothing'}`,
  );
}
