/**
 * extract indicators: addresses (IPv4/IPv6), hosts, URLs, e-mail addresses, file hashes (MD5, SHA-1,
 * SHA-256) and CVE ids from alert text, optionally refanged; private/reserved addresses and
 * allow-listed domains dropped; de-duplicated in order of first appearance; ThreatConnect type names.
 *
 * How a text is read (all passes linear: bounded tokens, no backtracking-prone patterns):
 * 1. URLs (`http(s)://`, `ftp(s)://`, `sftp://`) are found first; trailing punctuation and unbalanced
 *    closing brackets are trimmed. A URL is one indicator: hashes, hosts, addresses and e-mails inside
 *    it belong to it and are not reported separately; its host decides allow-listing and private-range
 *    dropping of the URL itself.
 * 2. CVE ids anywhere (also inside URLs: an id is unambiguous), upper-cased.
 * 3. The rest is cut into tokens at white space and punctuation that no indicator contains; each
 *    token is an e-mail, an IPv4/IPv6 address, a hash (lower-cased; also `<hash>.<ext>` file names),
 *    or a host (see host-name.ts for file names vs host names); `a:b` tokens are split at colons
 *    (host:port, ip:port, md5:…) unless the whole token is an IPv6 address.
 */
import { collectStrings } from './collect-strings.js';
import { canonicalAddress, canonicalIPv4 } from './ip-address.js';
import { isNonPublicAddress } from './ip-ranges.js';
import { isAllowListed, isLocalOnlyHost, normaliseAllowList, normaliseHost } from './host-name.js';
import { refang } from './refang.js';

export { collectStrings };

export type IndicatorType = 'Address' | 'Host' | 'URL' | 'EmailAddress' | 'File' | 'CVE';
export const INDICATOR_TYPES: readonly IndicatorType[] = ['Address', 'Host', 'URL', 'EmailAddress', 'File', 'CVE'];

export interface Indicator {
  type: IndicatorType;
  value: string;
}

export interface ExtractOptions {
  types: readonly IndicatorType[];
  refang: boolean;
  /** Domains (their subdomains too) and exact IP addresses never reported. */
  allowList: readonly string[];
  dropPrivate: boolean;
  maxIndicators: number;
}

/** Total characters read over all texts; the rest is ignored. */
export const MAX_TEXT_CHARS = 4_000_000;
const MAX_TOKEN = 320;
const MAX_URL = 4096;

