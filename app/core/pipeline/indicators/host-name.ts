/**
 * Host names: IDN → punycode (node:url domainToASCII), lower case, labels of 1–63 letters/digits/hyphens
 * (no hyphen at either end), at most 253 characters, at least two labels, an alphabetic (or xn--) TLD.
 * In free text a bare name is a host only when its TLD is a delegated country code, an IDN (xn--)
 * TLD or a known generic TLD (so `j.doe`, `notes.todo` or ECS `destination.ip` are not hosts), never when
 * its last label is a common file extension (`report.pdf`, `setup.exe`, `invoice.zip`: file names), and
 * never when it reads as a dotted field name ending in `.id` or `.name` (`host.id`, `user.name`,
 * `dns.question.name`: letters-only labels). Inside a URL or an e-mail address the scheme or the @
 * already says it is a domain: any TLD of the right shape counts.
 */
import { domainToASCII } from 'node:url';

export type HostContext = 'text' | 'url' | 'email';

const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** Delegated country-code TLDs (ISO 3166-1 alpha-2 plus ac, eu, su, uk). */
export const COUNTRY_TLDS: ReadonlySet<string> = new Set(
  (
    'ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo bq br bs bt bv bw by bz ca cc cd cf cg ' +
    'ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj fk fm fo fr ga gb gd ge gf gg gh gi gl gm ' +
    'gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc ' +
    'li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om ' +
    'pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st su sv sx sy sz tc ' +
    'td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw'
  ).split(' '),
);

/** A dotted field name, not a host, in free text: `host.id`, `user.name`, `dns.question.name`. */
const FIELD_NAME = /^[a-z_]+(?:\.[a-z_]+){0,3}\.(?:id|name)$/;

/** Generic TLDs recognised for bare host names in free text. */
export const GENERIC_TLDS: ReadonlySet<string> = new Set(
  (
    'com net org info biz name pro mobi aero asia cat coop jobs museum tel travel xxx edu gov mil int arpa ' +
    'io app dev cloud site online store shop tech space website xyz top club live life news media blog page ' +
    'art design studio best world today zone digital network email support services solutions group center ' +
    'company global plus one ninja guru icu vip work fun buzz monster rest bar cyou sbs cfd link click win bid ' +
    'loan date download stream racing party review science trade webcam men kim ltd host press agency social ' +
    'finance money bank capital cash pay crypto exchange legal health care help ai tokyo berlin london nyc ' +
    'onion example test invalid localhost amazon google microsoft apple'
  ).split(' '),
);

/** Last labels that, in free text, are file extensions (or local-only names) far more often than TLDs. */
export const FILE_EXTENSIONS: ReadonlySet<string> = new Set([
  'exe',
  'dll',
  'sys',
  'drv',
  'scr',
  'cpl',
  'ocx',
  'bat',
  'cmd',
  'ps1',
  'psm1',
  'vbs',
  'vbe',
  'js',
  'jse',
  'wsf',
  'hta',
  'lnk',
  'msi',
  'msp',
  'jar',
  'war',
  'class',
  'java',
  'py',
  'pyc',
  'rb',
  'pl',
  'pm',
  'sh',
  'so',
  'ko',
  'go',
  'rs',
  'cs',
  'cpp',
  'md',
  'bin',
  'elf',
  'apk',
  'ipa',
  'dmg',
  'pkg',
  'deb',
  'rpm',
  'iso',
  'img',
  'vhd',
  'vhdx',
  'ova',
  'zip',
  'rar',
  '7z',
  'tar',
  'gz',
  'tgz',
  'bz2',
  'xz',
  'cab',
  'pdf',
  'doc',
  'docx',
  'docm',
  'dot',
  'dotm',
  'xls',
  'xlsx',
  'xlsm',
  'xlsb',
  'xll',
  'ppt',
  'pptx',
  'pptm',
  'rtf',
  'odt',
  'one',
  'chm',
  'txt',
  'log',
  'csv',
  'tsv',
  'json',
  'xml',
  'yml',
  'yaml',
  'toml',
  'ini',
  'cfg',
  'conf',
  'config',
  'tmp',
  'temp',
  'dat',
  'db',
  'sqlite',
  'bak',
  'old',
  'swp',
  'lock',
  'pid',
  'png',
  'jpg',
  'jpeg',
  'gif',
  'bmp',
  'svg',
  'ico',
  'webp',
  'tif',
  'tiff',
  'mp3',
  'mp4',
  'mov',
  'avi',
  'wav',
  'mkv',
  'htm',
  'html',
  'css',
  'php',
  'asp',
  'aspx',
  'jsp',
  'cgi',
  'eml',
  'msg',
  'pst',
  'ost',
  'pem',
  'crt',
  'cer',
  'der',
  'key',
  'pfx',
  'p12',
  'csr',
  'pcap',
  'pcapng',
  'evtx',
  'etl',
  'dmp',
  'reg',
  'inf',
  'pif',
  'url',
  'local',
  'localhost',
  'internal',
  'lan',
  'corp',
  'home',
  'localdomain',
  'invalid',
]);

