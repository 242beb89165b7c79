/**
 * Undoes the usual defanging of indicators in alert text: hxxp/hxxps/h[tt]p/fxp schemes, `[.]`, `(.)`,
 * `{.}`, `[dot]`, `(dot)`, `[@]`, `[at]`, `(at)`, `[:]`, `[://]`. The rules run one after the other,
 * each over the previous one's output, exactly as these global replacements would:
 *
 *   1. /\bhxxp(s?)(?::|\[:\])\/\//gi → 'http$1://'      5. /\[:\]/g → ':'
 *   2. /\bh\[tt\]p(s?):\/\//gi      → 'http$1://'      6. / ?[[({] {0,2}(?:\.|dot) {0,2}[\])}] ?/gi → '.'
 *   3. /\bfxp:\/\//gi               → 'ftp://'         7. / ?[[({] {0,2}(?:@|at) {0,2}[\])}] ?/gi  → '@'
 *   4. /\[:\/\/\]/g                 → '://'
 *
 * Each rule is a hand-written matcher (every one is a fixed-length or bounded shape, so a match is
 * decided in a few comparisons at one position) and a pass writes its output into one code-unit
 * buffer: V8's global regexp replace cost ~150 ns and some garbage per match, which on a text of
 * 200,000 `(.]` was most of the indicator scan (50 ms per MB). A rule runs only when the text holds the characters it needs.
 * (test/core/pipeline/indicators/refang.test.ts checks the matchers against those regexps.)
 */

/** [A-Za-z0-9_]: `\b` without the `u` flag. */
function isWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

/** `\b` before a word character at `p`. */
const boundaryBefore = (t: string, p: number) => p === 0 || !isWordChar(t.charCodeAt(p - 1));

/** The ASCII letter at `p`, case-insensitively (`lower` is the lower-case letter's code). */
const letterAt = (t: string, p: number, lower: number) => (t.charCodeAt(p) | 0x20) === lower;

/**
 * A matcher: where a match at `p` ends, or -1. The replacement is left in `replacement` (one
 * module variable rather than an object per match: a text can hold a million matches).
 */
type Matcher = (t: string, p: number) => number;
let replacement = '';

const H = 0x68;
const X = 0x78;
const P = 0x70;
const T = 0x74;
const F = 0x66;
const D = 0x64;
const O = 0x6f;
const A = 0x61;

/** `s` or `S` at `q` (the `(s?)` group, kept as written), else ''. */
const optionalS = (t: string, q: number) => (letterAt(t, q, 0x73) ? t[q]! : '');

/** Rule 1: `\bhxxp(s?)(?::|\[:\])\/\/` (i). */
const hxxp: Matcher = (t, p) => {
  if (!(letterAt(t, p, H) && letterAt(t, p + 1, X) && letterAt(t, p + 2, X) && letterAt(t, p + 3, P) && boundaryBefore(t, p))) return -1;
  const s = optionalS(t, p + 4);
  let q = p + 4 + s.length;
  if (t.charCodeAt(q) === 0x3a) q += 1;
  else if (t.startsWith('[:]', q)) q += 3;
  else return -1;
  if (!t.startsWith('//', q)) return -1;
  replacement = s === '' ? 'http://' : `http${s}://`;
  return q + 2;
};

/** Rule 2: `\bh\[tt\]p(s?):\/\/` (i). */
const hTTp: Matcher = (t, p) => {
  if (!(letterAt(t, p, H) && t.charCodeAt(p + 1) === 0x5b && letterAt(t, p + 2, T) && letterAt(t, p + 3, T) && t.charCodeAt(p + 4) === 0x5d)) return -1;
  if (!(letterAt(t, p + 5, P) && boundaryBefore(t, p))) return -1;
  const s = optionalS(t, p + 6);
  const q = p + 6 + s.length;
  if (!t.startsWith('://', q)) return -1;
  replacement = s === '' ? 'http://' : `http${s}://`;
  return q + 3;
};

/** Rule 3: `\bfxp:\/\/` (i). */
const fxp: Matcher = (t, p) => {
  if (!(letterAt(t, p, F) && letterAt(t, p + 1, X) && letterAt(t, p + 2, P) && t.startsWith('://', p + 3) && boundaryBefore(t, p))) return -1;
  replacement = 'ftp://';
  return p + 6;
};

