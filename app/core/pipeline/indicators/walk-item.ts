/**
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
import { HASH_ALGORITHM, isMetadata, keyTraits, type KeyTraits } from './field-rules.js';
import type { PathNode } from './json-path.js';
import { selectNodes, type Selection } from './select-nodes.js';
import { ownKeys } from '../own-keys.js';

export interface ScanText {
  text: string;
  path: PathNode | null;
  /** `any`: a bare hex string is a hash; `prose`: only in text with white space or after a hash label. */
  hashes: 'any' | 'prose';
}

/** A link the key rule skipped (the tool's own): its host tells the tool's own host (tool-hosts.ts). */
export interface ToolLink {
  value: string;
  /** Under a key that names what it links to (`generatorURL`), not a bare `url`. */
  named: boolean;
}

export interface Walk {
  texts: ScanText[];
  links: ToolLink[];
}

export interface WalkOptions {
  evidence?: readonly string[] | undefined;
  metadata?: readonly string[] | undefined;
  exclude?: ReadonlySet<string> | undefined;
}

export const WALK_LIMITS = { maxNodes: 500_000, maxStrings: 10_000, maxDepth: 64, maxLinks: 200 };

/** A string, a number, … or an array of those: the link rule reads such values as links. */
export function isLeaf(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return true;
  if (!Array.isArray(v)) return false;
  const n = Math.min(v.length, 16);
  for (let i = 0; i < n; i++) if (v[i] !== null && typeof v[i] === 'object') return false;
  return true;
}

const MAX_CACHED_KEYS = 10_000;
export const CVE_ID = /^CVE-\d{4}-\d{4,7}$/i;

/** The `name` (or `Key`) of a `{ name, value }` pair object, when it has a `value`; else null. */
export function namedPairKey(obj: Record<string, unknown>): string | null {
  if (!('value' in obj || 'Value' in obj)) return null;
  const n = obj['name'] ?? obj['Name'] ?? obj['key'] ?? obj['Key'];
  return typeof n === 'string' && n.length > 0 && n.length <= 128 ? n : null;
}

/**
 * Key traits, computed once per distinct key name (real items repeat their keys a lot, and so do
 * the items of a batch and the alerts of one sender): kept for the process, at most
 * MAX_CACHED_KEYS names (the cache starts over when full; a long key is never kept).
 */
const cachedTraits = new Map<string, KeyTraits>();
function traits(key: string): KeyTraits {
  let t = cachedTraits.get(key);
  if (!t) {
    t = keyTraits(key);
    if (key.length <= 256) {
      if (cachedTraits.size >= MAX_CACHED_KEYS) cachedTraits.clear();
      cachedTraits.set(key, t);
    }
  }
  return t;
}

/** How a value is read: inherited from its parent and its key. */
const SCAN = 1;
const CONTAINER = 2;
const HASH_OK = 4;

/**
 * One walk's state. The walk is a depth-first recursion (at most WALK_LIMITS.maxDepth deep) in
 * document order, with no object per visited value: a value's path node is made only when a string
 * under it is kept (`pathAt`, per depth). The budgets are those of an explicit stack holding each
 * visited container's children: `pending` counts the children not yet visited, and a container's
 * children are cut to the nodes left (`room`), so a huge array costs no more than the budget.
 *
 * A class rather than closures made per walk: its methods are the same functions for every alert,
 * so the optimised code of the recursion (`visit` calling itself) stays valid from one alert to the
 * next. With a closure per walk, each alert's `visit` was a new function, its optimised code was
 * dropped (V8: "wrong call target") and long stretches of walks ran in slower code: the walk of
 * 1 MB of nested arrays took ~12 or ~50 ms CPU by turns; now 11–15 ms every time.
 */
class Walker {
  nodes = 0;
  pending = 0;
  stopped = false;
  /** Strings kept (counted against maxStrings). */
  strings = 0;
  readonly maxNodes: number;
  readonly maxStrings: number;
  readonly maxDepth: number;
  readonly segAt: Array<string | number> = [];
  readonly pathAt: Array<PathNode | undefined> = [];
  /** Per depth, the flags of the children of the container being visited there (-1: not visited). */
  readonly flagsAt: number[][] = [];
  /** Per depth, the values of the object being visited there. */
  readonly valuesAt: unknown[][] = [];
  /** The texts kept per hash reading. */
  readonly keptAny = new Set<string>();
  readonly keptProse = new Set<string>();
  readonly out: ScanText[] = [];
  readonly links: ToolLink[] = [];
  readonly someEvidence: boolean;
  readonly selective: boolean;

