/** `npm run reference [-- --check]`: writes docs/trigger-reference.md from install.json, the presets and the triggers file. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError, runCli, type CliSpec } from '../app/cli/command-line.js';
import { REFERENCE_DOC, referenceDoc } from './lib/reference-doc.js';
import { repoRoot } from './lib/repo-root.js';

const SPEC: CliSpec = {
  command: 'npm run reference --',
  summary: `Writes ${REFERENCE_DOC} (every input, output variable and preset) from install.json, app/core/presets and samples/triggers.json.`,
  options: {
    check: { type: 'boolean', help: 'write nothing; exit 1 when the file is out of date' },
  },
};

await runCli(SPEC, async ({ values }) => {
  const root = repoRoot();
  const text = await referenceDoc(root);
  const path = join(root, REFERENCE_DOC);
  const current = existsSync(path) ? readFileSync(path, 'utf8') : null;
  if (values.check) {
    if (current !== text) throw new CliError(`${REFERENCE_DOC} is out of date`, 'run npm run reference');
    process.stdout.write(`reference: ${REFERENCE_DOC} up to date\n`);
    return 0;
  }
  if (current === text) process.stdout.write(`reference: ${REFERENCE_DOC} already up to date\n`);
  else {
    writeFileSync(path, text);
    process.stdout.write(`wrote ${REFERENCE_DOC}\n`);
  }
  return 0;
});
