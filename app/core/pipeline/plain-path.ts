/**
 * Plain JSONPaths evaluated natively: `$`, `.name` / `['name']` / `[0]` steps and `..name` descent —
 * the shapes every preset uses. jsonpath-plus walks each step through a general interpreter (a
 * recursive `_trace` with slice and filter checks at every node, arrays built and copied per level),
 * which costs ~100 ms per MB of deep JSON for one `$..severity`; this walk is linear with a small
 * constant and an explicit stack (no recursion), and returns exactly what jsonpath-plus returns
 * (`wrap: true`): the matches in its order (pre-order: a node's own match before its children's, in
 * key order). Anything else (wildcards, slices, unions, filters, backtick escapes, `^`, `~`) is not
 * plain: `plainSteps` answers null and the caller keeps jsonpath-plus.
 */

/** One step: follow an own property, or apply the rest at every object or array below (`..`). */
export type PlainStep = string | typeof DESCEND;

const DESCEND = Symbol('..');
const NAME = /^[A-Za-z0-9_-]+$/;

/** The steps of a path array (jsonpath-plus's `toPathArray`), or null when it is not plain. */
export function plainSteps(path: readonly string[]): PlainStep[] | null {
  if (path[0] !== '$') return null;
  const steps: PlainStep[] = [];
  for (let i = 1; i < path.length; i++) {
    const part = path[i]!;
    if (part === '..') {
      // `..` must be followed by a name (`$..` and `$....a` are not plain).
      if (!NAME.test(path[i + 1] ?? '')) return null;
      steps.push(DESCEND);
    } else if (NAME.test(part)) steps.push(part);
    else return null;
  }
  return steps;
}

/** Follows `name` as jsonpath-plus does: an own property of a truthy value (a string's `length` too). */
function child(v: unknown, name: string): { found: boolean; value: unknown } {
  if (!v || !Object.hasOwn(v as object, name)) return { found: false, value: undefined };
  return { found: true, value: (v as Record<string, unknown>)[name] };
}

/** The values `steps` select in `data`, in jsonpath-plus's order. */
export function evaluatePlain(steps: readonly PlainStep[], data: unknown): unknown[] {
  const out: unknown[] = [];
  // jsonpath-plus answers nothing for a falsy document.
  if (!data) return out;
  // Work items: a value and the index of the next step; popped last-in first-out, so children are
  // pushed in reverse to be visited in order.
  const stack: Array<{ v: unknown; at: number }> = [{ v: data, at: 0 }];
  while (stack.length > 0) {
    const { v, at } = stack.pop()!;
    if (at === steps.length) {
      out.push(v);
      continue;
    }
    const step = steps[at]!;
    if (step !== DESCEND) {
      const c = child(v, step);
      if (c.found) stack.push({ v: c.value, at: at + 1 });
      continue;
    }
    // `..`: the rest of the path at this node first, then the same `..` at each object child.
    const below: Array<{ v: unknown; at: number }> = [];
    if (Array.isArray(v)) {
      for (const x of v) if (x !== null && typeof x === 'object') below.push({ v: x, at });
    } else if (v !== null && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        const x = (v as Record<string, unknown>)[k];
        if (x !== null && typeof x === 'object') below.push({ v: x, at });
      }
    }
    for (let i = below.length - 1; i >= 0; i--) stack.push(below[i]!);
    stack.push({ v, at: at + 1 });
  }
  return out;
}