  constructor(
    readonly metaNames: ReadonlySet<string>,
    readonly metaPaths: Selection,
    readonly evidence: Selection | null,
    readonly exclude: ReadonlySet<string> | undefined,
  ) {
    this.someEvidence = evidence !== null && !evidence.empty;
    this.selective = !metaPaths.empty || this.someEvidence;
    this.maxNodes = WALK_LIMITS.maxNodes;
    this.maxStrings = WALK_LIMITS.maxStrings;
    this.maxDepth = WALK_LIMITS.maxDepth;
  }

  pathOf(depth: number): PathNode {
    const { pathAt, segAt } = this;
    let d = depth;
    while (d > 1 && pathAt[d - 1] === undefined) d--;
    for (; d <= depth; d++) pathAt[d] = { parent: d > 1 ? pathAt[d - 1]! : null, seg: segAt[d]! };
    return pathAt[depth]!;
  }

  /** Is the budget left for one more value? (Counts it, as a pop from the stack would.) */
  next(): boolean {
    if (this.stopped || this.strings >= this.maxStrings || !(this.nodes++ < this.maxNodes)) this.stopped = true;
    return !this.stopped;
  }

  /** The flags of the child `key` (value `v`) of an object read with `flags`, or -1 when it is not visited. */
  childFlags(obj: Record<string, unknown>, key: string, v: unknown, flags: number, algorithm: boolean, pairName: string | null): number {
    const evidence = this.evidence;
    const explicit = this.someEvidence && evidence!.has(obj, key);
    const k = pairName !== null && (key === 'value' || key === 'Value') ? traits(pairName) : traits(key);
    const leaf = isLeaf(v);
    const inContainer = (flags & CONTAINER) !== 0;
    const scanning = (flags & SCAN) !== 0;
    // A CVE id is an indicator wherever it sits (SCC `vulnerability.cve.id`): the id rule does not hide it.
    const cve = typeof v === 'string' && v.length <= 24 && CVE_ID.test(v);
    const scan = explicit || (scanning && (cve || !isMetadata(k, leaf, inContainer)));
    if (!scan && scanning && !k.meta && typeof v === 'string' && this.links.length < WALK_LIMITS.maxLinks) this.links.push({ value: v, named: k.namedLink });
    if (!scan && !evidence) return -1;
    const container = inContainer || k.container;
    const hashOk = (flags & HASH_OK) !== 0 || algorithm || k.hash || container || (explicit && typeof v === 'string');
    return (scan ? SCAN : 0) | (container ? CONTAINER : 0) | (hashOk ? HASH_OK : 0);
  }

  /** Is the child `key` of `obj` skipped as metadata (its link, if any, kept as the tool's)? */
  metadataChild(obj: object, key: string, v: unknown): boolean {
    if ((!this.metaPaths.empty && this.metaPaths.has(obj, key)) || (this.metaNames.size > 0 && this.metaNames.has(key.toLowerCase()))) {
      // A link the preset declares metadata is the tool's own (Kibana `context.link`, Splunk `results_link`).
      if (typeof v === 'string' && v.includes('://') && this.links.length < WALK_LIMITS.maxLinks) this.links.push({ value: v, named: true });
      return true;
    }
    return false;
  }

  visitString(v: string, depth: number, flags: number): void {
    if ((flags & SCAN) === 0 || v.length === 0 || this.exclude?.has(v)) return;
    this.strings++;
    // The same text read the same way again yields nothing new (extractFrom reads each once):
    // it counts against the budget, but gets no path (a deep item's paths are its largest cost).
    const kept = (flags & HASH_OK) !== 0 ? this.keptAny : this.keptProse;
    if (kept.has(v)) return;
    kept.add(v);
    this.out.push({ text: v, path: depth === 0 ? null : this.pathOf(depth), hashes: (flags & HASH_OK) !== 0 ? 'any' : 'prose' });
  }

  visit(v: unknown, depth: number, flags: number): void {
    if (typeof v === 'string') {
      this.visitString(v, depth, flags);
      return;
    }
    if (v === null || typeof v !== 'object' || depth >= this.maxDepth) return;
    // Never hold more children than nodes left to visit.
    const room = this.maxNodes - this.nodes - this.pending;
    if (room <= 0) return;
    if (!Array.isArray(v)) this.visitObject(v as Record<string, unknown>, depth, flags, room);
    else if (this.selective) this.visitArraySelective(v, depth, flags, room);
    else {
      // Every element read with the array's flags (no metadata path, no evidence): the loop of a
      // deep or wide array (its cost per element is most of such a body's walk) without the
      // look-ups, here rather than in a method of its own (one call per level of a deep array).
      const childDepth = depth + 1;
      const n = Math.min(v.length, room);
      const { maxNodes, maxStrings, segAt, pathAt } = this;
      this.pending += n;
      for (let i = 0; i < n; i++) {
        this.pending--;
        if (this.stopped || this.strings >= maxStrings || this.nodes++ >= maxNodes) {
          this.stopped = true;
          return;
        }
        const x: unknown = v[i];
        // Numbers, booleans and null hold no indicator: counted, not visited.
        if (x === null || (typeof x !== 'string' && typeof x !== 'object')) continue;
        segAt[childDepth] = i;
        pathAt[childDepth] = undefined;
        this.visit(x, childDepth, flags);
      }
    }
  }

