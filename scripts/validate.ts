/** `npm run validate [-- --json] [-- --root DIR]`: exit 1 on any error finding, 0 otherwise, 2 on bad usage. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError, runCli, type CliSpec } from '../app/cli/command-line.js';
import { formatFindings, validateProject } from './lib/validate/index.js';
import { repoRoot } from './lib/repo-root.js';

const SPEC: CliSpec = {
  command: 'npm run validate --',
  summary: 'Checks install.json, layout.json and every Playbook Template; each finding names file, JSON path, rule and fix.',
  options: {
    json: { type: 'boolean', help: 'print {findings, errors, warnings} as JSON only (use npm run --silent validate -- --json)' },
    root: { type: 'string', value: 'DIR', help: 'the project folder to check (default: this repository)' },
  },
  notes: ['Exit code 1 when a finding is an error; warnings alone exit 0.'],
};

await runCli(SPEC, async ({ values }) => {
  const root = typeof values.root === 'string' ? resolve(values.root) : repoRoot();
  if (!existsSync(root)) throw new CliError(`no folder ${root}`, 'pass --root DIR with an existing project folder');
  const findings = await validateProject(root);
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (values.json) process.stdout.write(`${JSON.stringify({ findings, errors, warnings: findings.length - errors }, null, 2)}\n`);
  else process.stdout.write(`${formatFindings(findings)}\n`);
  return errors > 0 ? 1 : 0;
});
