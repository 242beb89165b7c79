/**
 * Every string value under a JSON value, in document order, bounded in count and depth. Iterative
 * (an explicit stack), so a deep value cannot exhaust the call stack; cycles are never followed.
 * Object keys are not collected: alert indicators live in values.
 */
export function collectStrings(value: unknown, limits: { maxStrings: number; maxDepth: number }): string[] {
  const out: string[] = [];
  const seen = new Set<object>();
  const stack: Array<{ v: unknown; depth: number }> = [{ v: value, depth: 0 }];
  while (stack.length > 0 && out.length < limits.maxStrings) {
    const { v, depth } = stack.pop()!;
    if (typeof v === 'string') {
      out.push(v);
      continue;
    }
    if (v === null || typeof v !== 'object' || depth >= limits.maxDepth || seen.has(v)) continue;
    seen.add(v);
    const children = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ v: children[i], depth: depth + 1 });
  }
  return out;
}
