/**
 * `npm run package [-- --with-runtime] [-- --json]`: validate, bundle, write target/<folder key>.tcx
 * and the submission folder + zip. Exit 0 when packaged, 1 when a finding stopped it, 2 on bad usage.
 */
import { fileURLToPath } from 'node:url';
import { formatPackageFindings, formatSummary } from './lib/package/format-summary.js';
import { packageDate } from './lib/package/package-date.js';
import { packageProject } from './lib/package/package-project.js';
import { formatFindings, validateProject } from './lib/validate/index.js';

const USAGE = 'usage: npm run package -- [--with-runtime] [--json]';
const KNOWN = new Set(['--with-runtime', '--json', '--help']);

async function main(argv: readonly string[]): Promise<number> {
  const unknown = argv.filter((a) => !KNOWN.has(a));
  if (argv.includes('--help') || unknown.length > 0) {
    if (unknown.length > 0) process.stderr.write(`unknown option ${unknown.join(' ')}\n`);
    process.stderr.write(`${USAGE}\n`);
    return unknown.length > 0 ? 2 : 0;
  }
  const json = argv.includes('--json');
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const result = await packageProject({
    root,
    validate: validateProject,
    withRuntime: argv.includes('--with-runtime'),
    mtime: packageDate(process.env['SOURCE_DATE_EPOCH']),
  });
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else if (result.ok) {
    process.stdout.write(`${formatSummary(result.summary)}\n`);
  } else {
    const fromValidator = result.findings.filter((f) => f.rule !== 'package');
    const own = result.findings.filter((f) => f.rule === 'package');
    if (fromValidator.length > 0) process.stderr.write(`${formatFindings(fromValidator)}\n`);
    if (own.length > 0) process.stderr.write(`${formatPackageFindings(own)}\n`);
    process.stderr.write('packaging stopped\n');
  }
  return result.ok ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
