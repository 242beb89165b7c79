/** Undoes the usual defanging of indicators in alert text: hxxp, [.], (dot), [@], [:] … */
const RULES: Array<[RegExp, string]> = [
  [/\bhxxp(s?):\/\//gi, 'http$1://'],
  [/\bhxxp(s?)\[:\]\/\//gi, 'http$1://'],
  [/\bh\[tt\]p(s?):\/\//gi, 'http$1://'],
  [/\bfxp:\/\//gi, 'ftp://'],
  [/\[:\/\/\]/g, '://'],
  [/\[:\]/g, ':'],
  [/\s?[[({]\s*(?:\.|dot)\s*[\])}]\s?/gi, '.'],
  [/\s?[[({]\s*(?:@|at)\s*[\])}]\s?/gi, '@'],
];

export function refang(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
