/**
 * `npm run package [-- --with-runtime] [-- --json]`: validate, bundle, write target/<folder key>.tcx
 * and the submission folder + zip. Exit 0 when packaged, 1 when a finding stopped it, 2 on bad usage.
 */
import { fileURLToPath } from 'node:url';
import { runCli, type CliSpec } from '../app/cli/command-line.js';
import { formatPackageFindings, formatSummary } from './lib/package/format-summary.js';
import { packageDate } from './lib/package/package-date.js';
import { packageProject } from './lib/package/package-project.js';
import { formatFindings, validateProject } from './lib/validate/index.js';

const SPEC: CliSpec = {
  command: 'npm run package --',
  summary: 'Validates the project, bundles the service and writes target/<folder key>.tcx plus the submission folder and its zip.',
  options: {
    'with-runtime': { type: 'boolean', help: 'ship Node.js inside the package (runtime/node) for job servers without Node 20' },
    json: { type: 'boolean', help: 'print the result as one JSON object only (use npm run --silent package -- --json)' },
  },
  notes: ['Output is byte-identical for the same sources (SOURCE_DATE_EPOCH sets the file dates). Any validator error stops it (exit 1).'],
};

await runCli(SPEC, async ({ values }) => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const result = await packageProject({
    root,
    validate: validateProject,
    withRuntime: values['with-runtime'] === true,
    mtime: packageDate(process.env['SOURCE_DATE_EPOCH']),
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else if (result.ok) {
    process.stdout.write(`${formatSummary(result.summary)}\n`);
  } else {
    const fromValidator = result.findings.filter((f) => f.rule !== 'package');
    const own = result.findings.filter((f) => f.rule === 'package');
    if (fromValidator.length > 0) process.stderr.write(`${formatFindings(fromValidator)}\n`);
    if (own.length > 0) process.stderr.write(`${formatPackageFindings(own)}\n`);
    process.stderr.write('package: stopped by the findings above; fix them (npm run validate lists them) and run it again\n');
  }
  return result.ok ? 0 : 1;
});
