/**
 * What a key name says about the value under it (the generic provenance rule, docs/indicators.md):
 * the alerting tool's own metadata (ids, keys, versions, links, people) is never scanned; hash-named
 * keys and evidence containers make a bare hex string a file hash.
 *
 * A key is cut into lower-case words at non-alphanumerics and camelCase humps
 * (`customerIDString` → customer id string, `html_url` → html url, `kibana.alert.uuid` → kibana alert uuid).
 * Only the first 128 characters of a key are read.
 */

const MAX_KEY = 128;

/** Any of these words: an identifier of the tool's own objects (`commit`: a git commit's sha is no file). */
const ID_WORDS = new Set([
  'id',
  'ids',
  'uuid',
  'uuids',
  'guid',
  'guids',
  'fingerprint',
  'fingerprints',
  'arn',
  'arns',
  'etag',
  'commit',
  'uid',
  'gid',
  'sid',
  'pid',
  'ppid',
  'tid',
  'oid',
  'version',
  'versions',
  'ver',
  'build',
  'schema',
  'odata',
]);
/** As the last word: a key, token or position of the tool (`incident_key`, `dedup_key`, `next_token`, `offset`). */
const ID_TAILS = new Set(['key', 'keys', 'token', 'tokens', 'offset', 'cursor', 'nonce', 'signature', 'secret', 'sequence']);
/** Any of these words on a string value: a link (console, API or documentation URL of the tool). */
const LINK_WORDS = new Set(['url', 'urls', 'uri', 'uris', 'link', 'links', 'href', 'permalink', 'self']);
/** …unless one of these says the link is what was observed (`maliciousUrl`, `requestUrl`, `UrlDomain`). */
const OBSERVED_WORDS = new Set([
  'malicious',
  'malware',
  'phishing',
  'phish',
  'suspicious',
  'ioc',
  'iocs',
  'indicator',
  'indicators',
  'bad',
  'blocked',
  'clicked',
  'click',
  'visited',
  'request',
  'requested',
  'destination',
  'dest',
  'dst',
  'src',
  'remote',
  'target',
  'referer',
  'referrer',
  'redirect',
  'download',
  'downloaded',
  'payload',
  'c2',
  'callback',
  'original',
  'full',
  'observed',
  'infected',
  'attack',
  'attacker',
  'exploit',
  'embedded',
  'domain',
  'sender',
  'recipient',
  'file',
  'evidence',
]);
/**
 * Any of these words, or `assigned to`: people (analysts, owners, commenters: `createdBy`,
 * `createdByDisplayName`), account identities (`userPrincipalName`, Sentinel's `upnSuffix`) and the
 * affected asset's own names (`computerDnsName`, `deviceDnsName`, `MachineDomain`).
 * `agent` (not `user agent`) is the affected endpoint's sensor: SentinelOne `agentDetectionInfo.externalIp`
 * is the customer's own egress address.
 */
const PEOPLE_WORDS = new Set([
  'assignee',
  'assignees',
  'assignments',
  'owner',
  'owners',
  'author',
  'authors',
  'reporter',
  'reporters',
  'commenter',
  'commenters',
  'analyst',
  'analysts',
  'responder',
  'responders',
  'acknowledger',
  'acknowledgers',
  'acknowledgements',
  'acknowledgments',
  'watchers',
  'subscribers',
  'oncall',
  'by',
  'upn',
  'principal',
  'computer',
  'machine',
  'device',
]);
/** Whole keys naming an account: the user who acted or was acted on (Opsgenie `username`, Azure activity log `caller`). */
const ACCOUNT_KEYS = new Set(['user', 'username', 'user_name', 'login', 'user_login', 'caller']);
/** A CVE id is an indicator wherever it sits (`cve_id`, `cveId`): the id rule does not apply. */
const CVE_WORD = 'cve';
/** Any of these words: the value is a file hash or holds some (`MD5String`, `FileHash`, `hashes[]`; not a bare `sha`: GitHub's commit ids). */
const HASH_WORDS = new Set(['md5', 'sha1', 'sha256', 'sha512', 'hash', 'hashes', 'checksum', 'checksums', 'digest', 'digests']);
/** Objects and arrays whose content is the alert's evidence (`evidence[]`, `entities[]`, SCC `indicator`, Splunk `result`). */
const CONTAINER_WORDS = new Set([
  'evidence',
  'evidences',
  'entities',
  'entity',
  'indicator',
  'indicators',
  'ioc',
  'iocs',
  'observable',
  'observables',
  'artifact',
  'artifacts',
]);
const CONTAINER_KEYS = new Set(['result']);

