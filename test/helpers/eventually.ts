/**
 * Retries `check` until it returns true or the deadline passes. For conditions that have no event to
 * await (a real TTL running out, a client reconnecting on its own); anything with an event awaits it.
 */
export async function eventually(check: () => Promise<boolean>, deadlineMs = 5000, what = 'condition'): Promise<void> {
  const until = Date.now() + deadlineMs;
  let delay = 5;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`${what} not met within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 100);
  }
}
