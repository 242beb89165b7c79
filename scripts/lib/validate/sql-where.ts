/**
 * A small, safe parser for layout.json `display` clauses: the WHERE part of a SQLite query over one
 * table whose columns are the input names (tcex runs them in SQLite). Supports the subset apps use:
 * = == != <> < <= > >=, IN (…), NOT IN, LIKE, IS [NOT] NULL, AND, OR, NOT, parentheses, string and
 * number literals, column names (bare or "double-quoted"). Reports syntax errors with a position
 * and unknown columns. Nothing is executed.
 */
export interface SqlProblem {
  kind: 'syntax' | 'unknown_column';
  message: string;
  position: number;
}

type Tok = { t: 'str' | 'num' | 'id' | 'op' | 'lp' | 'rp' | 'comma' | 'kw'; v: string; pos: number };

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IN', 'LIKE', 'IS', 'NULL', 'TRUE', 'FALSE']);

function tokenize(src: string): Tok[] | SqlProblem {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'") {
      let j = i + 1;
      let v = '';
      for (;;) {
        if (j >= src.length) return { kind: 'syntax', message: 'unterminated string literal', position: i };
        if (src[j] === "'") {
          if (src[j + 1] === "'") {
            v += "'";
            j += 2;
            continue;
          }
          break;
        }
        v += src[j];
        j++;
      }
      toks.push({ t: 'str', v, pos: i });
      i = j + 1;
      continue;
    }
    if (c === '"') {
      const j = src.indexOf('"', i + 1);
      if (j < 0) return { kind: 'syntax', message: 'unterminated quoted identifier', position: i };
      toks.push({ t: 'id', v: src.slice(i + 1, j), pos: i });
      i = j + 1;
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(src.slice(i));
    if (num) {
      toks.push({ t: 'num', v: num[0], pos: i });
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (word) {
      const up = word[0].toUpperCase();
      toks.push(KEYWORDS.has(up) ? { t: 'kw', v: up, pos: i } : { t: 'id', v: word[0], pos: i });
      i += word[0].length;
      continue;
    }
    const op = /^(==|!=|<>|<=|>=|=|<|>)/.exec(src.slice(i));
    if (op) {
      toks.push({ t: 'op', v: op[0], pos: i });
      i += op[0].length;
      continue;
    }
    if (c === '(') toks.push({ t: 'lp', v: c, pos: i });
    else if (c === ')') toks.push({ t: 'rp', v: c, pos: i });
    else if (c === ',') toks.push({ t: 'comma', v: c, pos: i });
    else return { kind: 'syntax', message: `unexpected character ${JSON.stringify(c)}`, position: i };
    i++;
  }
  return toks;
}

/** Problems in a clause; [] when it is valid and every column is known. */
export function checkDisplayClause(clause: string, columns: ReadonlySet<string>): SqlProblem[] {
  // tcex strips double quotes before running the query; a quoted name is still a column name.
  const toks = tokenize(clause);
  if (!Array.isArray(toks)) return [toks];
  const problems: SqlProblem[] = [];
  let p = 0;
  const peek = () => toks[p];
  const fail = (message: string): never => {
    throw { kind: 'syntax', message, position: peek()?.pos ?? clause.length } satisfies SqlProblem;
  };
  const expectKw = (kw: string) => {
    const t = peek();
    if (t?.t !== 'kw' || t.v !== kw) fail(`expected ${kw}`);
    p++;
  };
  const value = () => {
    const t = peek();
    if (!t) fail('expected a value');
    if (t!.t === 'str' || t!.t === 'num' || (t!.t === 'kw' && ['NULL', 'TRUE', 'FALSE'].includes(t!.v))) {
      p++;
      return;
    }
    if (t!.t === 'id') {
      if (!columns.has(t!.v)) problems.push({ kind: 'unknown_column', message: `unknown input ${JSON.stringify(t!.v)}`, position: t!.pos });
      p++;
      return;
    }
    fail('expected a value');
  };
  const comparison = (): void => {
    const t = peek();
    if (t?.t === 'kw' && t.v === 'NOT') {
      p++;
      return comparison();
    }
    if (t?.t === 'lp') {
      p++;
      disjunction();
      if (peek()?.t !== 'rp') fail('expected )');
      p++;
      return;
    }
    value();
    const next = peek();
    if (!next || next.t === 'rp' || (next.t === 'kw' && (next.v === 'AND' || next.v === 'OR'))) return;
    if (next.t === 'op') {
      p++;
      value();
      return;
    }
    if (next.t === 'kw' && next.v === 'IS') {
      p++;
      if (peek()?.t === 'kw' && peek()!.v === 'NOT') p++;
      expectKw('NULL');
      return;
    }
    if (next.t === 'kw' && next.v === 'NOT') p++;
    const kw = peek();
    if (kw?.t === 'kw' && kw.v === 'LIKE') {
      p++;
      value();
      return;
    }
    if (kw?.t === 'kw' && kw.v === 'IN') {
      p++;
      if (peek()?.t !== 'lp') fail('expected ( after IN');
      p++;
      value();
      while (peek()?.t === 'comma') {
        p++;
        value();
      }
      if (peek()?.t !== 'rp') fail('expected ) to close IN');
      p++;
      return;
    }
    fail('expected an operator, IN, LIKE or IS');
  };
  const conjunction = () => {
    comparison();
    while (peek()?.t === 'kw' && peek()!.v === 'AND') {
      p++;
      comparison();
    }
  };
  const disjunction = () => {
    conjunction();
    while (peek()?.t === 'kw' && peek()!.v === 'OR') {
      p++;
      conjunction();
    }
  };
  try {
    if (toks.length === 0) fail('empty clause');
    disjunction();
    if (p < toks.length) fail(`unexpected ${JSON.stringify(peek()!.v)}`);
  } catch (e) {
    return [e as SqlProblem, ...problems];
  }
  return problems;
}
