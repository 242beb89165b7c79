/**
 * The connections of one playbook or component, and the wiring checks a run needs before it
 * starts: every connection ends at something that exists, loops start and end at an Iterator,
 * and every active job can be reached from the trigger (a connection wired backwards leaves its
 * target unreachable). Each failure names the job.
 */
import type { EdgeDef, JobDef, PlaybookDef } from './model.js';
import { jobLabel } from './model.js';

export const isIterator = (j: JobDef): boolean => j.programName === 'Iterator';

const RETURN_TRIGGERS = new Set(['HttpLink', 'UserAction', 'PipeConfig', 'WorkflowConfig']);

export class Graph {
  private readonly jobs: Map<number, JobDef>;

  constructor(readonly def: PlaybookDef) {
    this.jobs = new Map(def.jobs.map((j) => [j.id, j]));
  }

  outOfJob(id: number, types: readonly string[]): EdgeDef[] {
    return this.def.edges.filter((e) => e.sourceJobId === id && types.includes(e.type));
  }

  outOfTrigger(id: number): EdgeDef[] {
    return this.def.edges.filter((e) => e.sourceTriggerId === id && e.type === 'Pass');
  }

  /** Jobs of the loop body of an Iterator: reachable from its StartLoop targets, not through EndLoop or the Iterator. */
  loopBody(iteratorId: number): Set<number> {
    const body = new Set<number>();
    const stack = this.outOfJob(iteratorId, ['StartLoop']).flatMap((e) => (e.targetJobId === undefined ? [] : [e.targetJobId]));
    while (stack.length) {
      const id = stack.pop()!;
      if (id === iteratorId || body.has(id)) continue;
      body.add(id);
      for (const e of this.outOfJob(id, ['Pass', 'Fail', 'StartLoop'])) if (e.targetJobId !== undefined) stack.push(e.targetJobId);
    }
    return body;
  }

  /** Wiring problems, as "job …: what is wrong" sentences (empty when the graph can run). */
  problems(): string[] {
    const out: string[] = [];
    const triggers = new Map(this.def.triggers.map((t) => [t.id, t]));
    const name = (id: number | undefined) => {
      const j = id === undefined ? undefined : this.jobs.get(id);
      return j ? jobLabel(j) : `job ${String(id)}`;
    };
    for (const e of this.def.edges) {
      const from = e.sourceJobId !== undefined ? name(e.sourceJobId) : `trigger ${String(e.sourceTriggerId)}`;
      if (e.sourceJobId !== undefined && !this.jobs.has(e.sourceJobId)) out.push(`a ${e.type} connection starts at job ${e.sourceJobId}, which does not exist`);
      if (e.sourceTriggerId !== undefined && !triggers.has(e.sourceTriggerId))
        out.push(`a ${e.type} connection starts at trigger ${e.sourceTriggerId}, which does not exist`);
      if (e.targetJobId !== undefined && !this.jobs.has(e.targetJobId))
        out.push(`${from}: its ${e.type} connection leads to job ${e.targetJobId}, which does not exist`);
      if (e.targetTriggerId !== undefined) {
        const t = triggers.get(e.targetTriggerId);
        if (!t) out.push(`${from}: its ${e.type} connection leads to trigger ${e.targetTriggerId}, which does not exist`);
        else if (!RETURN_TRIGGERS.has(t.type)) out.push(`${from}: connects back to a ${t.type} trigger, which cannot take a return`);
      }
      if (!['Pass', 'Fail', 'StartLoop', 'EndLoop'].includes(e.type)) out.push(`${from}: unknown connection type ${JSON.stringify(e.type)}`);
      if (e.sourceTriggerId !== undefined && e.type !== 'Pass') out.push(`trigger ${e.sourceTriggerId}: a trigger only has Pass connections, not ${e.type}`);
      const src = e.sourceJobId === undefined ? undefined : this.jobs.get(e.sourceJobId);
      if (e.type === 'StartLoop' && src && !isIterator(src))
        out.push(`${jobLabel(src)}: starts a loop (StartLoop) but is not an Iterator — is the loop wired backwards?`);
      const dst = e.targetJobId === undefined ? undefined : this.jobs.get(e.targetJobId);
      if (e.type === 'EndLoop' && dst && !isIterator(dst))
        out.push(`${from}: ends a loop (EndLoop) at ${jobLabel(dst)}, which is not an Iterator — is the loop wired backwards?`);
      if (e.type === 'EndLoop' && e.targetTriggerId !== undefined) out.push(`${from}: ends a loop at a trigger`);
    }
    for (const j of this.def.jobs) {
      if (isIterator(j) && this.outOfJob(j.id, ['StartLoop']).length === 0)
        out.push(`${jobLabel(j)}: an Iterator without a StartLoop connection has no loop body`);
    }
    const reached = new Set<number>();
    const stack = this.def.triggers.flatMap((t) => this.outOfTrigger(t.id).flatMap((e) => (e.targetJobId === undefined ? [] : [e.targetJobId])));
    while (stack.length) {
      const id = stack.pop()!;
      if (reached.has(id) || !this.jobs.has(id)) continue;
      reached.add(id);
      for (const e of this.outOfJob(id, ['Pass', 'Fail', 'StartLoop'])) if (e.targetJobId !== undefined) stack.push(e.targetJobId);
    }
    for (const j of this.def.jobs) {
      if (j.active && !reached.has(j.id)) out.push(`${jobLabel(j)}: cannot be reached from the trigger — is a connection wired backwards?`);
    }
    return out;
  }
}
