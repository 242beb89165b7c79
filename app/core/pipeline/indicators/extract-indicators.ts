/**
 * extract indicators: addresses (IPv4/IPv6), hosts, URLs, email addresses, file hashes and CVE ids
 * from alert text, refanged, with private/reserved addresses and allow-listed domains dropped,
 * de-duplicated, in ThreatConnect type names. Text is cut into bounded tokens first, so the work is
 * linear in the input and no pattern can backtrack catastrophically.
 */
import { domainToASCII } from 'node:url';
import { isIPv4, isIPv6 } from 'node:net';
import { refang } from './refang.js';
import { isNonPublicAddress } from './ip-ranges.js';

export type IndicatorType = 'Address' | 'Host' | 'URL' | 'EmailAddress' | 'File' | 'CVE';
export const INDICATOR_TYPES: readonly IndicatorType[] = ['Address', 'Host', 'URL', 'EmailAddress', 'File', 'CVE'];

export interface Indicator {
  type: IndicatorType;
  value: string;
}

export interface ExtractOptions {
  types: readonly IndicatorType[];
  refang: boolean;
  allowList: readonly string[];
  dropPrivate: boolean;
  maxIndicators: number;
}

/** Every string (and object key) under a JSON value, bounded in count and depth. */
export function collectStrings(value: unknown, limits: { maxStrings: number; maxDepth: number }): string[] {
  const out: string[] = [];
  const walk = (v: unknown, depth: number) => {
    if (out.length >= limits.maxStrings || depth > limits.maxDepth) return;
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'number' || typeof v === 'boolean') return;
    else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) walk(x, depth + 1);
  };
  walk(value, 0);
  return out;
}

