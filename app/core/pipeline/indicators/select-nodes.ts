/**
 * The places a preset's JSONPaths select in an item, as (parent container, key) pairs, so a single
 * walk of the item can tell in O(1) whether it is entering a selected subtree. Evaluated with the
 * project's JSONPath (expressions.ts: compiled once, jsonpath-plus semantics, scripts disabled); at
 * most MAX_MATCHES places per expression are kept; an expression that fails selects nothing.
 */
import { selectPlaces } from '../expressions.js';

const MAX_MATCHES = 10_000;

export interface Selection {
  /** The item itself is selected (`$`). */
  root: boolean;
  /** Nothing is selected below the root (lets a walk skip the look-ups). */
  empty: boolean;
  has(parent: object, key: string | number): boolean;
}

export function selectNodes(item: unknown, paths: readonly string[]): Selection {
  const places = new Map<object, Set<string>>();
  let root = false;
  if (item !== null && typeof item === 'object') {
    for (const path of paths) {
      for (const { parent, parentProperty } of selectPlaces(path, item, MAX_MATCHES)) {
        if (parent === null || parent === undefined || parentProperty === null) root = true;
        else if (typeof parent === 'object') {
          let keys = places.get(parent);
          if (!keys) places.set(parent, (keys = new Set()));
          keys.add(String(parentProperty));
        }
      }
    }
  }
  return { root, empty: places.size === 0, has: (parent, key) => places.get(parent)?.has(String(key)) ?? false };
}
