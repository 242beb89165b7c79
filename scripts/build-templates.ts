/**
 * `npm run templates`: (re)writes templates/*.pbx from their readable sources in
 * scripts/lib/templates/. `--check` only compares and exits 1 when a file is out of date.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildAllTemplates, renderTemplate } from './lib/templates/playbooks.js';
import type { InstallJson } from './lib/templates/service-trigger.js';
import { repoRoot } from './lib/repo-root.js';

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
const root = repoRoot();
const install = JSON.parse(readFileSync(join(root, 'install.json'), 'utf8')) as InstallJson;
let stale = 0;
for (const { file, playbook } of buildAllTemplates(install)) {
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
    process.stdout.write(`wrote templates/${file}\n`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
