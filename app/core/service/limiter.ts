/**
 * Bounded concurrency for webhook work: at most `maxConcurrent` tasks run, at most `maxQueued` wait.
 * `tryRun` refuses (returns false) past that, so a burst can never fan out without bound. A task that
 * rejects is counted and reported to `onError` — never swallowed.
 */
import { systemTimers, type Timers } from '../ports.js';

export interface LimitedTask {
  run(): Promise<void>;
  /** Called instead of `run` when the task is taken out of the queue unstarted (shutdown). */
  refuse(): Promise<void>;
}

export interface Limiter {
  tryRun(task: LimitedTask | (() => Promise<void>)): boolean;
  readonly active: number;
  readonly queued: number;
  /** Tasks that rejected (or whose refusal rejected) so far. */
  readonly failures: number;
  /** Resolves true when nothing runs or waits any more, false when the deadline passed first. */
  idle(timeoutMs: number): Promise<boolean>;
  /** Empties the queue, refusing each waiting task; resolves once every refusal has settled. */
  refuseQueued(): Promise<void>;
}

export function createLimiter(
  maxConcurrent: number,
  maxQueued: number,
  onError: (err: unknown) => void = () => undefined,
  timers: Timers = systemTimers,
): Limiter {
  let active = 0;
  let failures = 0;
  const queue: LimitedTask[] = [];
  let idleWaiters: Array<() => void> = [];

  const failed = (err: unknown): void => {
    failures += 1;
    try {
      onError(err);
    } catch {
      // a reporting bug must not stop the queue
    }
  };

  const settle = (): void => {
    if (active === 0 && queue.length === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  };

  const start = (task: LimitedTask): void => {
    active += 1;
    let running: Promise<void>;
    try {
      running = task.run();
    } catch (err) {
      running = Promise.reject(err);
    }
    running.catch(failed).finally(() => {
      active -= 1;
      const next = queue.shift();
      if (next) start(next);
      else settle();
    });
  };

  return {
    tryRun(task) {
      const t: LimitedTask = typeof task === 'function' ? { run: task, refuse: async () => undefined } : task;
      if (active < maxConcurrent) {
        start(t);
        return true;
      }
      if (queue.length >= maxQueued) return false;
      queue.push(t);
      return true;
    },
    get active() {
      return active;
    },
    get queued() {
      return queue.length;
    },
    get failures() {
      return failures;
    },
    idle(timeoutMs) {
      if (active === 0 && queue.length === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const cancel = timers.after(timeoutMs, () => {
          idleWaiters = idleWaiters.filter((w) => w !== done);
          resolve(false);
        });
        const done = (): void => {
          cancel();
          resolve(true);
        };
        idleWaiters.push(done);
      });
    },
    async refuseQueued() {
      const waiting = queue.splice(0, queue.length);
      settle();
      await Promise.all(
        waiting.map(async (t) => {
          try {
            await t.refuse();
          } catch (err) {
            failed(err);
          }
        }),
      );
    },
  };
}
