/**
 * `npm run templates`: (re)writes templates/*.pbx from their readable sources in
 * scripts/lib/templates/. `--check` only compares and exits 1 when a file is out of date.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CliError, runCli, type CliSpec } from '../app/cli/command-line.js';
import { buildAllTemplates, renderTemplate } from './lib/templates/playbooks.js';
import type { InstallJson } from './lib/templates/service-trigger.js';
import { repoRoot } from './lib/repo-root.js';

const SPEC: CliSpec = {
  command: 'npm run templates --',
  summary: 'Writes the Playbook Templates (templates/*.pbx) from their sources in scripts/lib/templates/.',
  options: {
    check: { type: 'boolean', help: 'write nothing; exit 1 when a template differs from its source' },
  },
};

await runCli(SPEC, async ({ values }) => {
  const root = repoRoot();
  let install: InstallJson;
  try {
    install = JSON.parse(readFileSync(join(root, 'install.json'), 'utf8')) as InstallJson;
  } catch (err) {
    throw new CliError(`cannot read install.json: ${err instanceof Error ? err.message : String(err)}`, 'fix install.json (npm run validate checks it)');
  }
  const built = buildAllTemplates(install);
  let stale = 0;
  let written = 0;
  for (const { file, playbook } of built) {
    const path = join(root, 'templates', file);
    const text = renderTemplate(playbook);
    const current = existsSync(path) ? readFileSync(path, 'utf8') : null;
    if (current === text) continue;
    if (values.check) {
      stale += 1;
      process.stdout.write(`out of date: templates/${file}\n`);
    } else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      written += 1;
      process.stdout.write(`wrote templates/${file}\n`);
    }
  }
  if (values.check) {
    if (stale > 0) throw new CliError(`${stale} of ${built.length} template(s) differ from their sources`, 'run npm run templates');
    process.stdout.write(`templates: all ${built.length} up to date\n`);
  } else if (written === 0) process.stdout.write(`templates: all ${built.length} already up to date\n`);
  return 0;
});
