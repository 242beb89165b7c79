/**
 * The SHA-256 of an alert item's JSON text, computed once per item: the generated alert id and the
 * dedupe key of an item without an id both hash the whole item, which for a large alert costs more
 * than the rest of its normalisation. Items are never modified after parsing, so the digest is kept
 * per object (a WeakMap: it goes with the item).
 */
import { sha256 } from './sha256.js';

const digests = new WeakMap<object, string>();

const hashText = (text: string) => sha256(text);

/** Hex SHA-256 of `JSON.stringify(item)` ('' for what JSON cannot hold). */
export function itemDigest(item: unknown): string {
  if (item === null || typeof item !== 'object') return hashText(JSON.stringify(item) ?? '');
  let digest = digests.get(item);
  if (digest === undefined) {
    digest = hashText(JSON.stringify(item));
    digests.set(item, digest);
  }
  return digest;
}

/**
 * When an item is the whole request body, its JSON text is already at hand: its hash stands for the
 * item's digest, sparing a JSON.stringify of a large alert (the same digest for a compact body; a
 * pretty-printed one hashes as sent, which is as stable for one sender).
 */
export function seedItemDigest(item: unknown, text: string): void {
  if (item !== null && typeof item === 'object' && !digests.has(item)) digests.set(item, hashText(text));
}