const URL_SCAN = /\b(?:https?|ftps?|sftp):\/\/[^\s<>"'`{}|\\^\u0000-\u001f\u007f]+/gi;
const CVE_SCAN = /\bCVE-\d{4}-\d{4,7}(?![\d])/gi;
const TOKEN_SCAN = /[^\s<>"'`{}|\\^,;()[\]=/*\u0000-\u001f\u007f]+/g;
const URL_TRAIL = /[.,;:!?'"*>}]+$/;
const TOKEN_EDGE_CHARS = '.!?#&~_$-';
const HASH = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/i;
const HASH_FILE = /^([0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})\.[a-z0-9]{1,5}$/i;
const EMAIL_LOCAL = /^[a-z0-9!#$%&*+=?^_~-]+(?:\.[a-z0-9!#$%&*+=?^_~-]+)*$/i;

interface Candidate {
  pos: number;
  type: IndicatorType;
  value: string;
}

function trimEdges(token: string, chars: string): string {
  let start = 0;
  let end = token.length;
  while (start < end && chars.includes(token[start]!)) start++;
  while (end > start && chars.includes(token[end - 1]!)) end--;
  return token.slice(start, end);
}

/** Trailing punctuation off; a closing bracket only when the URL has no matching opening one. */
export function trimUrl(raw: string): string {
  let url = raw.replace(URL_TRAIL, '');
  for (;;) {
    const last = url.at(-1);
    const open = last === ')' ? '(' : last === ']' ? '[' : undefined;
    if (!open || !last) break;
    let opens = 0;
    let closes = 0;
    for (const c of url) {
      if (c === open) opens++;
      else if (c === last) closes++;
    }
    if (opens >= closes) break;
    url = url.slice(0, -1).replace(URL_TRAIL, '');
  }
  return url;
}

class Collector {
  readonly out: Candidate[] = [];
  constructor(
    private readonly o: ExtractOptions,
    private readonly allow: string[],
  ) {}

  address(pos: number, text: string): boolean {
    const a = canonicalAddress(text);
    if (!a) return false;
    if (!(this.o.dropPrivate && isNonPublicAddress(a)) && !this.allow.includes(a)) this.out.push({ pos, type: 'Address', value: a });
    return true;
  }

  host(pos: number, text: string): boolean {
    const h = normaliseHost(text, 'text');
    if (!h) return false;
    if (!isLocalOnlyHost(h) && !isAllowListed(h, this.allow)) this.out.push({ pos, type: 'Host', value: h });
    return true;
  }

  email(pos: number, text: string): boolean {
    const at = text.lastIndexOf('@');
    if (at <= 0) return false;
    const local = text.slice(0, at);
    const domain = normaliseHost(text.slice(at + 1), 'email');
    if (local.length > 64 || !EMAIL_LOCAL.test(local) || !domain) return false;
    if (!isAllowListed(domain, this.allow) && !(this.o.dropPrivate && isLocalOnlyHost(domain))) {
      this.out.push({ pos, type: 'EmailAddress', value: `${local}@${domain}` });
    }
    return true;
  }

  url(pos: number, raw: string): void {
    const url = trimUrl(raw);
    if (url.length > MAX_URL) return;
    let hostname: string;
    try {
      hostname = new URL(url).hostname;
    } catch {
      return;
    }
    if (!hostname) return;
    const address = canonicalAddress(hostname);
    if (address) {
      if ((this.o.dropPrivate && isNonPublicAddress(address)) || this.allow.includes(address)) return;
    } else {
      const h = normaliseHost(hostname, 'url');
      if (!h || isAllowListed(h, this.allow) || (this.o.dropPrivate && isLocalOnlyHost(h))) return;
    }
    this.out.push({ pos, type: 'URL', value: url });
  }

  /** One token without colons, or a whole token that may be an IPv6 address. */
  token(pos: number, raw: string): void {
    const t = trimEdges(raw, TOKEN_EDGE_CHARS);
    if (t.length === 0) return;
    if (t.includes(':')) {
      if (this.address(pos, t)) return;
      let offset = 0;
      for (const part of t.split(':')) {
        if (part.length > 0) this.part(pos + offset, trimEdges(part, TOKEN_EDGE_CHARS));
        offset += part.length + 1;
      }
      return;
    }
    this.part(pos, t);
  }

  private part(pos: number, p: string): void {
    const t = trimEdges(p, `${TOKEN_EDGE_CHARS}@%+`);
    if (t.length < 4) return;
    if (t.includes('@')) {
      this.email(pos, t);
      return;
    }
    if (canonicalIPv4(t)) {
      this.address(pos, t);
      return;
    }
    if (HASH.test(t)) {
      this.out.push({ pos, type: 'File', value: t.toLowerCase() });
      return;
    }
    const hashFile = HASH_FILE.exec(t);
    if (hashFile) {
      this.out.push({ pos, type: 'File', value: hashFile[1]!.toLowerCase() });
      return;
    }
    if (t.includes('.')) this.host(pos, t);
  }
}

function scanText(text: string, c: Collector): void {
  // 1. URLs, then blank them out (same length, so positions stay comparable).
  const urlSpans: Array<[number, number]> = [];
  for (const m of text.matchAll(URL_SCAN)) {
    c.url(m.index, m[0]);
    urlSpans.push([m.index, m.index + m[0].length]);
  }
  let rest = text;
  if (urlSpans.length > 0) {
    const parts: string[] = [];
    let at = 0;
    for (const [s, e] of urlSpans) {
      parts.push(text.slice(at, s), ' '.repeat(e - s));
      at = e;
    }
    parts.push(text.slice(at));
    rest = parts.join('');
  }
  // 2. CVE ids anywhere.
  for (const m of text.matchAll(CVE_SCAN)) c.out.push({ pos: m.index, type: 'CVE', value: m[0].toUpperCase() });
  // 3. Tokens outside URLs.
  for (const m of rest.matchAll(TOKEN_SCAN)) {
    if (m[0].length <= MAX_TOKEN) c.token(m.index, m[0]);
  }
}

export function extractIndicators(texts: readonly string[], options: ExtractOptions): Indicator[] {
  const want = new Set(options.types);
  const max = Math.max(0, Math.floor(options.maxIndicators));
  const allow = normaliseAllowList(options.allowList).map((e) => canonicalAddress(e) ?? e);
  const seen = new Set<string>();
  const result: Indicator[] = [];
  let budget = MAX_TEXT_CHARS;
  for (const original of texts) {
    if (budget <= 0 || result.length >= max) break;
    if (typeof original !== 'string' || original.length === 0) continue;
    const clipped = original.length > budget ? original.slice(0, budget) : original;
    budget -= clipped.length;
    const collector = new Collector(options, allow);
    scanText(options.refang ? refang(clipped) : clipped, collector);
    collector.out.sort((a, b) => a.pos - b.pos);
    for (const { type, value } of collector.out) {
      if (!want.has(type)) continue;
      const key = `${type}\u0000${value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      result.push({ type, value });
      if (result.length >= max) break;
    }
  }
  return result;
}
