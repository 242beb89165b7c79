/** A clock and timers that move only when a test says so (the runtime's Clock and Timers ports). */
import type { Clock, Timers } from '../../app/core/ports.js';

export interface ManualTime {
  clock: Clock;
  timers: Timers;
  /** Moves time forward, running every timer that falls due, in order. */
  advance(ms: number): void;
  /** Timers scheduled and not yet run or cancelled. */
  readonly pending: number;
}

export function manualTime(startMs = Date.parse('2026-12-01T00:00:00Z')): ManualTime {
  let now = startMs;
  let seq = 0;
  const due = new Map<number, { at: number; fn: () => void }>();
  return {
    clock: { now: () => now },
    timers: {
      after(ms, fn) {
        const id = seq++;
        due.set(id, { at: now + Math.max(0, ms), fn });
        return () => void due.delete(id);
      },
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        let next: [number, { at: number; fn: () => void }] | undefined;
        for (const entry of due) if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry;
        if (!next) break;
        due.delete(next[0]);
        now = next[1].at;
        next[1].fn();
      }
      now = end;
    },
    get pending() {
      return due.size;
    },
  };
}
