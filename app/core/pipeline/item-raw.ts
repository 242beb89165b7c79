/**
 * What `alert_intake.response.json.raw` holds for each alert of a request that fans out.
 *
 * A single alert, or a batch whose body written once per alert stays small (alerts × body bytes ≤
 * SHARED_RAW_BUDGET), gets the whole body as received: the envelope a playbook may read (e.g. an
 * Alertmanager group's `commonLabels`). Beyond that, writing the body into every session would cost
 * alerts × body (100 sessions × 16 MiB = 1.6 GB of KV writes), so each alert gets its own element of
 * the payload as JSON instead, and the request writes about its own size once. Items that overlap
 * (an Alert List Expression selecting nested containers) are bounded too: once the items' JSON
 * would pass ITEM_RAW_BUDGET, the remaining alerts get no raw output.
 */

/** Alerts × body bytes up to which every alert's raw output is the whole body. */
export const SHARED_RAW_BUDGET = 1024 * 1024;

/** Does this request give each alert its own element as the raw output? */
export const rawPerItem = (bodyBytes: number, items: number): boolean => items > 1 && items * bodyBytes > SHARED_RAW_BUDGET;

/** The most JSON text all the alerts' own raw outputs may add up to, for a body of `bodyBytes`. */
export const itemRawBudget = (bodyBytes: number): number => 2 * bodyBytes + SHARED_RAW_BUDGET;

/**
 * Whether `value`'s JSON text is at most `limit` characters (escapes left aside), found with a walk
 * that stops as soon as it is not: never longer than `limit` steps, whatever the value's size.
 */
export function jsonFits(value: unknown, limit: number): boolean {
  let left = limit;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') left -= v.length + 2;
    else if (v === null || typeof v !== 'object') left -= typeof v === 'number' ? String(v).length : 5;
    else if (Array.isArray(v)) {
      left -= 2 + v.length;
      if (left < 0) return false;
      for (const x of v) stack.push(x);
    } else {
      left -= 2;
      for (const k in v) {
        if (!Object.hasOwn(v, k)) continue;
        left -= k.length + 4;
        stack.push((v as Record<string, unknown>)[k]);
        if (left < 0) return false;
      }
    }
    if (left < 0) return false;
  }
  return true;
}

/**
 * Takes each fired item's raw output in turn under the rule above: its JSON text, or null once the
 * budget is spent (then for every later item too, so the walks add up to at most the budget).
 */
export function itemRawTaker(bodyBytes: number): (item: unknown) => string | null {
  let left = itemRawBudget(bodyBytes);
  return (item) => {
    if (left <= 0 || !jsonFits(item, left)) {
      left = 0;
      return null;
    }
    const text = JSON.stringify(item) ?? 'null';
    left -= text.length;
    return text;
  };
}
