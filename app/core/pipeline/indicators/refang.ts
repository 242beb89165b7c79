/**
 * Undoes the usual defanging of indicators in alert text: hxxp/hxxps/h[tt]p/fxp schemes, `[.]`, `(.)`,
 * `{.}`, `[dot]`, `(dot)`, `[@]`, `[at]`, `(at)`, `[:]`, `[://]`. Every pattern is bounded (no nested or
 * unbounded quantifiers around alternatives), so refanging is linear in the text; a rule runs only
 * when the text holds the character its pattern needs.
 *
 * Each rule is a global replacement, run one after the other over the previous one's output. The
 * patterns find the matches (`exec`), but the output is written here, code unit by code unit, into
 * one buffer: V8's own global `replace` cost ~150 ns and some garbage per match, which on a text of
 * 200,000 `(.]` was most of the indicator scan (50 ms per MB).
 */
const RULES: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray) => string, RegExp]> = [
  [/\bhxxp(s?)(?::|\[:\])\/\//gi, (m) => `http${m[1]}://`, /xxp/i],
  [/\bh\[tt\]p(s?):\/\//gi, (m) => `http${m[1]}://`, /\[tt\]/i],
  [/\bfxp:\/\//gi, () => 'ftp://', /fxp/i],
  [/\[:\/\/\]/g, () => '://', /\[:/],
  [/\[:\]/g, () => ':', /\[:/],
  [/ ?[[({] {0,2}(?:\.|dot) {0,2}[\])}] ?/gi, () => '.', /[[({]/],
  [/ ?[[({] {0,2}(?:@|at) {0,2}[\])}] ?/gi, () => '@', /[[({]/],
];

/** None of the rules can match without one of these. */
const ANY = /[[({]|xxp|fxp/i;
const BEYOND_LATIN1 = /[^\u0000-\u00ff]/;

/**
 * `text.replace(pattern, …)` for a global pattern whose matches are never empty and never longer
 * than what replaces them (true of every rule): the output fits in the text's length.
 */
function replaceAll(text: string, pattern: RegExp, replacement: (m: RegExpExecArray) => string): string {
  pattern.lastIndex = 0;
  let m = pattern.exec(text);
  if (m === null) return text;
  const n = text.length;
  const out = BEYOND_LATIN1.test(text) ? new Uint16Array(n) : new Uint8Array(n);
  let w = 0;
  let kept = 0;
  for (; m !== null; m = pattern.exec(text)) {
    for (let i = kept; i < m.index; i++) out[w++] = text.charCodeAt(i);
    const r = replacement(m);
    for (let i = 0; i < r.length; i++) out[w++] = r.charCodeAt(i);
    kept = m.index + m[0].length;
  }
  for (let i = kept; i < n; i++) out[w++] = text.charCodeAt(i);
  const bytes = Buffer.from(out.buffer, out.byteOffset, w * out.BYTES_PER_ELEMENT);
  return out instanceof Uint16Array ? bytes.toString('utf16le') : bytes.toString('latin1');
}

export function refang(text: string): string {
  if (!ANY.test(text)) return text;
  let out = text;
  for (const [pattern, replacement, needs] of RULES) if (needs.test(out)) out = replaceAll(out, pattern, replacement);
  return out;
}
