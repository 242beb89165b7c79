/**
 * Bounded concurrency for webhook work: at most `maxConcurrent` tasks run, at most `maxQueued` wait.
 * `tryRun` refuses (returns false) past that, so a burst can never fan out without bound.
 */
export interface Limiter {
  tryRun(task: () => Promise<void>): boolean;
  readonly active: number;
  readonly queued: number;
  /** Resolves true when nothing runs or waits any more, false when the deadline passed first. */
  idle(timeoutMs: number): Promise<boolean>;
}

export function createLimiter(maxConcurrent: number, maxQueued: number): Limiter {
  let active = 0;
  const queue: Array<() => Promise<void>> = [];
  let idleWaiters: Array<() => void> = [];

  const settle = (): void => {
    if (active === 0 && queue.length === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  };

  const start = (task: () => Promise<void>): void => {
    active += 1;
    // Tasks handle their own errors; this catch only keeps a bug from becoming an unhandled rejection.
    task()
      .catch(() => undefined)
      .finally(() => {
        active -= 1;
        const next = queue.shift();
        if (next) start(next);
        else settle();
      });
  };

  return {
    tryRun(task) {
      if (active < maxConcurrent) {
        start(task);
        return true;
      }
      if (queue.length >= maxQueued) return false;
      queue.push(task);
      return true;
    },
    get active() {
      return active;
    },
    get queued() {
      return queue.length;
    },
    idle(timeoutMs) {
      if (active === 0 && queue.length === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          idleWaiters = idleWaiters.filter((w) => w !== done);
          resolve(false);
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          resolve(true);
        };
        idleWaiters.push(done);
      });
    },
  };
}
