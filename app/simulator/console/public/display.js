// layout.json `display` clauses (the WHERE part of a SQLite query over the input names), evaluated
// in the page: = == != <> < <= > >=, [NOT] IN (…), [NOT] LIKE, IS [NOT] NULL, AND, OR, NOT,
// parentheses, 'strings', numbers, TRUE/FALSE, names bare or "quoted". A clause that does not parse
// shows its input (never hides one by mistake) and the reason is returned for a tooltip.

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IN', 'LIKE', 'IS', 'NULL', 'TRUE', 'FALSE']);

function tokenize(src) {
  const toks = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i += 1; continue; }
    if (c === "'") {
      let j = i + 1;
      let v = '';
      for (;;) {
        if (j >= src.length) throw new Error('unterminated string');
        if (src[j] === "'") {
          if (src[j + 1] === "'") { v += "'"; j += 2; continue; }
          break;
        }
        v += src[j];
        j += 1;
      }
      toks.push({ t: 'str', v });
      i = j + 1;
      continue;
    }
    if (c === '"') {
      const j = src.indexOf('"', i + 1);
      if (j < 0) throw new Error('unterminated quoted name');
      toks.push({ t: 'id', v: src.slice(i + 1, j) });
      i = j + 1;
      continue;
    }
    const rest = src.slice(i);
    const num = /^-?\d+(\.\d+)?/.exec(rest);
    if (num) { toks.push({ t: 'num', v: Number(num[0]) }); i += num[0].length; continue; }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (word) {
      const up = word[0].toUpperCase();
      toks.push(KEYWORDS.has(up) ? { t: 'kw', v: up } : { t: 'id', v: word[0] });
      i += word[0].length;
      continue;
    }
    const op = /^(==|!=|<>|<=|>=|=|<|>)/.exec(rest);
    if (op) { toks.push({ t: 'op', v: op[0] }); i += op[0].length; continue; }
    if ('(),'.includes(c)) { toks.push({ t: c }); i += 1; continue; }
    throw new Error(`unexpected character ${c}`);
  }
  return toks;
}

function compare(a, op, b) {
  if (a === null || b === null) return null;
  const na = Number(a);
  const nb = Number(b);
  const numeric = a !== '' && b !== '' && !Number.isNaN(na) && !Number.isNaN(nb);
  const x = numeric ? na : String(a);
  const y = numeric ? nb : String(b);
  switch (op) {
    case '=': case '==': return x === y;
    case '!=': case '<>': return x !== y;
    case '<': return x < y;
    case '<=': return x <= y;
    case '>': return x > y;
    default: return x >= y;
  }
}

function like(value, pattern) {
  const re = new RegExp(`^${String(pattern).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.')}$`, 'is');
  return re.test(String(value));
}

/** Parses a clause into a function of the values (name → string, or null when unset). */
export function compileDisplay(clause) {
  const toks = tokenize(clause);
  let pos = 0;
  const peek = () => toks[pos];
  const isKw = (v) => peek() && peek().t === 'kw' && peek().v === v;
  const expect = (t) => {
    const tok = toks[pos];
    if (!tok || tok.t !== t) throw new Error(`expected ${t}`);
    pos += 1;
    return tok;
  };
  const or = () => {
    let left = and();
    while (isKw('OR')) { pos += 1; const l = left; const r = and(); left = (v) => l(v) === true || r(v) === true; }
    return left;
  };
  const and = () => {
    let left = not();
    while (isKw('AND')) { pos += 1; const l = left; const r = not(); left = (v) => l(v) === true && r(v) === true; }
    return left;
  };
  const not = () => {
    if (isKw('NOT')) { pos += 1; const inner = not(); return (v) => { const r = inner(v); return r === null ? null : !r; }; }
    return predicate();
  };
  const operand = () => {
    const tok = toks[pos];
    if (!tok) throw new Error('unexpected end');
    pos += 1;
    if (tok.t === 'str' || tok.t === 'num') return () => tok.v;
    if (tok.t === 'id') return (v) => (v[tok.v] === undefined ? null : v[tok.v]);
    if (tok.t === 'kw' && (tok.v === 'TRUE' || tok.v === 'FALSE')) return () => (tok.v === 'TRUE' ? 'true' : 'false');
    if (tok.t === 'kw' && tok.v === 'NULL') return () => null;
    throw new Error('expected a value');
  };
  const predicate = () => {
    if (peek() && peek().t === '(') { pos += 1; const inner = or(); expect(')'); return inner; }
    const left = operand();
    let negate = false;
    if (isKw('NOT')) { pos += 1; negate = true; }
    const flip = (f) => (v) => { const r = f(v); return r === null ? null : negate ? !r : r; };
    if (isKw('IN')) {
      pos += 1;
      expect('(');
      const items = [operand()];
      while (peek() && peek().t === ',') { pos += 1; items.push(operand()); }
      expect(')');
      return flip((v) => { const x = left(v); return x === null ? null : items.some((it) => compare(x, '=', it(v)) === true); });
    }
    if (isKw('LIKE')) { pos += 1; const right = operand(); return flip((v) => { const x = left(v); return x === null ? null : like(x, right(v)); }); }
    if (isKw('IS')) {
      pos += 1;
      let isNot = false;
      if (isKw('NOT')) { pos += 1; isNot = true; }
      if (!isKw('NULL')) throw new Error('expected NULL');
      pos += 1;
      return (v) => (left(v) === null) !== isNot;
    }
    if (negate) throw new Error('expected IN or LIKE after NOT');
    const tok = peek();
    if (!tok || tok.t !== 'op') return (v) => { const x = left(v); return x !== null && x !== '' && x !== 'false' && x !== '0'; };
    pos += 1;
    const right = operand();
    return (v) => compare(left(v), tok.v, right(v));
  };
  const fn = or();
  if (pos !== toks.length) throw new Error('unexpected text after the clause');
  return (values) => fn(values) === true;
}

/** True when the input with this clause is shown; a clause that does not parse shows it. */
export function isShown(clause, values) {
  if (!clause) return true;
  try {
    return compileDisplay(clause)(values);
  } catch {
    return true;
  }
}