const MAX_TOKEN = 2048;
const MAX_TEXT = 1_000_000;
/** Separators between tokens; URLs keep their own punctuation. */
const SPLIT = /[\s<>"'`|\\^]+/;
const TRAIL = /[.,;:!?)\]}>'"]+$/;
const TRAIL_KEEP_BRACKETS = /[.,;:!?}>'"]+$/;
const LEAD = /^[(<[{'"]+/;
const URL_RE = /^(?:https?|ftp):\/\/[^\s]+$/i;
const IPV4_IN = /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\d|\.\d)/g;
const HASH_IN = /(?<![0-9a-fA-F])(?:[0-9a-fA-F]{64}|[0-9a-fA-F]{40}|[0-9a-fA-F]{32})(?![0-9a-fA-F])/g;
const CVE_IN = /\bCVE-\d{4}-\d{4,7}\b/gi;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TLD = /^(?:[a-z]{2}|xn--[a-z0-9-]{2,59})$/;
/**
 * Generic top-level domains recognised for bare host names (country codes: any two letters). Text
 * like "j.doe" or "config.yaml" is not a host; URLs and email addresses are recognised whatever their TLD.
 */
const GENERIC_TLDS = new Set(
  ('com net org info biz name pro mobi aero asia cat coop jobs museum tel travel xxx edu gov mil int arpa ' +
    'io app dev cloud site online store shop tech space website xyz top club live life news media blog page ' +
    'art design studio best world today zone digital network email support services solutions group center ' +
    'company global plus one ninja guru icu vip work fun buzz monster rest bar cyou sbs cfd link click win bid ' +
    'loan date download stream racing party review science trade webcam men kim ltd host press agency social ' +
    'finance money bank capital cash pay crypto exchange legal health care help ai tokyo berlin london nyc ' +
    'onion example test invalid localhost amazon google microsoft apple').split(' '),
);
/** Last parts that are file extensions far more often than top-level domains in alert text. */
const FILE_EXTENSIONS = new Set(['exe', 'dll', 'sys', 'bat', 'cmd', 'ps1', 'vbs', 'js', 'jar', 'py', 'sh', 'bin', 'pdf', 'doc', 'docx', 'docm', 'xls', 'xlsx', 'xlsm', 'ppt', 'pptx', 'rtf', 'txt', 'log', 'csv', 'json', 'xml', 'yml', 'yaml', 'ini', 'cfg', 'conf', 'tmp', 'dat', 'db', 'png', 'jpg', 'jpeg', 'gif', 'bmp', 'svg', 'htm', 'html', 'php', 'asp', 'aspx', 'jsp', 'lnk', 'msi', 'iso', 'img', 'vhd', 'rar', '7z', 'tar', 'gz', 'tgz', 'bz2', 'hta', 'scr', 'cpl', 'ocx', 'eml', 'msg', 'local', 'internal', 'lan', 'corp', 'home']);

function normaliseHost(raw: string): string | null {
  let host = raw.toLowerCase().replace(/\.$/, '');
  if (host.length > 253 || !host.includes('.')) return null;
  if (/[^\x00-\x7f]/.test(host)) {
    const ascii = domainToASCII(host);
    if (!ascii) return null;
    host = ascii;
  }
  const labels = host.split('.');
  if (!labels.every((l) => LABEL.test(l))) return null;
  const tld = labels[labels.length - 1]!;
  if (!(TLD.test(tld) || GENERIC_TLDS.has(tld)) || FILE_EXTENSIONS.has(tld)) return null;
  return host;
}

/** URL hosts and email domains: any TLD of the right shape (the scheme or @ already says it is a domain). */
function normaliseDomain(raw: string): string | null {
  const host = raw.toLowerCase().replace(/\.$/, '');
  const ascii = /[^\x00-\x7f]/.test(host) ? domainToASCII(host) : host;
  if (!ascii || ascii.length > 253 || !ascii.includes('.')) return null;
  const labels = ascii.split('.');
  if (!labels.every((l) => LABEL.test(l))) return null;
  return /^(?:[a-z]{2,24}|xn--[a-z0-9-]{2,59})$/.test(labels[labels.length - 1]!) ? ascii : null;
}

function allowListed(host: string, allowList: readonly string[]): boolean {
  return allowList.some((d) => host === d || host.endsWith(`.${d}`));
}

function cleanUrl(token: string): string | null {
  let url = token.replace(TRAIL_KEEP_BRACKETS, '');
  // A closing bracket with no opening one inside the URL belongs to the sentence.
  while (/[)\]]$/.test(url)) {
    const close = url.at(-1)!;
    const open = close === ')' ? '(' : '[';
    if (url.split(open).length >= url.split(close).length) break;
    url = url.slice(0, -1).replace(TRAIL_KEEP_BRACKETS, '');
  }
  try {
    const u = new URL(url);
    if (!u.hostname) return null;
    return url;
  } catch {
    return null;
  }
}

export function extractIndicators(texts: readonly string[], options: ExtractOptions): Indicator[] {
  const want = new Set(options.types);
  const allow = options.allowList.map((d) => d.trim().toLowerCase().replace(/^\*\./, '').replace(/\.$/, '')).filter(Boolean);
  const seen = new Set<string>();
  const out: Indicator[] = [];
  const add = (type: IndicatorType, value: string) => {
    if (!want.has(type) || out.length >= options.maxIndicators) return;
    const key = `${type}|${value}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ type, value });
  };
  const addAddress = (ip: string) => {
    const address = ip.toLowerCase().replace(/%.*$/, '');
    if (!isIPv4(address) && !isIPv6(address)) return;
    if (options.dropPrivate && isNonPublicAddress(address)) return;
    add('Address', address);
  };
  const addHost = (raw: string) => {
    const host = normaliseHost(raw);
    if (!host || host === 'localhost' || allowListed(host, allow)) return;
    add('Host', host);
  };

  let budget = MAX_TEXT;
  for (const original of texts) {
    if (budget <= 0 || out.length >= options.maxIndicators) break;
    const text = (options.refang ? refang(original) : original).slice(0, budget);
    budget -= text.length;
    for (const rawToken of text.split(SPLIT)) {
      if (rawToken.length === 0 || rawToken.length > MAX_TOKEN) continue;
      const token = rawToken.replace(LEAD, '');
      if (URL_RE.test(token)) {
        const url = cleanUrl(token);
        if (url) {
          const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
          if (isIPv4(host) || isIPv6(host)) {
            if (!(options.dropPrivate && isNonPublicAddress(host))) add('URL', url);
          } else {
            const h = normaliseDomain(host);
            if (h && !allowListed(h, allow)) add('URL', url);
          }
        }
        continue; // hashes, hosts and addresses inside a URL belong to the URL
      }
      const bare = token.replace(TRAIL, '');
      for (const part of bare.split(/[=,;]/)) {
        if (part.length === 0) continue;
        const at = part.lastIndexOf('@');
        if (at > 0 && !part.includes(':')) {
          const local = part.slice(0, at);
          const domain = normaliseDomain(part.slice(at + 1));
          if (/^[A-Za-z0-9._%+-]{1,64}$/.test(local) && domain && !allowListed(domain, allow)) add('EmailAddress', `${local}@${domain}`);
          continue;
        }
        for (const m of part.matchAll(CVE_IN)) add('CVE', m[0].toUpperCase());
        for (const m of part.matchAll(HASH_IN)) add('File', m[0].toLowerCase());
        const v6 = part.replace(/^\[|\](:\d+)?$/g, '');
        if (v6.includes(':') && isIPv6(v6.replace(/%.*$/, ''))) {
          addAddress(v6);
          continue;
        }
        let hadV4 = false;
        for (const m of part.matchAll(IPV4_IN)) {
          hadV4 = true;
          addAddress(m[0]);
        }
        if (hadV4) continue;
        const hostCandidate = part.replace(/^[a-z]+:/i, '').replace(/:\d+$/, '');
        if (/^[\p{L}\p{N}.-]+$/u.test(hostCandidate) && !/^[\d.]+$/.test(hostCandidate)) addHost(hostCandidate);
      }
    }
  }
  return out;
}