/** Names that only make sense inside one network (RFC 6761/6762, RFC 8375, common private suffixes). */
export function isLocalOnlyHost(host: string): boolean {
  return host === 'localhost' || /\.(?:localhost|local|internal|lan|localdomain|invalid|home\.arpa)$/.test(host);
}

/**
 * Where the last label starts (after its dot) when `host` is at least two labels and every label
 * is 1–63 of `a-z0-9-` with no hyphen at either end (`/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/`); else -1. One pass over the
 * characters: what `split('.')` and a pattern per label would tell, without their strings.
 */
function lastDotOfLabels(host: string): number {
  let start = 0;
  let lastDot = -1;
  for (let i = 0; i <= host.length; i++) {
    const c = i < host.length ? host.charCodeAt(i) : 0x2e;
    if (c === 0x2e) {
      const len = i - start;
      if (len < 1 || len > 63 || host.charCodeAt(start) === 0x2d || host.charCodeAt(i - 1) === 0x2d) return -1;
      if (i < host.length) lastDot = i;
      start = i + 1;
    } else if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d)) return -1;
  }
  return lastDot;
}

/** The canonical ASCII host, or null when it is not a plausible public host name in this context. */
export function normaliseHost(raw: string, context: HostContext): string | null {
  if (raw.length === 0 || raw.length > 253 * 4) return null;
  let host = raw.toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);
  // An ASCII name of valid labels (most) is told in one pass; only a name that is not is looked at for IDN.
  let lastDot = lastDotOfLabels(host);
  if (lastDot < 0) {
    if (!/[^\x00-\x7f]/.test(host)) return null;
    host = domainToASCII(host);
    if (!host) return null;
    lastDot = lastDotOfLabels(host);
    if (lastDot < 0) return null;
  }
  if (host.length > 253) return null;
  const tld = host.slice(lastDot + 1);
  if (!TLD.test(tld)) return null;
  if (context === 'text') {
    if (FILE_EXTENSIONS.has(tld) || !(COUNTRY_TLDS.has(tld) || tld.startsWith('xn--') || GENERIC_TLDS.has(tld))) return null;
    if ((tld === 'id' || tld === 'name') && (host.indexOf('.') === lastDot || tld === 'name') && FIELD_NAME.test(host)) return null;
  }
  return host;
}

/** Allow-list entries → canonical domains (`*.` and leading dots dropped, IDN → punycode). */
export function normaliseAllowList(entries: readonly string[]): string[] {
  const out: string[] = [];
  for (const e of entries) {
    const t = e
      .trim()
      .toLowerCase()
      .replace(/^\*?\.+/, '')
      .replace(/\.$/, '');
    if (!t) continue;
    out.push(/[^\x00-\x7f]/.test(t) ? domainToASCII(t) || t : t);
  }
  return out;
}

/** The host is an allow-listed domain or one of its subdomains. */
export function isAllowListed(host: string, allowList: readonly string[]): boolean {
  for (const d of allowList) if (host === d || host.endsWith(`.${d}`)) return true;
  return false;
}
