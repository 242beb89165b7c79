import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkExpression, evaluate, firstValue } from '../../../app/core/pipeline/expressions.js';
import { parseTriggerSettings } from '../../../app/core/trigger/settings.js';
import { repoDeclaredInputs } from '../../../scripts/lib/repo-manifest.js';

test('expressions that parse but can never evaluate are refused, naming why', () => {
  for (const source of ['$..*[?(@property === "x")]', '$.items[?(@.severity)]', '$[(@.length-1)]']) {
    const problem = checkExpression({ language: 'JSONPath', source });
    assert.ok(problem && /never/.test(problem), `${source}: ${problem}`);
  }
  for (const source of ['no_such_function(a)', 'abs()', '$undefinedVariable']) {
    const problem = checkExpression({ language: 'JMESPath', source });
    assert.ok(problem && /never be evaluated/.test(problem), `${source}: ${problem}`);
  }
  // Data-dependent failures (a type error on some alerts) are allowed: they evaluate on others.
  for (const source of ['abs(severity)', 'alert.id', "contains(title, 'x')"]) assert.equal(checkExpression({ language: 'JMESPath', source }), null, source);
  for (const source of ['$.a.b', '$..id', '$.items[*].title', "$['odd key']"]) assert.equal(checkExpression({ language: 'JSONPath', source }), null, source);
});

test('CreateConfig names the input whose expression can never evaluate', () => {
  const r = parseTriggerSettings({ field_title: '$..*[?(@property === "title")]' }, repoDeclaredInputs());
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.errors.some((e) => e.startsWith('field_title: ')), JSON.stringify(!r.ok && r.errors));
  const c = parseTriggerSettings({ filter_condition: 'nope(alert)' }, repoDeclaredInputs());
  assert.ok(!c.ok && c.errors.some((e) => e.startsWith('filter_condition: ')));
});

test('compiled expressions evaluate the same as before, repeatedly', () => {
  const data = { a: { b: [1, 2] }, t: 'x', n: -3 };
  for (let i = 0; i < 3; i++) {
    assert.deepEqual(evaluate({ language: 'JSONPath', source: '$.a.b[*]' }, data), [1, 2]);
    assert.equal(evaluate({ language: 'JSONPath', source: '$.t' }, data), 'x');
    assert.equal(evaluate({ language: 'JMESPath', source: 'abs(n)' }, data), 3);
    assert.equal(evaluate({ language: 'JMESPath', source: 'abs(t)' }, data), undefined);
    assert.equal(
      firstValue(
        [
          { language: 'JSONPath', source: '$.missing' },
          { language: 'JMESPath', source: 't' },
        ],
        data,
      ),
      'x',
    );
  }
});
