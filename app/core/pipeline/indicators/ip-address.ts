/**
 * IP address recognition and canonical forms: IPv4 dotted quads without leading zeros; IPv6 in any
 * RFC 4291 text form (compressed, embedded IPv4), zone ids (`%eth0`) dropped, written back in the
 * RFC 5952 canonical form (lower case, longest zero run compressed). An IPv4-mapped IPv6 address
 * (`::ffff:a.b.c.d`) is the IPv4 address it carries, so it is reported as that IPv4 address.
 */
import { isIPv6 } from 'node:net';

const IPV4 = /^(?:0|[1-9]\d{0,2})(?:\.(?:0|[1-9]\d{0,2})){3}$/;

export function canonicalIPv4(text: string): string | null {
  if (!IPV4.test(text)) return null;
  return text.split('.').every((o) => Number(o) <= 255) ? text : null;
}

/** The 8 hextets of an IPv6 text (zone id already removed), or null. */
export function ipv6Hextets(text: string): number[] | null {
  if (text.length > 45 || !isIPv6(text)) return null;
  let head = text;
  const tail: number[] = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(head);
  if (v4) {
    const octets = v4[1]!.split('.').map(Number);
    tail.push((octets[0]! << 8) | octets[1]!, (octets[2]! << 8) | octets[3]!);
    head = head.slice(0, -v4[1]!.length);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((x) => parseInt(x, 16)));
  let groups: number[];
  const dbl = head.indexOf('::');
  if (dbl >= 0) {
    const left = parse(head.slice(0, dbl));
    const right = [...parse(head.slice(dbl + 2)), ...tail];
    groups = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  } else groups = [...parse(head), ...tail];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

export function formatIPv6(h: readonly number[]): string {
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (h[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && h[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = h.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** A recognised address in canonical form (IPv4-mapped IPv6 → IPv4), or null. Accepts `[…]` and a zone id. */
/** Could `text` be an IPv6 address (before any zone id)? Only hex digits, `:`, `.`, brackets; ≥ 2 colons. */
function mayBeIPv6(text: string): boolean {
  let colons = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x25) break; // % zone id
    if (c === 0x3a) colons++;
    else if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46) || c === 0x2e || c === 0x5b || c === 0x5d)) return false;
  }
  return colons >= 2;
}

export function canonicalAddress(text: string): string | null {
  const v4 = canonicalIPv4(text);
  if (v4) return v4;
  if (text.length > 100 || !mayBeIPv6(text)) return null;
  const bare = text.replace(/^\[(.*)\]$/, '$1').replace(/%[0-9A-Za-z._~-]{1,32}$/, '');
  if (!bare.includes(':')) return null;
  const h = ipv6Hextets(bare);
  if (!h) return null;
  if (h.slice(0, 5).every((g) => g === 0) && h[5] === 0xffff) return `${h[6]! >> 8}.${h[6]! & 0xff}.${h[7]! >> 8}.${h[7]! & 0xff}`;
  return formatIPv6(h);
}