/** Rules 4 and 5: a literal. */
const literal =
  (from: string, to: string): Matcher =>
  (t, p) => {
    if (!t.startsWith(from, p)) return -1;
    replacement = to;
    return p + from.length;
  };

const isOpen = (c: number) => c === 0x5b || c === 0x28 || c === 0x7b;
const isClose = (c: number) => c === 0x5d || c === 0x29 || c === 0x7d;

/** Up to two spaces from `q`: where they end. */
function twoSpaces(t: string, q: number): number {
  if (t.charCodeAt(q) === 0x20) q++;
  if (t.charCodeAt(q) === 0x20) q++;
  return q;
}

/**
 * Rules 6 and 7: ` ?[[({] {0,2}(?:SYMBOL|WORD) {0,2}[\])}] ?` (i), WORD two or three letters. Every
 * quantifier is followed by a character it cannot take, so the greedy reading is the only one.
 */
function bracketed(symbol: number, word: readonly number[], to: string): Matcher {
  const inner = (t: string, b: number): number => {
    if (!isOpen(t.charCodeAt(b))) return -1;
    let q = twoSpaces(t, b + 1);
    if (t.charCodeAt(q) === symbol) q++;
    else {
      for (let i = 0; i < word.length; i++) if (!letterAt(t, q + i, word[i]!)) return -1;
      q += word.length;
    }
    q = twoSpaces(t, q);
    if (!isClose(t.charCodeAt(q))) return -1;
    q++;
    return t.charCodeAt(q) === 0x20 ? q + 1 : q;
  };
  return (t, p) => {
    const end = t.charCodeAt(p) === 0x20 ? inner(t, p + 1) : inner(t, p);
    if (end >= 0) replacement = to;
    return end;
  };
}

/** Each rule: its matcher, the characters a match can start with, and what the text must hold for it to run at all. */
const RULES: ReadonlyArray<{ match: Matcher; first: string; needs: RegExp }> = [
  { match: hxxp, first: 'hH', needs: /xxp/i },
  { match: hTTp, first: 'hH', needs: /\[tt\]/i },
  { match: fxp, first: 'fF', needs: /fxp/i },
  { match: literal('[://]', '://'), first: '[', needs: /\[:/ },
  { match: literal('[:]', ':'), first: '[', needs: /\[:/ },
  { match: bracketed(0x2e, [D, O, T], '.'), first: ' [({', needs: /[[({]/ },
  { match: bracketed(0x40, [A, T], '@'), first: ' [({', needs: /[[({]/ },
];

const BEYOND_LATIN1 = /[^\u0000-\u00ff]/;

/**
 * One rule over the whole text, left to right, matches not overlapping (a global replace). The
 * output is written code unit by code unit into one buffer (no replacement is longer than what it
 * replaces, so the text's length is enough) and decoded once: no string per kept stretch.
 */
function applyRule(text: string, match: Matcher, first: string): string {
  const c0 = first.charCodeAt(0);
  const c1 = first.length > 1 ? first.charCodeAt(1) : c0;
  const c2 = first.length > 2 ? first.charCodeAt(2) : c0;
  const c3 = first.length > 3 ? first.charCodeAt(3) : c0;
  const n = text.length;
  let out: Uint8Array | Uint16Array | undefined;
  let w = 0;
  let kept = 0;
  for (let p = 0; p < n; ) {
    const c = text.charCodeAt(p);
    const end = c === c0 || c === c1 || c === c2 || c === c3 ? match(text, p) : -1;
    if (end < 0) {
      p++;
      continue;
    }
    out ??= BEYOND_LATIN1.test(text) ? new Uint16Array(n) : new Uint8Array(n);
    for (let i = kept; i < p; i++) out[w++] = text.charCodeAt(i);
    for (let i = 0; i < replacement.length; i++) out[w++] = replacement.charCodeAt(i);
    kept = p = end;
  }
  if (out === undefined) return text;
  for (let i = kept; i < n; i++) out[w++] = text.charCodeAt(i);
  const bytes = Buffer.from(out.buffer, out.byteOffset, w * out.BYTES_PER_ELEMENT);
  return out instanceof Uint16Array ? bytes.toString('utf16le') : bytes.toString('latin1');
}

/** None of the rules can match without one of these. */
const ANY = /[[({]|xxp|fxp/i;

export function refang(text: string): string {
  if (!ANY.test(text)) return text;
  let out = text;
  for (const rule of RULES) if (rule.needs.test(out)) out = applyRule(out, rule.match, rule.first);
  return out;
}
