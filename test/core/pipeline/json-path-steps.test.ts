import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSONPath } from 'jsonpath-plus';
import { evaluate, selectPlaces } from '../../../app/core/pipeline/expressions.js';
import { propertySteps } from '../../../app/core/pipeline/json-path-steps.js';
import { PRESETS } from '../../../app/core/presets/index.js';

/** What evaluate() returned when every JSONPath went through jsonpath-plus. */
function reference(source: string, data: unknown): unknown {
  try {
    const v = JSONPath({ path: source, json: data as object, eval: false, wrap: true }) as unknown;
    if (!Array.isArray(v) || v.length === 0) return undefined;
    return v.length === 1 ? v[0] : v;
  } catch {
    return undefined;
  }
}

function referencePlaces(source: string, data: unknown): Array<{ parent: unknown; parentProperty: unknown }> {
  try {
    const v = JSONPath({ path: source, json: data as object, eval: false, wrap: true, resultType: 'all' }) as unknown;
    return Array.isArray(v) ? v.map((m: { parent: unknown; parentProperty: unknown }) => ({ parent: m.parent, parentProperty: m.parentProperty })) : [];
  } catch {
    return [];
  }
}

const presetPaths = PRESETS.flatMap((p) => [
  ...Object.values(p.fields).flat(),
  ...p.severity.map((s) => s.path),
  ...(p.status?.paths ?? []),
  ...(p.dedupe ?? []),
  ...(p.items ?? []),
  ...(p.evidence ?? []),
  ...(p.metadata ?? []).filter((m) => m.startsWith('$')),
]);

const EDGE_PATHS = [
  '$',
  '$.a',
  '$.a.b',
  '$.a.b[0]',
  '$.a.b[1].c',
  "$['odd key']",
  "$['a.b']",
  '$["a.b"]',
  "$.a['b']",
  '$.`@timestamp',
  '$.`a',
  '$.`a.`b',
  '$.x.`a',
  '$.`a.x',
  '$.``a',
  '$.`',
  '$.length',
  '$.t.length',
  '$.t[0]',
  '$.a.b.length',
  '$.a.b[-1]',
  '$.n',
  '$.z',
  '$.f',
  '$.e',
  '$.u',
  '$.__proto__',
  '$.constructor',
  '$.toString',
  '$.$',
  "$['$']",
  '$.a.$',
  "$['']",
  '$.a.*',
  '$..c',
  '$.a.b[0:1]',
  '$.a.b[*].c',
  "$['a','t']",
  '$.a.b[?(@.c)]',
  '$.a^',
  '$.a~',
  '$.a.@string()',
  '$.kibana.alert.rule.name',
  "$['kibana.alert.rule.name']",
  '$[0]',
  '$[0].a',
  '$.#1',
  "$['a#1']",
  '$.a.b[1].d[2]',
  '$.x.y.`a',
  '$.x.y.z.`a',
  '$.`a.`b.`c',
  '$.`a.b.`c',
  '$.`q',
  '$.x.`q',
];

const DOCS: unknown[] = [
  { a: { b: [1, { c: 'x', d: [true, null, 2.5] }], e: 'text' }, t: 'title', n: 0, z: null, f: false, e: '', '`a': { x: 1, '`b': 2 }, a2: 1 },
  { '`a': 'raw', a: 'escaped', '@timestamp': '2024-01-01', '`@timestamp': 'raw-ts', '': 'empty key', $: 'dollar', 'odd key': 1, 'a.b': 2, '``a': 3, '`': 4 },
  {
    a: { $: 'inner dollar', b: 'str' },
    length: 7,
    x: { '`a': 'x-raw', '`q': 'x-raw only' },
    '`q': 'raw only',
    kibana: { alert: { rule: { name: 'nested' } } },
    'kibana.alert.rule.name': 'flat',
  },
  // Both a backtick step's name and its raw text present, at levels of either literal priority.
  {
    x: { '`a': 'raw', a: 'key', y: { '`a': 'raw2', a: 'key2', z: { '`a': 'raw3', a: 'key3' } } },
    '`a': { '`b': { '`c': 1, c: 2 }, b: { '`c': 3, c: 4 } },
    a: { '`b': { '`c': 5, c: 6 }, b: { '`c': 7, c: 8 } },
  },
  JSON.parse('{"__proto__": {"polluted": 1}, "constructor": "c", "toString": "s", "a#1": "hash"}'),
  [{ a: 1 }, [2, 'b'], 'text'],
  'a string',
  '',
  0,
  7,
  null,
  true,
  false,
  {},
  [],
];

test('property-step paths evaluate exactly as jsonpath-plus does, on every shape', () => {
  const paths = [...new Set([...EDGE_PATHS, ...presetPaths])];
  let compiledPaths = 0;
  for (const source of paths) {
    if (propertySteps(JSONPath.toPathArray(source))) compiledPaths += 1;
    for (const [i, doc] of DOCS.entries()) {
      assert.deepEqual(evaluate({ language: 'JSONPath', source }, doc), reference(source, doc), `${source} on document ${i}`);
      const places = selectPlaces(source, doc, 10_000);
      const expected = referencePlaces(source, doc);
      assert.equal(places.length, expected.length, `${source} on document ${i}: places`);
      for (const [k, p] of places.entries()) {
        assert.equal(p.parent, expected[k]!.parent, `${source} on document ${i}: parent ${k}`);
        assert.equal(String(p.parentProperty), String(expected[k]!.parentProperty), `${source} on document ${i}: key ${k}`);
      }
    }
  }
  // Nearly every preset path is a property path: the direct look-up is what events run.
  assert.ok(compiledPaths > paths.length * 0.8, `${compiledPaths} of ${paths.length} paths compiled`);
});

test('only property steps are compiled; the rest is left to jsonpath-plus', () => {
  const compiled = (source: string) => propertySteps(JSONPath.toPathArray(source)) !== null;
  for (const source of ['$', '$.a.b', "$.a['b.c'][0]", '$.`@timestamp', '$.a.length']) assert.ok(compiled(source), source);
  for (const source of ['$.a.*', '$..a', '$.a[0:2]', "$['a','b']", '$.a[?(@.b)]', '$.a^', '$.a~', '$.a.$', '$.a.@string()', '$[(@.length-1)]']) {
    assert.ok(!compiled(source), source);
  }
});
