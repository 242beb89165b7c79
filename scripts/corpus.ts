/**
 * `npm run corpus [-- --json] [-- --problems]`: plays test/corpus through the real pipeline and prints
 * a per-source table — fields right, indicator recall and precision, lost and extra fires.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError, runCli, type CliSpec } from '../app/cli/command-line.js';
import { precision, recall, runCorpus, type Score } from './lib/corpus/corpus.js';
import { repoRoot } from './lib/repo-root.js';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

function row(name: string, s: Score & { cases: number }): string[] {
  return [
    name,
    String(s.cases),
    `${s.fieldsRight}/${s.fieldsTotal}`,
    pct(s.fieldsTotal ? s.fieldsRight / s.fieldsTotal : 1),
    pct(recall(s)),
    pct(precision(s)),
    String(s.reportedForbidden),
    String(s.lost),
    String(s.extraFires),
  ];
}

const SPEC: CliSpec = {
  command: 'npm run corpus --',
  summary: 'Plays the real-alert corpus (test/corpus) through the pipeline: fields right, indicator recall and precision, lost and extra fires per source.',
  options: {
    json: { type: 'boolean', help: 'print the figures as JSON only (use npm run --silent corpus -- --json)' },
    problems: { type: 'boolean', help: 'list every wrong field and missed or extra indicator after the table' },
    dir: { type: 'string', value: 'DIR', help: 'another corpus folder', default: 'test/corpus' },
  },
};

await runCli(SPEC, async ({ values }) => {
  const dir = resolve(repoRoot(), typeof values.dir === 'string' ? values.dir : 'test/corpus');
  if (!existsSync(dir)) throw new CliError(`no corpus folder at ${dir}`, 'pass --dir DIR (a folder of <source>/<case>.json files)');
  const { bySource, total } = await runCorpus(dir);
  if (values.json) {
    const data = (s: Score & { cases: number }) => ({
      cases: s.cases,
      fieldsRight: s.fieldsRight,
      fieldsTotal: s.fieldsTotal,
      recall: recall(s),
      precision: precision(s),
      forbiddenReported: s.reportedForbidden,
      lost: s.lost,
      extraFires: s.extraFires,
      problems: s.problems,
    });
    console.log(JSON.stringify({ total: data(total), sources: Object.fromEntries([...bySource].map(([k, s]) => [k, data(s)])) }, null, 2));
    return 0;
  }
  const head = ['source', 'cases', 'fields', 'fields %', 'ind. recall', 'ind. precision', 'must-not hit', 'lost', 'extra fires'];
  const rows = [...[...bySource].map(([k, s]) => row(k, s)), row('TOTAL', total)];
  console.log(`| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  if (values.problems) for (const p of total.problems) console.log(`- ${p}`);
  return 0;
});
