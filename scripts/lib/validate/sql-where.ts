/**
 * layout.json `display` clauses, checked the way tcex validate checks them: in SQLite itself. One
 * in-memory table whose TEXT columns are the install.json input names, then
 * `SELECT * FROM inputs WHERE <clause>` with double quotes removed; any SQLite error makes the clause
 * invalid, so the dialect is exactly SQLite's. sql.js is SQLite compiled to WebAssembly (a dev
 * dependency: validation runs at build time, never in the packaged app). The database lives in
 * memory only and is closed after each clause.
 */
import initSqlJs from 'sql.js';

export interface SqlProblem {
  kind: 'syntax' | 'unknown_column';
  /** SQLite's own message, e.g. `near "AND": syntax error` or `no such column: foo`. */
  message: string;
}

const SQL = await initSqlJs();

/** SQLite needs one column at least; a layout with no inputs still gets a table. */
const PLACEHOLDER_COLUMN = 'alert_intake_no_inputs';

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

function problemOf(err: unknown): SqlProblem {
  const message = err instanceof Error ? err.message : String(err);
  return { kind: /^no such column/.test(message) ? 'unknown_column' : 'syntax', message };
}

export function checkDisplayClause(clause: string, columns: ReadonlySet<string>): SqlProblem[] {
  const db = new SQL.Database();
  try {
    const names = columns.size > 0 ? [...columns] : [PLACEHOLDER_COLUMN];
    db.run(`CREATE TABLE inputs (${names.map((c) => `${quoteIdentifier(c)} TEXT`).join(', ')})`);
    let statements = 0;
    try {
      for (const statement of db.iterateStatements(`SELECT * FROM inputs WHERE ${clause.replace(/"/g, '')}`)) {
        statements += 1;
        if (statements > 1) {
          statement.free();
          return [{ kind: 'syntax', message: 'more than one statement' }];
        }
        statement.step();
        statement.free();
      }
    } catch (err) {
      return [problemOf(err)];
    }
    return [];
  } finally {
    db.close();
  }
}
