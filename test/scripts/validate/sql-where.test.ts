import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDisplayClause } from '../../../scripts/lib/validate/sql-where.js';

const cols = new Set(['auth_mode', 'verify_timestamp', 'dedupe_window']);

test('valid display clauses of the subset tcex runs in SQLite', () => {
  for (const clause of [
    "auth_mode IN ('HMAC Signature', 'GitHub') AND verify_timestamp = 'true'",
    "auth_mode = 'None'",
    "auth_mode != 'None' OR (dedupe_window > 0 AND NOT verify_timestamp = 'false')",
    "auth_mode NOT IN ('None')",
    "auth_mode LIKE 'HMAC%'",
    'dedupe_window IS NOT NULL',
    "auth_mode <> 'It''s'",
  ]) {
    assert.deepEqual(checkDisplayClause(clause, cols), [], clause);
  }
});

test('syntax errors carry a position; unknown columns are named', () => {
  const cases: Array<[string, string]> = [
    ["auth_mode IN ('a'", 'syntax'],
    ["auth_mode = 'a", 'syntax'],
    ["auth_mode 'a'", 'syntax'],
    ['', 'syntax'],
    ["auth_mode = 'a' AND", 'syntax'],
    ["auth_mode = 'a'; DROP TABLE x", 'syntax'],
    ["no_such = 'x'", 'unknown_column'],
  ];
  for (const [clause, kind] of cases) {
    const problems = checkDisplayClause(clause, cols);
    assert.equal(problems[0]?.kind, kind, clause);
    assert.ok(problems[0]!.position >= 0);
  }
});
