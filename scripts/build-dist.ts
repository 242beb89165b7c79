/**
 * The second step of `npm run build`: one TypeScript compile (tsconfig.json → build/) serves the
 * tests, the scripts and the service; dist/ (what runs: `node dist/run.js`) is build/app copied, its
 * source maps pointing at app/ again. Fails when a module of app/ imports from outside app/
 * (scripts/, test/): dist/ must stand on its own.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { repoRoot } from './lib/repo-root.js';

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]|\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** Relative imports of a compiled module that leave `appDir`. */
function importsOutside(file: string, appDir: string): string[] {
  const out: string[] = [];
  for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const target = resolve(dirname(file), m[1] ?? m[2]!);
    if (relative(appDir, target).startsWith('..')) out.push(m[1] ?? m[2]!);
  }
  return out;
}

/** build/app/x.js.map names `../../app/x.ts`; dist/x.js.map is one level higher. */
function rebaseMap(text: string): string {
  const map = JSON.parse(text) as { sources?: string[] };
  map.sources = (map.sources ?? []).map((s) => s.replace(/^\.\.\//, ''));
  return JSON.stringify(map);
}

/**
 * Writes only what changed and removes only what is gone: tests running at the same time (a
 * `npm run …` inside a test builds again) keep finding every file of dist/ in place.
 */
function mirror(from: string, to: string, files: string[]): void {
  for (const f of files) {
    const source = join(from, f);
    if (statSync(source).isDirectory()) continue;
    const text = f.endsWith('.js.map') ? rebaseMap(readFileSync(source, 'utf8')) : readFileSync(source, 'utf8');
    const target = join(to, f);
    if (existsSync(target) && readFileSync(target, 'utf8') === text) continue;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  const kept = new Set(files);
  for (const f of readdirSync(to, { recursive: true, encoding: 'utf8' })) {
    if (!kept.has(f) && !statSync(join(to, f)).isDirectory()) rmSync(join(to, f), { force: true });
  }
}

function main(): number {
  const root = repoRoot();
  const from = join(root, 'build', 'app');
  const to = join(root, 'dist');
  const files = readdirSync(from, { recursive: true, encoding: 'utf8' });
  const leaks = files.filter((f) => f.endsWith('.js')).flatMap((f) => importsOutside(join(from, f), from).map((i) => `app/${f}: ${i}`));
  if (leaks.length > 0) {
    process.stderr.write(`app/ must not import from outside app/:\n  ${leaks.join('\n  ')}\n`);
    return 1;
  }
  mkdirSync(to, { recursive: true });
  mirror(from, to, files);
  return 0;
}

process.exitCode = main();