export function keyWords(key: string): string[] {
  const k = key.length > MAX_KEY ? key.slice(0, MAX_KEY) : key;
  const words: string[] = [];
  let word = '';
  const flush = () => {
    if (word) words.push(word.toLowerCase());
    word = '';
  };
  for (let i = 0; i < k.length; i++) {
    const c = k[i]!;
    const upper = c >= 'A' && c <= 'Z';
    const alnum = upper || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum) {
      flush();
      continue;
    }
    const prev = k[i - 1] ?? '';
    const next = k[i + 1] ?? '';
    const prevLowerOrDigit = (prev >= 'a' && prev <= 'z') || (prev >= '0' && prev <= '9');
    const prevUpper = prev >= 'A' && prev <= 'Z';
    // A hump: `aB` starts a word, and so does the last capital of a run before a lower-case letter
    // (`IDString`), except a plural `s` ending the word (`alertTargetIDs`, `URLs`).
    const after = k[i + 2] ?? '';
    const pluralS = next === 's' && !(after >= 'a' && after <= 'z');
    if (upper && word && (prevLowerOrDigit || (prevUpper && next >= 'a' && next <= 'z' && !pluralS))) flush();
    word += c;
  }
  flush();
  return words;
}

const someIn = (words: readonly string[], set: ReadonlySet<string>) => words.some((w) => set.has(w));

/** What a key name says, whatever its value (cacheable per key). */
export interface KeyTraits {
  /** An id, key, version or person: the tool's own metadata. */
  meta: boolean;
  /** A link word without an observed word: metadata when the value is a string and not in an evidence container. */
  link: boolean;
  /** A link key that also names what it links to (`generatorURL`, `html_url`, `incidentWebUrl`; not a bare `url`). */
  namedLink: boolean;
  /** Names a file hash (or a list or object of them). */
  hash: boolean;
  /** Holds the alert's evidence: inside it, links are scanned and bare hex strings are hashes. */
  container: boolean;
  /** Names a hash algorithm (`algorithm`, `hashType`): `{ "algorithm": "SHA256", "value": "…" }`. */
  algorithm: boolean;
}

const ALGORITHM_KEY = /^(?:hash_?)?(?:algorithm|algo|hash_?type)$/i;
export const HASH_ALGORITHM = /^(?:md5|sha-?1|sha-?256)$/i;

export function keyTraits(key: string): KeyTraits {
  const words = keyWords(key);
  const last = words[words.length - 1] ?? '';
  return {
    meta:
      key.startsWith('@odata') ||
      key.startsWith('$') ||
      (!words.includes(CVE_WORD) && (someIn(words, ID_WORDS) || ID_TAILS.has(last))) ||
      someIn(words, PEOPLE_WORDS) ||
      ACCOUNT_KEYS.has(words.join('_')) ||
      (words.includes('agent') && !words.includes('user')) ||
      words.join('_').includes('assigned_to'),
    link: someIn(words, LINK_WORDS) && !someIn(words, OBSERVED_WORDS),
    namedLink: someIn(words, LINK_WORDS) && !someIn(words, OBSERVED_WORDS) && words.some((w) => !LINK_WORDS.has(w)),
    hash: someIn(words, HASH_WORDS),
    container: CONTAINER_KEYS.has(words.join('_')) || someIn(words, CONTAINER_WORDS),
    algorithm: key.length <= 16 && ALGORITHM_KEY.test(key),
  };
}

/**
 * The value under `key` is the tool's own metadata and is never scanned. `leaf`: the value is a string
 * or an array of non-objects (the link rule applies only to those); `inContainer`: the key sits inside
 * an evidence container (links there are evidence).
 */
export function isMetadata(t: KeyTraits, leaf: boolean, inContainer: boolean): boolean {
  return t.meta || (leaf && !inContainer && t.link);
}
