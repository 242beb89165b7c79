import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDisplayClause } from '../../../scripts/lib/validate/sql-where.js';

const cols = new Set(['auth_mode', 'verify_timestamp', 'dedupe_window']);

test('valid display clauses: whatever SQLite accepts as a WHERE over the input columns', () => {
  for (const clause of [
    "auth_mode IN ('HMAC Signature', 'GitHub') AND verify_timestamp = 'true'",
    "auth_mode = 'None'",
    "auth_mode != 'None' OR (dedupe_window > 0 AND NOT verify_timestamp = 'false')",
    "auth_mode NOT IN ('None')",
    "auth_mode LIKE 'HMAC%'",
    'dedupe_window IS NOT NULL',
    "auth_mode <> 'It''s'",
    '"auth_mode" = \'None\'',
    "lower(auth_mode) GLOB 'hmac*' AND dedupe_window BETWEEN 1 AND 60",
    "auth_mode = 'None';",
  ]) {
    assert.deepEqual(checkDisplayClause(clause, cols), [], clause);
  }
});

test("invalid clauses carry SQLite's message; unknown columns are named", () => {
  const cases: Array<[string, 'syntax' | 'unknown_column', RegExp]> = [
    ["auth_mode IN ('a'", 'syntax', /incomplete input|syntax error/],
    ["auth_mode = 'a", 'syntax', /unrecognized token|incomplete/],
    ["auth_mode 'a'", 'syntax', /syntax error/],
    ['', 'syntax', /incomplete input|syntax error/],
    ["auth_mode = 'a' AND", 'syntax', /incomplete input/],
    ["auth_mode = 'a'; DROP TABLE inputs", 'syntax', /more than one statement/],
    ["no_such = 'x'", 'unknown_column', /no such column: no_such/],
    ["nope('x')", 'syntax', /no such function/],
  ];
  for (const [clause, kind, message] of cases) {
    const problems = checkDisplayClause(clause, cols);
    assert.equal(problems[0]?.kind, kind, clause);
    assert.match(problems[0]!.message, message, clause);
  }
});

test('a layout with no inputs still gets a table; every column reference is then unknown', () => {
  assert.deepEqual(checkDisplayClause('1 = 1', new Set()), []);
  assert.equal(checkDisplayClause("auth_mode = 'x'", new Set())[0]?.kind, 'unknown_column');
});
