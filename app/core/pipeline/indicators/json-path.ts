/**
 * JSON paths of the strings an indicator came from, kept as parent links during the walk and written
 * out only for the strings that yield an indicator: `$.a.b[0]['odd key']`. A key that is not an
 * identifier is bracketed and single-quoted (`'` and `\` escaped, control characters as `\uXXXX`); a key longer than 200 characters
 * is cut and ends in `…` (a path names where to look, it does not carry the payload).
 */

export interface PathNode {
  readonly parent: PathNode | null;
  readonly seg: string | number;
}

const MAX_SEGMENT = 200;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function segment(seg: string | number): string {
  if (typeof seg === 'number') return `[${seg}]`;
  const s = seg.length > MAX_SEGMENT ? `${seg.slice(0, MAX_SEGMENT)}…` : seg;
  if (IDENTIFIER.test(s)) return `.${s}`;
  return `['${s.replace(/[\\'\u0000-\u001f]/g, (c) => (c === '\\' || c === "'" ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`))}']`;
}

export function formatPath(node: PathNode | null): string {
  const parts: string[] = [];
  for (let n = node; n; n = n.parent) parts.push(segment(n.seg));
  return `$${parts.reverse().join('')}`;
}
