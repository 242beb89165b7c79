/**
 * application/x-www-form-urlencoded → a null-prototype record; repeated names become arrays, and
 * prototype-reaching names are dropped. URLSearchParams decodes leniently (a stray % stays literal).
 */
import { UNSAFE_KEYS } from './safe-json.js';

export const MAX_FORM_FIELDS = 1000;

export function parseForm(text: string): Record<string, string | string[]> {
  const form = Object.create(null) as Record<string, string | string[]>;
  let count = 0;
  for (const [k, v] of new URLSearchParams(text)) {
    if (++count > MAX_FORM_FIELDS) break;
    if (UNSAFE_KEYS.has(k)) continue;
    const prev = form[k];
    if (prev === undefined) form[k] = v;
    else if (Array.isArray(prev)) prev.push(v);
    else form[k] = [prev, v];
  }
  return form;
}