  /** An array where metadata paths or evidence may select elements. */
  visitArraySelective(v: readonly unknown[], depth: number, flags: number, room: number): void {
    const childDepth = depth + 1;
    const n = Math.min(v.length, room);
    const { metaPaths, evidence, someEvidence } = this;
    // Elements the metadata paths select are skipped (only then is each one looked up).
    const skips = !metaPaths.empty;
    let count = n;
    if (skips) for (let i = 0; i < n; i++) if (metaPaths.has(v, i)) count--;
    this.pending += count;
    for (let i = 0; i < n && !this.stopped; i++) {
      if (skips && metaPaths.has(v, i)) continue;
      const x: unknown = v[i];
      const explicit = someEvidence && evidence!.has(v, i);
      const childFlags = flags | (explicit ? SCAN : 0) | (explicit && typeof x === 'string' ? HASH_OK : 0);
      this.pending--;
      if (!this.next()) return;
      this.segAt[childDepth] = i;
      this.pathAt[childDepth] = undefined;
      this.visit(x, childDepth, childFlags);
    }
  }

  visitObject(obj: Record<string, unknown>, depth: number, flags: number, room: number): void {
    const childDepth = depth + 1;
    const all = ownKeys(obj);
    const n = Math.min(all.length, room);
    // Each value is read once (a property read by a key held in a variable is the costly part of
    // a small object's visit) into this depth's array, which the two passes below read.
    const values = (this.valuesAt[depth] ??= []);
    // `{ "algorithm": "SHA256", "value": "…" }`: the object's strings are hashes. (An algorithm key is
    // at most 16 characters: the length test keeps key traits from being computed for every key.)
    let algorithm = false;
    // Whether `namedPairKey` can find a pair (it asks for a `value` or `Value` key; JSON objects
    // inherit none): only then is it asked, or when some keys are past the budget and unseen.
    let pairKey = n < all.length;
    for (let i = 0; i < n; i++) {
      const key = all[i]!;
      const x = obj[key];
      values[i] = x;
      if (!algorithm && typeof x === 'string' && key.length <= 16 && HASH_ALGORITHM.test(x)) algorithm = traits(key).algorithm;
      if (key === 'value' || key === 'Value') pairKey = true;
    }
    // `{ "name": "UserPrincipalName", "value": "…" }` (Azure Monitor dimensions, tags): the name is the value's key.
    const pairName = pairKey ? namedPairKey(obj) : null;
    // First the children's decisions, last key first (the links the key rule skips are collected in
    // that order), counting the children that are visited; then the visits, in key order.
    const decided = (this.flagsAt[depth] ??= []);
    let count = 0;
    for (let i = n - 1; i >= 0; i--) {
      const key = all[i]!;
      const x = values[i];
      decided[i] = -1;
      // Numbers, booleans and null hold no indicator: no traits, no visit (a body of many keys with
      // such values costs a look at each, nothing more).
      if (x === null || (typeof x !== 'string' && typeof x !== 'object')) continue;
      if (this.metadataChild(obj, key, x)) continue;
      const f = this.childFlags(obj, key, x, flags, algorithm, pairName);
      decided[i] = f;
      if (f >= 0) count++;
    }
    this.pending += count;
    for (let i = 0; i < n && !this.stopped; i++) {
      const f = decided[i]!;
      if (f < 0) continue;
      const key = all[i]!;
      const x = values[i];
      this.pending--;
      if (!this.next()) return;
      this.segAt[childDepth] = key;
      this.pathAt[childDepth] = undefined;
      this.visit(x, childDepth, f);
    }
  }
}

export function walkItem(item: unknown, o: WalkOptions): Walk {
  const metadata = o.metadata ?? [];
  const metaNames = new Set(metadata.filter((m) => !m.startsWith('$')).map((m) => m.toLowerCase()));
  const metaPaths = selectNodes(
    item,
    metadata.filter((m) => m.startsWith('$')),
  );
  const evidence = o.evidence && o.evidence.length > 0 ? selectNodes(item, o.evidence) : null;
  // Everything is metadata, or evidence paths were given and select nothing: nothing to read.
  if (metaPaths.root || (evidence && !evidence.root && evidence.empty)) return { texts: [], links: [] };
  const walker = new Walker(metaNames, metaPaths, evidence, o.exclude);
  if (walker.next()) walker.visit(item, 0, evidence ? (evidence.root ? SCAN : 0) : SCAN);
  return { texts: walker.out, links: walker.links };
}
