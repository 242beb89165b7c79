/**
 * `npm test`: runs every compiled test file (`build/test/<path>.test.js`) whose source
 * `test/<path>.test.ts` still exists (a deleted test's stale build output never runs; helper modules
 * never run as tests). Node 20's `--test` has no `**` glob, hence this list.
 *
 *   node build/scripts/run-tests.js [PATH-PART...]   only files whose path contains one of the parts
 *   node build/scripts/run-tests.js --timings ...    also each file's time in tests, slowest first (stderr)
 *
 * TEST_CONCURRENCY (default 2) is how many test files run at once.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './lib/repo-root.js';

function testFiles(root: string): string[] {
  return readdirSync(join(root, 'test'), { recursive: true, encoding: 'utf8' })
    .map((p) => p.split('\\').join('/'))
    .filter((p) => p.endsWith('.test.ts') && !p.split('/').includes('fixtures'))
    .sort()
    .map((p) => join('build', 'test', p.replace(/\.ts$/, '.js')));
}

function main(): number {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { timings: { type: 'boolean' } } });
  const root = repoRoot();
  const all = testFiles(root);
  const files = positionals.length === 0 ? all : all.filter((f) => positionals.some((part) => f.includes(part)));
  if (files.length === 0) {
    process.stderr.write(`no test file matches ${positionals.join(' ')}\n`);
    return 1;
  }
  const concurrency = process.env.TEST_CONCURRENCY ?? '2';
  const reporters = values.timings
    ? [
        '--test-reporter=tap',
        '--test-reporter-destination=stdout',
        `--test-reporter=${join(root, 'build/scripts/lib/test-timings.js')}`,
        '--test-reporter-destination=stderr',
      ]
    : [];
  const run = spawnSync(process.execPath, ['--test', `--test-concurrency=${concurrency}`, ...reporters, ...files], { cwd: root, stdio: 'inherit' });
  return run.status ?? 1;
}

process.exitCode = main();
