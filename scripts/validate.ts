/** `npm run validate [-- --json] [-- --root DIR]`: exit 1 on any error, 0 otherwise. */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { formatFindings, validateProject } from './lib/validate/index.js';
import { repoRoot } from './lib/repo-root.js';

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, root: { type: 'string' } } });
const root = values.root ? resolve(values.root) : repoRoot();
const findings = await validateProject(root);
const errors = findings.filter((f) => f.severity === 'error').length;
if (values.json) process.stdout.write(`${JSON.stringify({ findings, errors, warnings: findings.length - errors }, null, 2)}\n`);
else process.stdout.write(`${formatFindings(findings)}\n`);
process.exitCode = errors > 0 ? 1 : 0;
