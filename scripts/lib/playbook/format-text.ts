/** The readable report: trigger outcome, the trace job by job, then the effects. */
import type { PlayResult } from './play.js';
import { pyJson } from './variables.js';

const MAX = 300;
const show = (v: unknown): string => {
  const t = typeof v === 'string' ? JSON.stringify(v) : pyJson(v);
  return t.length > MAX ? `${t.slice(0, MAX)}… (${t.length} chars)` : t;
};

export function formatText(r: PlayResult): string {
  const out: string[] = [];
  const t = r.trigger;
  out.push(`Template: ${r.template}`);
  out.push(`Trigger:  ${t.type} ${t.id} "${t.name}"${t.inputs ? ` (inputs: ${t.inputs})` : ''}`);
  if (t.outcome === 'responded') out.push(`          answered ${t.status ?? ''} ${t.reason ?? ''}: ${t.detail} — the playbook does not run`);
  else if (t.outcome === 'fired') out.push(`          fired: ${t.detail}`);
  else out.push(`          FAILED: ${t.detail}`);
  for (const run of r.runs) {
    out.push('', `── Run ${run.index} ${'─'.repeat(60)}`);
    for (const s of run.trace) {
      out.push(`${s.where} › job ${s.job} "${s.name}" [${s.app}]${s.branch ? ` → ${s.branch}` : ''}`);
      for (const [k, v] of Object.entries(s.inputs)) out.push(`    in  ${k} = ${show(v)}`);
      for (const [k, v] of Object.entries(s.outputs)) out.push(`    out ${k} = ${show(v)}`);
      if (s.note) out.push(`    ${s.note}`);
    }
    for (const e of run.endedAt) out.push(`  path ended at ${e}`);
    if (run.error) out.push(`  RUN FAILED at ${run.error.where}`, `    ${run.error.message}`);
  }
  out.push('', 'Effects');
  const e = r.effects;
  out.push(`  Indicators created: ${e.created.length}`);
  for (const c of e.created) {
    out.push(
      `    + ${c.type} ${c.value} in "${c.owner}" — threat rating ${c.rating}, confidence ${c.confidence}${c.updated ? ' (already in that owner: updated)' : ''}`,
    );
    if (c.tags.length) out.push(`      tags: ${c.tags.join(', ')}`);
    for (const a of c.attributes) out.push(`      attribute ${a.type}: ${a.value}`);
  }
  out.push(`  Indicators skipped: ${e.skipped.length}`);
  for (const s of e.skipped) out.push(`    - ${s.type ? `${s.type} ` : ''}${s.value}: ${s.reason}`);
  out.push(`  Notifications: ${e.notifications.length}`);
  for (const n of e.notifications) out.push(`    ✉ ${n.recipients} [${n.type}, ${n.priority}]: ${n.message}`);
  const logs = r.runs.flatMap((run) => run.logs);
  if (logs.length) {
    out.push(`  Log lines: ${logs.length}`);
    for (const l of logs) out.push(`    ${l.level} ${l.message}`);
  }
  if (r.errors.length) out.push('', `FAILED: ${r.errors.length} error(s)`, ...r.errors.map((x) => `  ${x}`));
  return `${out.join('\n')}\n`;
}
