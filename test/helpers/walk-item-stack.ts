/**
 * The walk of walk-item.ts as it was before it became a recursion (an explicit stack of one frame
 * per value): the reference its replacement is checked against (test/core/pipeline/indicators/walk-item.test.ts).
 *
 * The strings of an alert item that are scanned for indicators, in document order, each with its JSON
 * path and whether a bare hex string in it is a file hash. Iterative (an explicit stack, so a deep item
 * cannot exhaust the call stack), bounded in nodes, strings and depth (items come from JSON, so there
 * are no cycles to track; a cyclic object is cut by the same bounds).
 *
 * Which strings (docs/indicators.md):
 * - `metadata` (key names, case-insensitive, any depth; or JSONPaths): those subtrees are skipped whole.
 * - `evidence` (JSONPaths): when given, only strings under the selected places are scanned; the rest of
 *   the item is walked only to find them. Absent: the whole item.
 * - Within what is scanned, the generic key rule (field-rules.ts) skips the tool's own ids, keys,
 *   versions, links and people. A place the preset selects as evidence is scanned whatever its key.
 * - Strings in `exclude` (the alert's own link and timestamp) are skipped.
 * - In a `{ name, value }` pair object (Azure Monitor dimensions, `{ Key, Value }` tags) the key rule
 *   reads the pair's name as the value's key (`UserPrincipalName` is an account: skipped).
 * - A string that is a CVE id is scanned under any key (`cve.id`): an id rule never hides a CVE.
 * - The string links under keys the preset declares metadata are the tool's own links (tool-hosts.ts).
 */
import { HASH_ALGORITHM, isMetadata, keyTraits, type KeyTraits } from '../../app/core/pipeline/indicators/field-rules.js';
import type { PathNode } from '../../app/core/pipeline/indicators/json-path.js';
import { selectNodes } from '../../app/core/pipeline/indicators/select-nodes.js';
import { ownKeys } from '../../app/core/pipeline/own-keys.js';
// The types and bounds are the walk's own: the oracle differs only in how it walks.
import {
  CVE_ID,
  isLeaf,
  namedPairKey,
  WALK_LIMITS,
  type ScanText,
  type ToolLink,
  type Walk,
  type WalkOptions,
} from '../../app/core/pipeline/indicators/walk-item.js';

/** A value to visit; it is also the path node of that value (one allocation per node). */
interface Frame extends PathNode {
  v: unknown;
  depth: number;
  scan: boolean;
  container: boolean;
  hashOk: boolean;
}

const MAX_CACHED_KEYS = 10_000;

/** Key traits, computed once per distinct key name of an item (real items repeat their keys a lot). */
function traitsCache(): (key: string) => KeyTraits {
  const cache = new Map<string, KeyTraits>();
  return (key) => {
    let t = cache.get(key);
    if (!t) {
      t = keyTraits(key);
      if (cache.size < MAX_CACHED_KEYS && key.length <= 256) cache.set(key, t);
    }
    return t;
  };
}

