/** Figures of a running process from /proc (Linux): resident memory and CPU time used. */
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ: /proc reports CPU time in these ticks (100 on Linux). */
const CLOCK_TICKS = 100;

export function rssMb(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round((Number(m[1]) / 1024) * 10) / 10 : NaN;
  } catch {
    return NaN;
  }
}

/** CPU time (user + system) the process has used, in ms: robust where wall-clock rates are not (a shared machine). */
export function cpuMs(pid: number | undefined, statFile = `/proc/${pid}/stat`): number {
  if (!pid) return NaN;
  try {
    const fields = readFileSync(statFile, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/**
 * CPU time (ms, ns precision: /proc/<pid>/task/<tid>/schedstat) of the process's live threads: its
 * main (JavaScript) thread and the others (V8's compiler and GC workers, libuv's pool, workers; Node 20
 * names them all `node`, so they are not told apart). A thread that ended meanwhile is not counted.
 */
export function threadCpuMs(pid: number | undefined): { main: number; others: number } {
  if (!pid) return { main: NaN, others: NaN };
  let main = 0;
  let others = 0;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      let ns = 0;
      try {
        ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // the thread ended
      }
      if (Number(tid) === pid) main += ns / 1e6;
      else others += ns / 1e6;
    }
  } catch {
    return { main: NaN, others: NaN };
  }
  return { main, others };
}

/** threadCpuMs, all threads together: finer than `cpuMs` (10 ms ticks) for short spans. */
export function threadsCpuMs(pid: number | undefined): number {
  const { main, others } = threadCpuMs(pid);
  return main + others;
}
