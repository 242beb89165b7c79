/**
 * extract indicators: addresses (IPv4/IPv6), hosts, URLs, e-mail addresses, file hashes (MD5, SHA-1,
 * SHA-256) and CVE ids from alert text, optionally refanged; private/reserved addresses and
 * allow-listed domains dropped; de-duplicated in order of first appearance; ThreatConnect type names.
 *
 * How a text is read (all passes linear: bounded tokens, no backtracking-prone patterns):
 * 1. URLs (`http(s)://`, `ftp(s)://`, `sftp://`) are found first; trailing punctuation and unbalanced
 *    closing brackets are trimmed (trim-url.ts, one backwards scan), then URLs longer than 4096 are
 *    dropped. A URL is one indicator: hashes, addresses and e-mails inside it belong to it and are not
 *    reported separately; its host decides allow-listing and private-range dropping of the URL itself,
 *    and with `reportUrlHosts` the host is reported too (not a cloud host: cloud-hosts.ts). A URL in a
 *    User-Agent comment (`sqlmap/1.7 (https://sqlmap.org)`) is the client's self-identification: not
 *    read (user-agent.ts).
 * 2. CVE ids anywhere (also inside URLs: an id is unambiguous), upper-cased.
 * 3. The rest is cut into tokens at white space and punctuation that no indicator contains; each
 *    token is an e-mail (not a `<Message-ID>`), an IPv4/IPv6 address, a hash (lower-cased; also
 *    `<hash>.<ext>` file names; never all one character; in `prose` texts only when labelled or in
 *    text with white space), or a host (never a cloud host) (see host-name.ts for file names vs host names); `a:b` tokens are split at colons
 *    (host:port, ip:port, md5:…) unless the whole token is an IPv6 address. A dotted quad after a
 *    version label (`version 7.12.1.0`) or a capitalised product token (`Chrome/120.0.0.0`) is a version.
 */
import { isCloudHost } from './cloud-hosts.js';
import { canonicalAddress, canonicalIPv4 } from './ip-address.js';
import { isNonPublicAddress } from './ip-ranges.js';
import { isAllowListed, isLocalOnlyHost, normaliseAllowList, normaliseHost } from './host-name.js';
import { refang } from './refang.js';
import { trimUrl } from './trim-url.js';
import { inUserAgentComment } from './user-agent.js';

export { trimUrl };

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
  /** Also report each reported URL's host (a Host, or an Address for an address host). Default false. */
  reportUrlHosts?: boolean;
  /** The alerting tool's own hosts (exact, canonical): URLs on them and the hosts themselves are dropped. */
  toolHosts?: ReadonlySet<string>;
}

/** One text to read and how to read hashes in it (see walk-item.ts). */
export interface SourceText {
  text: string;
  /** `any`: a bare 32/40/64-hex token is a hash; `prose`: only in text with white space or after `md5:`, `sha256=`, …. */
  hashes: 'any' | 'prose';
}

/** Total characters read over all texts; the rest is ignored. */
export const MAX_TEXT_CHARS = 4_000_000;
const MAX_TOKEN = 320;
const MAX_URL = 4096;

