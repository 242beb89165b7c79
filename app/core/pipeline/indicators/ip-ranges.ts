/**
 * Addresses that are never threat indicators (IANA special-purpose registries): unspecified, private,
 * shared (CGNAT), loopback, link-local, IETF protocol assignments, documentation (TEST-NETs,
 * 2001:db8::/32, 3fff::/20), benchmarking, 6to4 relay anycast, multicast, reserved, broadcast,
 * unique-local, site-local, discard-only.
 */
import { BlockList } from 'node:net';
import { canonicalIPv4 } from './ip-address.js';

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], ['::1', 128], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23], ['2001:db8::', 32],
  ['3fff::', 20], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) blocked.addSubnet(net, prefix, 'ipv6');

/** `address` must be canonical (see canonicalAddress). */
export function isNonPublicAddress(address: string): boolean {
  try {
    return blocked.check(address, canonicalIPv4(address) ? 'ipv4' : 'ipv6');
  } catch {
    return true;
  }
}
