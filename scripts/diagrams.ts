/**
 * `npm run diagrams [-- --check]`: writes docs/images/pipeline.svg (the pipeline's stages) and one
 * docs/images/playbook-<name>.svg per template under templates/. `--check` writes nothing and
 * exits 1 when a picture differs from what its source gives (a test runs it).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError, runCli, type CliSpec } from '../app/cli/command-line.js';
import { buildDiagrams, IMAGES_DIR, orphanDiagrams } from './lib/diagrams/generate.js';
import { repoRoot } from './lib/repo-root.js';

const SPEC: CliSpec = {
  command: 'npm run diagrams --',
  summary: `Draws the pipeline's stages and each Playbook Template's flow as SVG under ${IMAGES_DIR}/.`,
  options: {
    check: { type: 'boolean', help: 'write nothing; exit 1 when a diagram is out of date' },
  },
};

await runCli(SPEC, async ({ values }) => {
  const root = repoRoot();
  const { diagrams, problems } = buildDiagrams(root);
  if (problems.length > 0) throw new CliError(problems.join('; '), 'update scripts/lib/diagrams/pipeline-stages.ts to match the code');
  const stale = diagrams.filter((d) => !existsSync(join(root, d.path)) || readFileSync(join(root, d.path), 'utf8') !== d.svg);
  const orphans = orphanDiagrams(root, diagrams);
  if (values.check) {
    for (const d of stale) process.stdout.write(`out of date: ${d.path}\n`);
    for (const o of orphans) process.stdout.write(`no longer generated: ${o}\n`);
    if (stale.length + orphans.length > 0) throw new CliError(`${stale.length + orphans.length} diagram(s) out of date`, 'run npm run diagrams');
    process.stdout.write(`diagrams: all ${diagrams.length} up to date\n`);
    return 0;
  }
  mkdirSync(join(root, IMAGES_DIR), { recursive: true });
  for (const d of stale) {
    writeFileSync(join(root, d.path), d.svg);
    process.stdout.write(`wrote ${d.path}\n`);
  }
  for (const o of orphans) {
    rmSync(join(root, o));
    process.stdout.write(`removed ${o}\n`);
  }
  if (stale.length + orphans.length === 0) process.stdout.write(`diagrams: all ${diagrams.length} already up to date\n`);
  return 0;
});