const URL_SCAN = /\b(?:https?|ftps?|sftp):\/\/[^\s<>"'`{}|\\^\u0000-\u001f\u007f]+/gi;
const CVE_SCAN = /\bCVE-\d{4}-\d{4,7}(?![\d])/gi;
const CVE_HINT = /cve-/i;
const TOKEN_EDGE_CHARS = '.!?#&~_$-';
/** Characters between tokens: white space, controls and punctuation that no indicator contains. */
const SEPARATOR = new Uint8Array(128);
for (const ch of ' \t\n\v\f\r<>"\'`{}|\\^,;()[]=/*\u007f') SEPARATOR[ch.charCodeAt(0)] = 1;
for (let c = 0; c < 0x20; c++) SEPARATOR[c] = 1;
/** As `\s` beyond ASCII: no-break, Ogham, en/em…hair, line/paragraph separators, narrow, math, ideographic spaces, BOM. */
function isSeparator(c: number): boolean {
  if (c < 128) return SEPARATOR[c] === 1;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}
const HASH = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/i;
const HASH_FILE = /^([0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})\.[a-z0-9]{1,5}$/i;
/** All one character (all zeros, `ffff…`): a placeholder, never a file's hash. */
const ONE_CHARACTER = /^(.)\1*$/;
/** The MD5, SHA-1 and SHA-256 of zero bytes: an empty file or message part (Proofpoint `text.txt`) is no evidence. */
const EMPTY_INPUT_HASHES: ReadonlySet<string> = new Set([
  'd41d8cd98f00b204e9800998ecf8427e',
  'da39a3ee5e6b4b0d3255bfef95601890afd80709',
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
]);
/** A version label right before a dotted quad: `version 7.12.1.0`, `ver=1.2.3.4`, `build: 10.0.1.2`. */
const VERSION_LABEL = /(?:version|ver|build|release|v)\s?[:=]?\s?$/i;
/** A capitalised product name and a slash right before a dotted quad: `Chrome/120.0.0.0`, `Edg/119.0.2151.97`. */
const PRODUCT_TOKEN = /(?:^|[\s(;])[A-Z][A-Za-z0-9_.-]{1,39}\/$/;
/** A hash label right before a token: `md5:`, `SHA256=`, `hash: `. */
const HASH_LABEL = /(?:md5|sha-?1|sha-?256|hash)\s?[:=]\s?$/i;
const EMAIL_LOCAL = /^[a-z0-9!#$%&*+=?^_~-]+(?:\.[a-z0-9!#$%&*+=?^_~-]+)*$/i;
const WHITE_SPACE = /\s/;
/** `<local@domain>`: each part bounded, so a run of `<` or of text costs at most 250 steps per `<`. */
const ANGLE_ADDRESS = /<([^<>\s@]{1,250})@([^<>\s@]{1,250})>/g;

/**
 * `<local@domain>` that is a Message-ID (RFC 5322 msg-id), not a mailbox: a long or machine-made local
 * part (≥ 20 characters, `$` or `=`, ≥ 8 digits) or a mail system's message host.
 */
function isMessageId(local: string, domain: string): boolean {
  if (local.length >= 20 || local.includes('$') || local.includes('=')) return true;
  let digits = 0;
  for (let i = 0; i < local.length; i++) if (local.charCodeAt(i) >= 0x30 && local.charCodeAt(i) <= 0x39) digits++;
  return digits >= 8 || domain.endsWith('.prod.outlook.com') || domain === 'mail.gmail.com';
}

interface Candidate {
  pos: number;
  type: IndicatorType;
  value: string;
}

/** Values per indicator type (no `type + value` key string built per candidate). */
type ValuesByType = Record<IndicatorType, Set<string>>;
const valuesByType = (): ValuesByType => ({ Address: new Set(), Host: new Set(), URL: new Set(), EmailAddress: new Set(), File: new Set(), CVE: new Set() });

/** `chars` as a table by character code (all of them ASCII). */
function edgeTable(chars: string): Uint8Array {
  const t = new Uint8Array(128);
  for (const c of chars) t[c.charCodeAt(0)] = 1;
  return t;
}
const TOKEN_EDGES = edgeTable(TOKEN_EDGE_CHARS);
const PART_EDGES = edgeTable(`${TOKEN_EDGE_CHARS}@%+`);

/** `token` without the `edges` characters at either end (the token itself when there are none). */
function trimEdges(token: string, edges: Uint8Array): string {
  let start = 0;
  let end = token.length;
  while (start < end && edges[token.charCodeAt(start)] === 1) start++;
  while (end > start && edges[token.charCodeAt(end - 1)] === 1) end--;
  return start === 0 && end === token.length ? token : token.slice(start, end);
}

/**
 * The candidates of one text, in no particular order (sorted by position afterwards). Each pass
 * (URLs, CVEs, tokens) reads the text in order, so it may stop once it has found `room` distinct
 * indicators not reported yet: nothing it finds later could come before them. A raw URL or token
 * already read in this pass is not read again (it would give the same, already de-duplicated result)
 * unless a label before it (hash, version) decided its result.
 */
class Collector {
  readonly out: Candidate[] = [];
  private readonly prose: boolean;
  private fresh: ValuesByType | undefined;
  private freshCount = 0;
  private readonly read = new Set<string>();
  constructor(
    private readonly o: ExtractOptions,
    private readonly allow: string[],
    private readonly text: string,
    private readonly hashes: SourceText['hashes'],
    private readonly want: ReadonlySet<IndicatorType>,
    private readonly reported: ValuesByType,
    private readonly room: number,
  ) {
    this.prose = hashes === 'prose' && WHITE_SPACE.test(text);
  }

  /** Starts a pass: the pass is full once it has `room` distinct new indicators. */
  pass(): void {
    this.fresh = undefined;
    this.freshCount = 0;
    this.read.clear();
  }

  get full(): boolean {
    return this.freshCount >= this.room;
  }

  /** A label check (hash or version label before a token) decided the last token: its result depends on where it sits. */
  positional = false;
  readonly readUrl = (pos: number, raw: string): void => this.url(pos, raw);
  readonly readToken = (pos: number, raw: string): void => this.token(pos, raw);

  /** Was an equal URL or token read before in this pass to a position-free result (reading it again adds nothing)? */
  wasRead(raw: string): boolean {
    return this.read.has(raw);
  }

  /** Reads `raw` at `pos` (a URL or a token) unless an equal one was read before to the same, position-free result. */
  readOnce(raw: string, pos: number, read: (pos: number, raw: string) => void): void {
    // One look-up (add, then the size tells whether it was there); a positional result is taken out again.
    const size = this.read.size;
    this.read.add(raw);
    if (this.read.size === size) return;
    this.positional = false;
    read(pos, raw);
    if (this.positional) this.read.delete(raw);
  }

  push(c: Candidate): void {
    this.out.push(c);
    if (!this.want.has(c.type) || this.reported[c.type].has(c.value)) return;
    const fresh = (this.fresh ??= valuesByType())[c.type];
    const size = fresh.size;
    fresh.add(c.value);
    if (fresh.size !== size) this.freshCount++;
  }

  private address(pos: number, text: string): boolean {
    const a = canonicalAddress(text);
    if (!a) return false;
    if (!(this.o.dropPrivate && isNonPublicAddress(a)) && !this.allow.includes(a)) this.push({ pos, type: 'Address', value: a });
    return true;
  }

  private hostDropped(h: string): boolean {
    return isLocalOnlyHost(h) || isAllowListed(h, this.allow) || isCloudHost(h) || this.isToolHost(h);
  }

  private isToolHost(h: string): boolean {
    return this.o.toolHosts !== undefined && this.o.toolHosts.has(h);
  }

  private host(pos: number, text: string): boolean {
    const h = normaliseHost(text, 'text');
    if (!h) return false;
    if (!this.hostDropped(h)) this.push({ pos, type: 'Host', value: h });
    return true;
  }

  private email(pos: number, text: string): boolean {
    const at = text.lastIndexOf('@');
    if (at <= 0) return false;
    const local = text.slice(0, at);
    const domain = normaliseHost(text.slice(at + 1), 'email');
    if (local.length > 64 || !EMAIL_LOCAL.test(local) || !domain) return false;
    if (!isAllowListed(domain, this.allow) && !(this.o.dropPrivate && isLocalOnlyHost(domain))) {
      this.push({ pos, type: 'EmailAddress', value: `${local}@${domain}` });
    }
    return true;
  }

  /** A hex token of hash length: a File unless it is a placeholder or, in `prose` mode, unlabelled in a bare value. */
  private hash(pos: number, hex: string): void {
    const value = hex.toLowerCase();
    if (ONE_CHARACTER.test(value) || EMPTY_INPUT_HASHES.has(value)) return;
    if (this.hashes === 'prose' && !this.prose) {
      this.positional = true;
      if (!HASH_LABEL.test(this.text.slice(Math.max(0, pos - 10), pos))) return;
    }
    this.push({ pos, type: 'File', value });
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
      if ((this.o.dropPrivate && isNonPublicAddress(address)) || this.allow.includes(address) || this.isToolHost(address)) return;
      this.push({ pos, type: 'URL', value: url });
      if (this.o.reportUrlHosts) this.push({ pos, type: 'Address', value: address });
      return;
    }
    const h = normaliseHost(hostname, 'url');
    if (!h || isAllowListed(h, this.allow) || this.isToolHost(h) || (this.o.dropPrivate && isLocalOnlyHost(h))) return;
    this.push({ pos, type: 'URL', value: url });
    if (this.o.reportUrlHosts && !isLocalOnlyHost(h) && !isCloudHost(h)) this.push({ pos, type: 'Host', value: h });
  }

  /** One token without colons, or a whole token that may be an IPv6 address. */
  token(pos: number, raw: string): void {
    const t = trimEdges(raw, TOKEN_EDGES);
    if (t.length === 0) return;
    const at = pos + raw.indexOf(t);
    if (t.includes(':')) {
      if (this.address(at, t)) return;
      let offset = 0;
      for (const part of t.split(':')) {
        if (part.length > 0) this.part(at + offset, part);
        offset += part.length + 1;
      }
      return;
    }
    this.part(at, t);
  }

  private part(pos: number, p: string): void {
    const t = trimEdges(p, PART_EDGES);
    if (t.length < 4) return;
    if (t.includes('@')) {
      this.email(pos, t);
      return;
    }
    const at = pos + p.indexOf(t);
    // (A dotted quad starts with a digit and is at most 15 characters; a hash, or a hash file name, at least 32.)
    const first = t.charCodeAt(0);
    if (first >= 0x30 && first <= 0x39 && t.length <= 15 && canonicalIPv4(t)) {
      // `version 7.12.1.0`, `build: 10.0.1.2` name a release, not an address.
      // `Chrome/120.0.0.0`: a User-Agent product token's version (RFC 9110 §10.1.5), not an address.
      if (VERSION_LABEL.test(this.text.slice(Math.max(0, at - 12), at)) || PRODUCT_TOKEN.test(this.text.slice(Math.max(0, at - 41), at)))
        this.positional = true;
      else this.address(pos, t);
      return;
    }
    if (t.length >= 32) {
      if (HASH.test(t)) {
        this.hash(at, t);
        return;
      }
      const hashFile = HASH_FILE.exec(t);
      if (hashFile) {
        this.hash(at, hashFile[1]!);
        return;
      }
    }
    if (t.includes('.')) this.host(pos, t);
  }
}

/**
 * `text` with the spans (flat [start, end, start, end, …], in order, not overlapping) replaced by
 * spaces: positions stay comparable. Written into one code-unit buffer (a text can hold a hundred
 * thousand URLs: no string per span).
 */
function blank(text: string, spans: readonly number[]): string {
  if (spans.length === 0) return text;
  const n = text.length;
  let wide = false;
  for (let i = 0; i < n && !wide; i++) wide = text.charCodeAt(i) > 0xff;
  const out = wide ? new Uint16Array(n) : new Uint8Array(n);
  let s = 0;
  for (let i = 0; i < n; i++) {
    if (s < spans.length && i >= spans[s]!) {
      const end = spans[s + 1]!;
      for (; i < end; i++) out[i] = 0x20;
      s += 2;
      i--;
      continue;
    }
    out[i] = text.charCodeAt(i);
  }
  const bytes = Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  return wide ? bytes.toString('utf16le') : bytes.toString('latin1');
}

/** Two sorted lists of spans (flat, not overlapping each other) as one sorted list. */
function mergeSpans(a: number[], b: number[]): number[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! < b[j]!)) {
      out.push(a[i]!, a[i + 1]!);
      i += 2;
    } else {
      out.push(b[j]!, b[j + 1]!);
      j += 2;
    }
  }
  return out;
}

