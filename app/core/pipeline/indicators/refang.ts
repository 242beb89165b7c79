/**
 * Undoes the usual defanging of indicators in alert text: hxxp/hxxps/h[tt]p/fxp schemes, `[.]`, `(.)`,
 * `{.}`, `[dot]`, `(dot)`, `[@]`, `[at]`, `(at)`, `[:]`, `[://]`. Every pattern is bounded (no nested or
 * unbounded quantifiers around alternatives), so refanging is linear in the text.
 */
const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bhxxp(s?)(?::|\[:\])\/\//gi, 'http$1://'],
  [/\bh\[tt\]p(s?):\/\//gi, 'http$1://'],
  [/\bfxp:\/\//gi, 'ftp://'],
  [/\[:\/\/\]/g, '://'],
  [/\[:\]/g, ':'],
  [/ ?[[({] {0,2}(?:\.|dot) {0,2}[\])}] ?/gi, '.'],
  [/ ?[[({] {0,2}(?:@|at) {0,2}[\])}] ?/gi, '@'],
];

export function refang(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
