import { type BuildResult, build, type Plugin } from 'esbuild';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { PackagingError } from './packaging-error.js';
import { repoRoot } from '../repo-root.js';

/** The file name of the bundle inside the package; `.mjs` so Node runs it as ESM without a package.json. */
export const BUNDLE_FILE = 'app.mjs';

/**
 * Worker-thread entries bundled as files of their own beside app.mjs (a worker runs a file, not a
 * function): the analysis worker of large bodies. app/core/pipeline/analysis-pool.ts starts
 * `./analysis-worker.mjs` relative to app.mjs, the extension of the module that starts it. An entry
 * missing from the project (a fixture) is left out.
 */
export const WORKER_ENTRIES: Readonly<Record<string, string>> = { 'analysis-worker': 'app/core/pipeline/analysis-worker.ts' };

export interface BundleOptions {
  /** Project root; esbuild resolves the entry and node_modules from here. */
  root: string;
  /** Entry file relative to root, e.g. `app/run.ts`. */
  entry: string;
  /** First line of the bundle, e.g. `Alert Intake 1.0.0 (TCVW_-_alert_intake_v1)`. */
  identity: string;
}

export interface Bundle {
  code: Buffer;
  map: Buffer;
  /** The worker files to ship beside the bundle (e.g. `analysis-worker.mjs`). */
  workers: Array<{ path: string; code: Buffer }>;
  /** Project-relative paths of the bundled inputs, sorted. */
  inputs: string[];
}

/*
 * The bundle is ESM, but CommonJS dependencies inside it call require() and read __dirname: the
 * banner gives them a real require (createRequire) and the defines point the free __dirname and
 * __filename at banner constants. Unique names keep clear of identifiers the app itself declares.
 */
const ESM_SHIMS = [
  "import { createRequire as __aiCreateRequire } from 'node:module';",
  "import { fileURLToPath as __aiFileURLToPath } from 'node:url';",
  "import { dirname as __aiPathDirname } from 'node:path';",
  'const require = __aiCreateRequire(import.meta.url);',
  'const __aiFilename = __aiFileURLToPath(import.meta.url);',
  'const __aiDirname = __aiPathDirname(__aiFilename);',
].join('\n');

/**
 * The bare specifier `debug` (mqtt, mqtt-packet, ioredis, the proxy agents) resolves to
 * quiet-debug.cjs: no-op loggers unless DEBUG is set at start, the real package when it is.
 */
const QUIET_DEBUG: Plugin = {
  name: 'quiet-debug',
  setup(b) {
    b.onResolve({ filter: /^debug$/ }, () => ({ path: join(repoRoot(), 'scripts/lib/package/quiet-debug.cjs') }));
  },
};

/** Bundles the entry and its dependencies into one ESM file for Node 20, with an external source map; each worker entry into a file of its own. */
export async function bundleApp(options: BundleOptions): Promise<Bundle> {
  const appName = BUNDLE_FILE.replace(/\.mjs$/, '');
  const workers = Object.entries(WORKER_ENTRIES).filter(([, entry]) => existsSync(join(options.root, entry)));
  let result: BuildResult<{ write: false; metafile: true }>;
  try {
    result = await build({
      absWorkingDir: options.root,
      entryPoints: { [appName]: options.entry, ...Object.fromEntries(workers) },
      outdir: join(options.root, 'target', '.bundle'),
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      sourcemap: 'external',
      // Smaller to parse and to keep in memory (about 2.7 MB RSS less; docs/performance.md);
      // names kept so stack traces and error names stay readable without the map.
      minify: true,
      keepNames: true,
      legalComments: 'eof',
      metafile: true,
      write: false,
      logLevel: 'silent',
      banner: { js: `/*! ${options.identity.replace(/\*\//g, '')} */\n${ESM_SHIMS}` },
      define: { __dirname: '__aiDirname', __filename: '__aiFilename' },
      plugins: [QUIET_DEBUG],
    });
  } catch (error) {
    const errors = (error as { errors?: Array<{ text: string; location?: { file: string; line: number } | null }> }).errors;
    const first = errors?.[0];
    const where = first?.location ? `${first.location.file}:${first.location.line}` : options.entry;
    throw new PackagingError(where, `bundling failed: ${first?.text ?? (error as Error).message}`, 'fix the build error, then package again');
  }
  const code = result.outputFiles.find((f) => basename(f.path) === BUNDLE_FILE);
  const map = result.outputFiles.find((f) => basename(f.path) === `${BUNDLE_FILE}.map`);
  if (!code || !map) throw new PackagingError(options.entry, 'esbuild produced no bundle');
  const workerFiles = workers.map(([name]) => {
    const file = result.outputFiles.find((f) => basename(f.path) === `${name}.mjs`);
    if (!file) throw new PackagingError(WORKER_ENTRIES[name]!, `esbuild produced no ${name}.mjs`);
    return { path: `${name}.mjs`, code: Buffer.from(file.contents) };
  });
  return {
    code: Buffer.from(code.contents),
    map: Buffer.from(map.contents),
    workers: workerFiles,
    inputs: Object.keys(result.metafile.inputs).sort(),
  };
}
