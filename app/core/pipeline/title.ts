/**
 * Titles: a title is text, never an object or a JSON dump. When the preset's title fields yield
 * nothing, the first string field named like a title (breadth first, in name order at each depth)
 * is used, else "<source> alert", so a parsable alert is never rejected for want of a title.
 */
const MAX_TITLE = 300;
const TITLE_KEYS = ['title', 'name', 'summary', 'subject', 'headline', 'alert_name', 'alertname', 'rule_name', 'display_name', 'displayname', 'message', 'rule', 'event_type', 'category', 'description'];
const normaliseKey = (k: string) => k.toLowerCase().replace(/[-\s]/g, '_').replace(/^(alert|rule|display)(name)$/, '$1_$2');

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
  const line = t.split('\n')[0]!.trim();
  return line.length > MAX_TITLE ? `${line.slice(0, MAX_TITLE - 1)}…` : line;
}

/** The first title-like string field of an item (bounded: depth 4, 2000 nodes). */
export function fallbackTitle(item: unknown): string | undefined {
  let level: unknown[] = [item];
  let seen = 0;
  for (let depth = 0; depth < 4 && level.length > 0; depth++) {
    const next: unknown[] = [];
    for (const key of TITLE_KEYS) {
      for (const node of level) {
        if (node === null || typeof node !== 'object' || Array.isArray(node)) continue;
        for (const [k, v] of Object.entries(node)) {
          if (normaliseKey(k) !== key && normaliseKey(k.slice(k.lastIndexOf('.') + 1)) !== key) continue;
          const t = titleText(v);
          if (t !== undefined && !/^https?:\/\//i.test(t)) return t;
        }
      }
    }
    for (const node of level) {
      if (node === null || typeof node !== 'object') continue;
      for (const v of Object.values(node)) {
        if (v !== null && typeof v === 'object' && ++seen <= 2000) next.push(v);
      }
    }
    level = next;
  }
  return undefined;
}