function scanText(text: string, c: Collector): void {
  // 1. URLs (their spans are then left out of the later passes, as if blanked); then Message-IDs
  // (`<…@…>` of a message, not a mailbox), left out too.
  // (Each pattern pass runs only when the text holds the literal it needs.)
  const urlSpans: number[] = [];
  c.pass();
  if (text.includes('://')) {
    URL_SCAN.lastIndex = 0;
    for (let m = URL_SCAN.exec(text); m !== null; m = URL_SCAN.exec(text)) {
      const raw = m[0];
      if (!c.full && !c.wasRead(raw) && !inUserAgentComment(text, m.index, m.index + trimUrl(raw).length)) c.readOnce(raw, m.index, c.readUrl);
      urlSpans.push(m.index, m.index + raw.length);
    }
  }
  const idSpans: number[] = [];
  if (text.includes('<')) {
    // `<` never sits in a URL span: the text with the URLs blanked is read for `<…@…>`.
    const rest = blank(text, urlSpans);
    for (const m of rest.matchAll(ANGLE_ADDRESS)) {
      if (isMessageId(m[1]!, m[2]!.toLowerCase())) idSpans.push(m.index, m.index + m[0].length);
    }
  }
  const spans = mergeSpans(urlSpans, idSpans);
  // 2. CVE ids anywhere.
  c.pass();
  for (const m of CVE_HINT.test(text) ? text.matchAll(CVE_SCAN) : []) {
    if (c.full) break;
    c.push({ pos: m.index, type: 'CVE', value: m[0].toUpperCase() });
  }
  // 3. Tokens outside URLs and Message-IDs: one pass over the characters, a span read as white space;
  //    a token is read only when it can hold an indicator (a `.`, `:` or `@` in it, or at least 32
  //    characters for a hash) and is not too long.
  const n = text.length;
  let i = 0;
  let s = 0;
  c.pass();
  while (i < n && !c.full) {
    for (;;) {
      if (s < spans.length && i >= spans[s]!) {
        if (i < spans[s + 1]!) i = spans[s + 1]!;
        s += 2;
      } else if (i < n && isSeparator(text.charCodeAt(i))) i++;
      else break;
    }
    const start = i;
    const limit = s < spans.length ? spans[s]! : n;
    let marked = false;
    // (Never reads text.charCodeAt(n): an out-of-range read deoptimises this function's compiled code.)
    for (; i < limit; i++) {
      const ch = text.charCodeAt(i);
      if (isSeparator(ch)) break;
      if (ch === 0x2e || ch === 0x3a || ch === 0x40) marked = true;
    }
    const len = i - start;
    if (len >= 3 && len <= MAX_TOKEN && (marked || len >= 32)) {
      c.readOnce(text.slice(start, i), start, c.readToken);
    }
  }
}

