/**
 * A node:test reporter (`node build/scripts/run-tests.js --timings`): the time each test file spent in
 * its top-level tests and suites, slowest first, after the run. Module loading and process start are
 * not in it; a file far above its CPU share is waiting (a timeout, a child process, a real server).
 */
interface TestEvent {
  type: string;
  data: { nesting?: number; file?: string; details?: { duration_ms?: number } };
}

export default async function* timings(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  const perFile = new Map<string, number>();
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0) {
      const file = event.data.file ?? '?';
      perFile.set(file, (perFile.get(file) ?? 0) + (event.data.details?.duration_ms ?? 0));
    }
  }
  const rows = [...perFile].sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((sum, [, ms]) => sum + ms, 0);
  yield `\ntime in tests per file, slowest first (total ${(total / 1000).toFixed(1)} s):\n`;
  for (const [file, ms] of rows.slice(0, 15)) yield `${(ms / 1000).toFixed(2).padStart(7)} s  ${file.replace(`${process.cwd()}/`, '')}\n`;
}
