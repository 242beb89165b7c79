/*
 * The recursive walk (walk-item.ts) gives exactly what the explicit-stack walk it replaced gave
 * (test/helpers/walk-item-stack.ts): the same strings, paths, hash readings and tool links in the
 * same order (a text repeated with the same hash reading given once: the scanner reads it once),
 * with and without metadata and evidence paths, also when the budgets cut the walk.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { walkItem, WALK_LIMITS, type Walk, type WalkOptions } from '../../../../app/core/pipeline/indicators/walk-item.js';
import { formatPath } from '../../../../app/core/pipeline/indicators/json-path.js';
import { walkItem as stackWalk } from '../../../helpers/walk-item-stack.js';

const KEYS = [
  'id',
  'url',
  'link',
  'user',
  'name',
  'value',
  'Value',
  'key',
  'algorithm',
  'sha256',
  'hash',
  'evidence',
  'description',
  'title',
  'src_ip',
  'a',
  'b',
  'cve',
  'generatorURL',
  'UserPrincipalName',
  'files',
];
const STRINGS = [
  'see 45.33.32.156',
  'https://tool.example/x',
  'http://evil.example/a',
  'CVE-2021-44228',
  'SHA256',
  'md5',
  'alice@corp.example',
  'UserPrincipalName',
  'd41d8cd98f00b204e9800998ecf8427e',
  'evil.example',
  '',
  'x',
];

function documentOf(seed: number): unknown {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const build = (depth: number): unknown => {
    const r = next();
    if (depth > 6 || r < 0.35) return [null, true, 5, ...STRINGS][Math.floor(next() * (STRINGS.length + 3))];
    if (r < 0.55) return Array.from({ length: Math.floor(next() * 5) }, () => build(depth + 1));
    const o: Record<string, unknown> = {};
    for (let i = Math.floor(next() * 5); i > 0; i--) o[KEYS[Math.floor(next() * KEYS.length)]!] = build(depth + 1);
    return o;
  };
  return build(0);
}

const OPTIONS: WalkOptions[] = [
  {},
  { metadata: ['user', 'URL'] },
  { metadata: ['$.a', '$..b'] },
  { evidence: ['$.evidence', '$..files[*]'] },
  { evidence: ['$.a', '$..value'], metadata: ['id', '$.b'] },
  { evidence: ['$.nothing'] },
  { exclude: new Set(['evil.example', 'x']) },
];

const plain = (w: Walk) => ({ texts: w.texts.map((t) => [t.text, formatPath(t.path), t.hashes]), links: w.links });
/** The stack walk's result without repeated texts (the same text read the same way): the walk keeps only the first. */
function firstOfEach(w: Walk): Walk {
  const seen = new Set<string>();
  return { texts: w.texts.filter((t) => !seen.has(`${t.hashes}:${t.text}`) && seen.add(`${t.hashes}:${t.text}`)), links: w.links };
}

function compare(limits: typeof WALK_LIMITS): void {
  const saved = { ...WALK_LIMITS };
  Object.assign(WALK_LIMITS, limits); // the oracle reads the same bounds
  try {
    for (let seed = 1; seed <= 1500; seed++) {
      const doc = documentOf(seed);
      for (const o of OPTIONS) assert.deepEqual(plain(walkItem(doc, o)), plain(firstOfEach(stackWalk(doc, o))), `seed ${seed} ${JSON.stringify(o)}`);
    }
  } finally {
    Object.assign(WALK_LIMITS, saved);
  }
}

test('the walk equals the explicit-stack walk on generated items', () => {
  compare({ ...WALK_LIMITS });
});

test('the walk equals the explicit-stack walk where the node, string, depth and link budgets cut it', () => {
  compare({ maxNodes: 12, maxStrings: 4, maxDepth: 3, maxLinks: 2 });
  compare({ maxNodes: 40, maxStrings: 1000, maxDepth: 64, maxLinks: 1 });
});

test('a deep item is walked to the depth budget without exhausting the stack', () => {
  let deep: unknown = 'see 45.33.32.156';
  for (let i = 0; i < 10_000; i++) deep = { a: deep };
  assert.deepEqual(plain(walkItem(deep, {})), plain(firstOfEach(stackWalk(deep, {}))));
});
