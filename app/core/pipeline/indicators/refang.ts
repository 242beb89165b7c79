/**
 * Undoes the usual defanging of indicators in alert text: hxxp/hxxps/h[tt]p/fxp schemes, `[.]`, `(.)`,
 * `{.}`, `[dot]`, `(dot)`, `[@]`, `[at]`, `(at)`, `[:]`, `[://]`. Every pattern is bounded (no nested or
 * unbounded quantifiers around alternatives), so refanging is linear in the text; a rule runs only
 * when the text holds the character its pattern needs (plain replacement strings: V8's fast path).
 */
const RULES: ReadonlyArray<readonly [RegExp, string, RegExp]> = [
  [/\bhxxp(s?)(?::|\[:\])\/\//gi, 'http$1://', /xxp/i],
  [/\bh\[tt\]p(s?):\/\//gi, 'http$1://', /\[tt\]/i],
  [/\bfxp:\/\//gi, 'ftp://', /fxp/i],
  [/\[:\/\/\]/g, '://', /\[:/],
  [/\[:\]/g, ':', /\[:/],
  [/ ?[[({] {0,2}(?:\.|dot) {0,2}[\])}] ?/gi, '.', /[[({]/],
  [/ ?[[({] {0,2}(?:@|at) {0,2}[\])}] ?/gi, '@', /[[({]/],
];

/** None of the rules can match without one of these. */
const ANY = /[[({]|xxp|fxp/i;

export function refang(text: string): string {
  if (!ANY.test(text)) return text;
  let out = text;
  for (const [pattern, replacement, needs] of RULES) if (needs.test(out)) out = out.replace(pattern, replacement);
  return out;
}
