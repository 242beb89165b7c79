/*
 * Plain JSONPaths evaluated natively select exactly what jsonpath-plus selects, in its order, on
 * generated documents and on every path the presets use; anything not plain is left to jsonpath-plus.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSONPath } from 'jsonpath-plus';
import { evaluatePlain, noteJsonText, plainSteps } from '../../../app/core/pipeline/plain-path.js';
import { PRESETS } from '../../../app/core/presets/index.js';

const NAMES = ['a', 'b', 'severity', 'priority', 'name', 'length', '0', '1'];

/** A deterministic pseudo-random document (objects, arrays, strings, numbers, null, booleans). */
function documentOf(seed: number): unknown {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const build = (depth: number): unknown => {
    const r = next();
    if (depth > 4 || r < 0.3) return [null, true, 0, 7, '', 'text', 'ab'][Math.floor(next() * 7)];
    if (r < 0.55) return Array.from({ length: Math.floor(next() * 4) }, () => build(depth + 1));
    const o: Record<string, unknown> = {};
    for (let i = Math.floor(next() * 4); i > 0; i--) o[NAMES[Math.floor(next() * NAMES.length)]!] = build(depth + 1);
    return o;
  };
  return build(0);
}

const PATHS = ['$', '$.a', '$.a.b', '$.a[0]', '$.a.length', '$..severity', '$..priority.name', '$..a..b', '$.b..name', '$..0', '$..length', "$['a']['b']"];
const preset = PRESETS.flatMap((p) => [
  ...Object.values(p.fields).flat(),
  ...p.severity.map((c) => c.path),
  ...(p.items ?? []),
  ...(p.status?.paths ?? []),
  ...(p.dedupe ?? []),
]);

test('plain paths select what jsonpath-plus selects, in the same order', () => {
  for (const path of [...PATHS, ...preset]) {
    const steps = plainSteps(JSONPath.toPathArray(path));
    if (!steps) continue;
    for (let seed = 1; seed <= 300; seed++) {
      const doc = documentOf(seed);
      const all = JSONPath({ path, json: doc as object, eval: false, wrap: true }) ?? [];
      assert.deepEqual(evaluatePlain(steps, doc), all, `${path} on ${JSON.stringify(doc)}`);
      assert.deepEqual(evaluatePlain(steps, doc, 2), all.slice(0, 2), `${path} on ${JSON.stringify(doc)}, at most 2`);
    }
    for (const doc of ['text', 0, null, [], {}, [[{ severity: 1 }]], { severity: { severity: 2 } }]) {
      assert.deepEqual(evaluatePlain(steps, doc), JSONPath({ path, json: doc as object, eval: false, wrap: true }) ?? [], `${path} on ${JSON.stringify(doc)}`);
    }
  }
});

test('wildcards, filters, unions, slices, escapes and parent selectors are not plain', () => {
  for (const path of ['$.*', '$..*', '$.a[?(@.b)]', '$[a,b]', '$.a[0:2]', '$.`@timestamp', '$.a^', '$.a~', '$..']) {
    assert.equal(plainSteps(JSONPath.toPathArray(path)), null, path);
  }
});

test('a descent over a deep document stays linear and never overflows the stack', () => {
  let deep: unknown = { severity: 'high' };
  for (let i = 0; i < 5000; i++) deep = { a: deep };
  const steps = plainSteps(JSONPath.toPathArray('$..severity'))!;
  assert.deepEqual(evaluatePlain(steps, deep), []); // deeper than the descent goes: nothing, never a throw
  assert.deepEqual(evaluatePlain(plainSteps(JSONPath.toPathArray('$..nothing'))!, deep), []);
});

test('a document noted with its JSON text selects what jsonpath-plus selects (the text answers for absent names)', () => {
  for (const path of [...PATHS, ...preset]) {
    const steps = plainSteps(JSONPath.toPathArray(path));
    if (!steps) continue;
    for (let seed = 1; seed <= 150; seed++) {
      const text = JSON.stringify(documentOf(seed));
      const doc: unknown = JSON.parse(text);
      noteJsonText(text, [doc]);
      assert.deepEqual(evaluatePlain(steps, doc), JSONPath({ path, json: doc as object, eval: false, wrap: true }) ?? [], `${path} on ${text}`);
    }
  }
  // A name only as a value; a key spelt with an escape (such a text is not noted).
  const valueOnly = '{"a":"severity","b":["priority"]}';
  const escaped = String.raw`{"a":{"sev\u0065rity":"high"}}`;
  for (const text of [valueOnly, escaped]) {
    const doc: unknown = JSON.parse(text);
    noteJsonText(text, [doc]);
    const steps = plainSteps(JSONPath.toPathArray('$..severity'))!;
    assert.deepEqual(evaluatePlain(steps, doc), JSONPath({ path: '$..severity', json: doc as object, eval: false, wrap: true }) ?? [], text);
  }
});
