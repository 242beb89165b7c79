/**
 * README claims that can be checked mechanically: it starts with the two commands, every link and
 * picture exists, every `npm run <script>` exists, every `npm run send -- <sample>` has its sample,
 * and every `#Trigger:<id>:<output>!<Type>` names an output install.json declares with that type.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from '../../scripts/lib/repo-root.js';

const ROOT = repoRoot();
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');
/** A doc without its TypeScript snippets (illustrations of code to write, not claims). */
const claims = (p: string) => read(p).replace(/```ts\n[\s\S]*?```/g, '');
const DOCS = [
  'README.md',
  'docs/user-guide.md',
  'docs/cli.md',
  'docs/trigger-reference.md',
  'docs/architecture.md',
  'docs/playbook-templates.md',
  'docs/performance.md',
];

test('README starts with npm ci && npm start and npm test', () => {
  const lines = read('README.md').split('\n');
  assert.match(lines[0]!, /^# /);
  const firstBlock = lines.slice(lines.indexOf('```sh') + 1, lines.indexOf('```', lines.indexOf('```sh') + 1));
  assert.ok(lines.indexOf('```sh') <= 2, 'the commands come right after the title');
  assert.match(firstBlock[0]!, /^npm ci && npm start\b/);
  assert.match(firstBlock[1]!, /^npm test\b/);
});

test('every relative link and picture in README and the docs exists', () => {
  for (const doc of DOCS) {
    for (const m of read(doc).matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1]!.split('#')[0]!;
      if (!target || /^[a-z]+:/.test(target)) continue;
      assert.ok(existsSync(join(ROOT, dirname(doc), target)), `${doc} links ${m[1]}`);
    }
  }
});

test('every npm script and sample the docs name exists', () => {
  const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);
  for (const doc of DOCS) {
    const text = claims(doc);
    for (const m of text.matchAll(/npm run (?:--silent |-s )?([a-z][\w:-]*)/g)) assert.ok(scripts.includes(m[1]!), `${doc}: npm run ${m[1]}`);
    for (const m of text.matchAll(/npm run send -- ([a-z][\w-]*)/g))
      assert.ok(existsSync(join(ROOT, 'samples', `${m[1]}.json`)), `${doc}: npm run send -- ${m[1]}`);
  }
});

test('every #Trigger reference in the docs names a declared output with its type', () => {
  const outputs = new Map(
    (JSON.parse(read('install.json')) as { playbook: { outputVariables: Array<{ name: string; type: string }> } }).playbook.outputVariables.map((o) => [
      o.name,
      o.type,
    ]),
  );
  let seen = 0;
  for (const doc of DOCS) {
    for (const line of claims(doc).split('\n')) {
      // The validator's sample finding shows a wrong reference on purpose.
      if (line.includes('is not an output of trigger')) continue;
      for (const m of line.matchAll(/#Trigger:\d+:([A-Za-z0-9_.]+)!([A-Za-z]+)/g)) {
        seen += 1;
        assert.equal(outputs.get(m[1]!), m[2], `${doc}: ${m[0]}`);
      }
    }
  }
  assert.ok(seen > 0);
});
