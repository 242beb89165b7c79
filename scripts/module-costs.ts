/**
 * `npm run bench:modules`: what each module the service loads at start costs, in load order —
 * milliseconds to import, and heap / RSS growth after a full GC (process.memoryUsage deltas).
 * Each row adds to the ones above (a module's own dependencies already loaded are not counted again).
 * Prints one JSON line per module, then a table on stderr. Figures: docs/performance.md.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { runCli, type CliSpec } from '../app/cli/command-line.js';
import { repoRoot } from './lib/repo-root.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const dist = (p: string) => pathToFileURL(join(repoRoot(), 'dist', p)).href;

/** The start-up graph of dist/run.js, heaviest shared dependencies first, then the app's layers. */
const MODULES: Array<[string, string]> = [
  ['mqtt', 'mqtt'],
  ['ioredis', 'ioredis'],
  ['jsonpath-plus', 'jsonpath-plus'],
  ['@jmespath-community/jmespath', '@jmespath-community/jmespath'],
  ['config (params, manifest)', dist('config/load-params.js')],
  ['log adapter', dist('adapters/log/logger.js')],
  ['http adapters (axios not loaded)', dist('adapters/http/tc-api.js')],
  ['pipeline + presets + indicators', dist('core/alert-app.js')],
  ['service core', dist('core/service/service.js')],
  ['— lazy: axios (first outgoing request)', 'axios'],
  ['— lazy: proxy tunnel agent', dist('adapters/http/proxy-tunnel-agent.js')],
  ['— node:zlib (decompression)', 'node:zlib'],
];

const mb = (bytes: number) => Math.round((bytes / 1048576) * 100) / 100;
const SPEC: CliSpec = {
  command: 'npm run bench:modules --',
  summary:
    'What each module the service loads at start costs (dist/, the compiled app): milliseconds to import, heap and RSS growth. One JSON line per module, a table on stderr.',
  options: {},
};

await runCli(SPEC, async () => {
  gc();
  let before = process.memoryUsage();
  const rows: string[] = [];
  for (const [name, specifier] of MODULES) {
    const t0 = performance.now();
    await import(specifier);
    const ms = Math.round((performance.now() - t0) * 10) / 10;
    gc();
    const now = process.memoryUsage();
    const row = { module: name, importMs: ms, heapMb: mb(now.heapUsed - before.heapUsed), rssMb: mb(now.rss - before.rss) };
    process.stdout.write(`${JSON.stringify(row)}\n`);
    rows.push(`${name.padEnd(42)} ${String(ms).padStart(7)} ms ${String(row.heapMb).padStart(6)} MB heap ${String(row.rssMb).padStart(6)} MB RSS`);
    before = now;
  }
  process.stderr.write(`\n${rows.join('\n')}\nafter all: RSS ${mb(before.rss)} MB, heap ${mb(before.heapUsed)} MB\n`);
  return 0;
});