export function walkItem(item: unknown, o: WalkOptions): Walk {
  const traits = traitsCache();
  const metadata = o.metadata ?? [];
  const metaNames = new Set(metadata.filter((m) => !m.startsWith('$')).map((m) => m.toLowerCase()));
  const metaPaths = selectNodes(
    item,
    metadata.filter((m) => m.startsWith('$')),
  );
  const evidence = o.evidence && o.evidence.length > 0 ? selectNodes(item, o.evidence) : null;
  const out: ScanText[] = [];
  const links: ToolLink[] = [];
  // Everything is metadata, or evidence paths were given and select nothing: nothing to read.
  if (metaPaths.root || (evidence && !evidence.root && evidence.empty)) return { texts: out, links };
  const stack: Frame[] = [{ v: item, parent: null, seg: '$', depth: 0, scan: evidence ? evidence.root : true, container: false, hashOk: false }];
  let nodes = 0;
  while (stack.length > 0 && out.length < WALK_LIMITS.maxStrings && nodes++ < WALK_LIMITS.maxNodes) {
    const f = stack.pop()!;
    if (typeof f.v === 'string') {
      if (f.scan && f.v.length > 0 && !o.exclude?.has(f.v)) out.push({ text: f.v, path: f.depth === 0 ? null : f, hashes: f.hashOk ? 'any' : 'prose' });
      continue;
    }
    if (f.v === null || typeof f.v !== 'object' || f.depth >= WALK_LIMITS.maxDepth) continue;
    const parent = f.v;
    const depth = f.depth + 1;
    const up = f.depth === 0 ? null : f;
    // Never hold more frames than nodes left to visit: a huge array costs no more than the budget.
    const room = WALK_LIMITS.maxNodes - nodes - stack.length;
    if (room <= 0) continue;
    if (Array.isArray(parent)) {
      const selective = !metaPaths.empty || (evidence !== null && !evidence.empty);
      for (let i = Math.min(parent.length, room) - 1; i >= 0; i--) {
        const v = parent[i];
        if (!selective) {
          stack.push({ v, parent: up, seg: i, depth, scan: f.scan, container: f.container, hashOk: f.hashOk });
          continue;
        }
        if (!metaPaths.empty && metaPaths.has(parent, i)) continue;
        const explicit = evidence !== null && !evidence.empty && evidence.has(parent, i);
        stack.push({ v, parent: up, seg: i, depth, scan: f.scan || explicit, container: f.container, hashOk: f.hashOk || (explicit && typeof v === 'string') });
      }
      continue;
    }
    const obj = parent as Record<string, unknown>;
    const all = ownKeys(obj);
    const keys = all.length > room ? all.slice(0, room) : all;
    // `{ "algorithm": "SHA256", "value": "…" }`: the object's strings are hashes. (An algorithm key is
    // at most 16 characters: the length test keeps key traits from being computed for every key.)
    let algorithm = false;
    for (let i = 0; i < keys.length && !algorithm; i++) {
      const key = keys[i]!;
      const v = obj[key];
      algorithm = typeof v === 'string' && key.length <= 16 && HASH_ALGORITHM.test(v) && traits(key).algorithm;
    }
    // `{ "name": "UserPrincipalName", "value": "…" }` (Azure Monitor dimensions, tags): the name is the value's key.
    const pairName = namedPairKey(obj);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const v = obj[key];
      // Numbers, booleans and null hold no indicator: no traits, no frame (a body of many keys with
      // such values costs a look at each, nothing more).
      if (v === null || (typeof v !== 'string' && typeof v !== 'object')) continue;
      if ((!metaPaths.empty && metaPaths.has(obj, key)) || (metaNames.size > 0 && metaNames.has(key.toLowerCase()))) {
        // A link the preset declares metadata is the tool's own (Kibana `context.link`, Splunk `results_link`).
        if (typeof v === 'string' && v.includes('://') && links.length < WALK_LIMITS.maxLinks) links.push({ value: v, named: true });
        continue;
      }
      const explicit = evidence !== null && !evidence.empty && evidence.has(obj, key);
      const k = pairName !== null && (key === 'value' || key === 'Value') ? traits(pairName) : traits(key);
      const leaf = isLeaf(v);
      // A CVE id is an indicator wherever it sits (SCC `vulnerability.cve.id`): the id rule does not hide it.
      const cve = typeof v === 'string' && v.length <= 24 && CVE_ID.test(v);
      const scan = explicit || (f.scan && (cve || !isMetadata(k, leaf, f.container)));
      if (!scan && f.scan && !k.meta && typeof v === 'string' && links.length < WALK_LIMITS.maxLinks) links.push({ value: v, named: k.namedLink });
      if (!scan && !evidence) continue;
      const container = f.container || k.container;
      const hashOk = f.hashOk || algorithm || k.hash || container || (explicit && typeof v === 'string');
      stack.push({ v, parent: up, seg: key, depth, scan, container, hashOk });
    }
  }
  return { texts: out, links };
}
