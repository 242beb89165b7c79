/** Small, total helpers the presets use to recognise a payload's shape (Auto-detect). */
import type { NameValue } from '../../protocol/messages.js';
import { headerValue } from '../pipeline/headers.js';

export const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The value at a key path, or undefined; never throws. */
export function at(v: unknown, ...keys: string[]): unknown {
  let cur = v;
  for (const k of keys) {
    if (!isRecord(cur) || !Object.prototype.hasOwnProperty.call(cur, k)) return undefined;
    cur = cur[k];
  }
  return cur;
}

export const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';

/** The first element of an array at a key path, or undefined. */
export function first(v: unknown, ...keys: string[]): unknown {
  const a = at(v, ...keys);
  return Array.isArray(a) ? a[0] : undefined;
}

export const header = (headers: readonly NameValue[], name: string): string => (headerValue(headers, name) ?? '').trim().toLowerCase();
