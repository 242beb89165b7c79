/**
 * Titles: a title is text, never an object or a JSON dump. When the preset's title fields yield
 * nothing, the first string field named like a title is used, else "<source> alert", so a parsable
 * alert is never rejected for want of a title. Title names (title, name, summary, signature,
 * threatName, short_description, message, msg …) are searched first, breadth first; only then the
 * weaker ones (rule, event_type, category, description): Suricata's `alert.signature` beats
 * `event_type: alert`.
 * Objects naming a person, an account or an asset (`user`, `reporter`, `host` …) are not searched.
 */
import { ownKeys } from './own-keys.js';

const MAX_TITLE = 300;
/** Keys compared lower-case without separators (`alert_name`, `alertName` → `alertname`). */
const TITLE_KEYS = [
  'title',
  'name',
  'summary',
  'subject',
  'headline',
  'alertname',
  'rulename',
  'displayname',
  'signature',
  'threatname',
  'shortdescription',
  'message',
  'msg',
];
const WEAK_TITLE_KEYS = ['rule', 'eventtype', 'category', 'description'];
/** Longer keys are no title name (capped before any pattern runs: a key can be megabytes long). */
const MAX_KEY = 64;
/** Keys looked at in all: a title sits near the top of an alert, not behind its 5000th key. */
const MAX_KEYS_LOOKED_AT = 5000;
const normaliseKey = (k: string) => (k.length > MAX_KEY ? '' : k.toLowerCase().replace(/[^a-z0-9]/g, ''));
/** Subtrees naming a person, an account or an asset: their `name` is never the alert's title (Jira `user.name`). */
const NOT_TITLE_PARENTS = new Set([
  'user',
  'users',
  'usr',
  'actor',
  'reporter',
  'assignee',
  'assignees',
  'owner',
  'owners',
  'author',
  'creator',
  'sender',
  'recipient',
  'agent',
  'host',
  'device',
  'machine',
  'computer',
  'account',
  'principal',
  'organization',
  'org',
  'repository',
  'project',
  'service',
  'team',
  'teams',
  'escalationpolicy',
]);

/** A JSON object or array as text (a dump, not a title); `[FIRING:2] …` is a title. */
function looksLikeDump(t: string): boolean {
  if (!/^[[{]/.test(t) || !/[\]}]$/.test(t)) return false;
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}

/** Text for a title, or undefined when the value is not usable as one. */
export function titleText(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  if (t === '' || looksLikeDump(t)) return undefined;
  const nl = t.indexOf('\n');
  const line = (nl < 0 ? t : t.slice(0, nl)).trim();
  return line.length > MAX_TITLE ? `${line.slice(0, MAX_TITLE - 1)}…` : line;
}

/** Title names rank before the weaker ones: the rank of a normalised key. */
const RANK = new Map([...TITLE_KEYS, ...WEAK_TITLE_KEYS].map((k, i) => [k, i]));

/**
 * The first title-like string field of an item: title names first (at any depth), then the weaker
 * ones; breadth first (bounded: depth 4, 2000 nodes, 5000 keys looked at in all), at each depth the
 * best-ranked name, the first such field in order. One pass over the item, each key normalised once (capped before the pattern
 * runs), so the cost is linear in the item whatever its keys.
 */
export function fallbackTitle(item: unknown): string | undefined {
  let level: unknown[] = [item];
  let seen = 0;
  let keysLeft = MAX_KEYS_LOOKED_AT;
  let weak: string | undefined;
  for (let depth = 0; depth < 4 && level.length > 0; depth++) {
    const next: unknown[] = [];
    let best: { rank: number; title: string } | undefined;
    for (const node of level) {
      if (node === null || typeof node !== 'object') continue;
      if (Array.isArray(node)) {
        // Elements by index (no index strings for a wide array), counted as keys looked at.
        for (let i = 0; i < node.length; i++) {
          if (--keysLeft < 0) break;
          const v: unknown = node[i];
          if (v !== null && typeof v === 'object' && ++seen <= 2000) next.push(v);
        }
        continue;
      }
      const record = node as Record<string, unknown>;
      for (const k of ownKeys(node)) {
        if (--keysLeft < 0) break;
        const v = record[k];
        const isObject = v !== null && typeof v === 'object';
        const name = normaliseKey(k);
        const dot = k.lastIndexOf('.');
        const rank = Math.min(RANK.get(name) ?? Infinity, dot < 0 ? Infinity : (RANK.get(normaliseKey(k.slice(dot + 1))) ?? Infinity));
        if (rank !== Infinity && (best === undefined || rank < best.rank)) {
          const t = titleText(v);
          if (t !== undefined && !/^https?:\/\//i.test(t)) best = { rank, title: t };
        }
        if (isObject && !NOT_TITLE_PARENTS.has(name) && ++seen <= 2000) next.push(v);
      }
    }
    if (best && best.rank < TITLE_KEYS.length) return best.title;
    if (best) weak ??= best.title;
    level = next;
  }
  return weak;
}