/**
 * The indicators of several texts, each with the text it was first found in: in order of first
 * appearance, de-duplicated by type and value, at most `maxIndicators`, at most MAX_TEXT_CHARS read.
 */
export function extractFrom<T extends SourceText>(texts: Iterable<T>, options: ExtractOptions): Array<Indicator & { source: T }> {
  const want = new Set(options.types);
  const max = Math.max(0, Math.floor(options.maxIndicators));
  const allow = normaliseAllowList(options.allowList).map((e) => canonicalAddress(e) ?? e);
  const seen = valuesByType();
  const result: Array<Indicator & { source: T }> = [];
  let budget = MAX_TEXT_CHARS;
  // A text read before (same words, same hash reading) can only repeat indicators already de-duplicated.
  // (One set per hash reading: no key string built per text, which for a megabyte text is a copy.)
  const read = { any: new Set<string>(), prose: new Set<string>() };
  for (const source of texts) {
    if (budget <= 0 || result.length >= max) break;
    const original = source.text;
    if (typeof original !== 'string' || original.length === 0) continue;
    const readTexts = read[source.hashes];
    if (readTexts.has(original)) continue;
    readTexts.add(original);
    const clipped = original.length > budget ? original.slice(0, budget) : original;
    budget -= clipped.length;
    const text = options.refang ? refang(clipped) : clipped;
    const collector = new Collector(options, allow, text, source.hashes, want, seen, max - result.length);
    scanText(text, collector);
    collector.out.sort((a, b) => a.pos - b.pos);
    for (const { type, value } of collector.out) {
      if (!want.has(type)) continue;
      const values = seen[type];
      const size = values.size;
      values.add(value);
      if (values.size === size) continue;
      result.push({ type, value, source });
      if (result.length >= max) break;
    }
  }
  return result;
}

/** The indicators of free texts (every text read as evidence: bare hashes count). */
export function extractIndicators(texts: readonly string[], options: ExtractOptions): Indicator[] {
  return extractFrom(
    texts.map((text) => ({ text, hashes: 'any' as const })),
    options,
  ).map(({ type, value }) => ({ type, value }));
}
