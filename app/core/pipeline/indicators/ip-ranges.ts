/**
 * Addresses that are never threat indicators (IANA special-purpose registries): unspecified, private,
 * shared (CGNAT), loopback, link-local, IETF protocol assignments, documentation (TEST-NETs,
 * 2001:db8::/32, 3fff::/20), benchmarking, 6to4 relay anycast, multicast, reserved, broadcast,
 * unique-local, site-local, discard-only. Checked by prefix on numbers (no allocation per address:
 * node's BlockList builds socket-address objects and was the hot spot of the scanner).
 */
import { canonicalIPv4, ipv6Hextets } from './ip-address.js';

const V4: ReadonlyArray<readonly [string, number]> = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
const V6: ReadonlyArray<readonly [string, number]> = [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['3fff::', 20],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
];

function v4Number(a: string): number {
  let n = 0;
  for (const o of a.split('.')) n = n * 256 + Number(o);
  return n;
}

const V4_RANGES = V4.map(([net, bits]) => ({ net: v4Number(net), size: 2 ** (32 - bits) }));
const V6_RANGES = V6.map(([net, bits]) => ({ hextets: ipv6Hextets(net)!, bits }));

function inV6(h: readonly number[], net: readonly number[], bits: number): boolean {
  for (let i = 0; bits > 0; i++, bits -= 16) {
    const mask = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
    if ((h[i]! & mask) !== (net[i]! & mask)) return false;
  }
  return true;
}

/** `address` must be canonical (see canonicalAddress). */
export function isNonPublicAddress(address: string): boolean {
  if (canonicalIPv4(address)) {
    const n = v4Number(address);
    return V4_RANGES.some((r) => n >= r.net && n < r.net + r.size);
  }
  const h = ipv6Hextets(address);
  if (!h) return true;
  return V6_RANGES.some((r) => inV6(h, r.hextets, r.bits));
}
