/**
 * Account addresses: the e-mail addresses an alert names as an account — the user who acted or was
 * acted on, a recipient, a mailbox, an owner or assignee (`usr.id`, `recipient[]`, `toAddresses`,
 * `actor.alternateId`, `mailbox.primaryAddress`). Such an address is the customer's own account, not
 * evidence, wherever else the alert repeats it (a message text "User alice@corp … logged in").
 * Senders (`sender`, `fromAddress`, `p1Sender`) are not accounts: they are evidence. In a message
 * record (a `subject` beside a recipient), the source user is the sender (Splunk CIM Email `src_user`).
 * Bounded: depth 12, 10 000 nodes; linear in the item's size.
 */
import { keyWords } from './indicators/field-rules.js';
import { ownKeys } from './own-keys.js';

const ACCOUNT_WORDS = new Set([
  'usr',
  'user',
  'users',
  'username',
  'actor',
  'account',
  'accounts',
  'principal',
  'upn',
  'recipient',
  'recipients',
  'to',
  'cc',
  'bcc',
  'mailbox',
  'owner',
  'owners',
  'assignee',
  'assignees',
  'member',
  'members',
  'victim',
  'victims',
]);
const SENDER_WORDS = new Set(['sender', 'senders', 'from', 'reply', 'replyto', 'return']);
const EMAIL = /^[^\s@<>()",;:]{1,64}@[a-z0-9.-]{1,253}\.[a-z]{2,24}$/i;
const MAX_DEPTH = 12;
const MAX_NODES = 10_000;

const RECIPIENT_WORDS = new Set(['recipient', 'recipients', 'to']);

/** Keys of one object looked at to tell a message record: a mail log row has tens, not thousands. */
const MAX_RECORD_KEYS = 256;

/** What a key name's words say here. */
interface KeyClass {
  sender: boolean;
  src: boolean;
  account: boolean;
  recipient: boolean;
}

/** Key classes shared by every alert (a trigger's alerts repeat their key names): the first 1,000 names of at most 64 characters, never evicted. */
const SHARED_KEYS = 1000;
const keyClasses = new Map<string, KeyClass>();

function keyClass(key: string): KeyClass {
  let c = keyClasses.get(key);
  if (c) return c;
  const words = keyWords(key);
  c = {
    sender: words.some((w) => SENDER_WORDS.has(w)),
    src: words.includes('src'),
    account: words.some((w) => ACCOUNT_WORDS.has(w)),
    recipient: words.some((w) => RECIPIENT_WORDS.has(w)),
  };
  if (keyClasses.size < SHARED_KEYS && key.length <= 64) keyClasses.set(key, c);
  return c;
}

/**
 * A message record: a `subject` beside a recipient-named key (CIM Email, a mail log row). (Only a
 * key of seven characters can lower-case to `subject`: no other key is lower-cased, a new string each.)
 */
function isMessageRecord(keys: readonly string[]): boolean {
  if (keys.length > MAX_RECORD_KEYS) return false;
  return keys.some((k) => k.length === 7 && k.toLowerCase() === 'subject') && keys.some((k) => keyClass(k).recipient);
}

function accountKey(key: string, inMessage: boolean): boolean | undefined {
  const c = keyClass(key);
  if (c.sender) return false;
  if (inMessage && c.src) return false;
  return c.account ? true : undefined;
}

/** Flags of a value to visit (beside it on the stack). */
const IN_MESSAGE = 1;
const ACCOUNT = 2;

/** Is a value under an account key? Its key is read only when this is asked; an array element inherits. */
const isAccount = (key: string | null, f: number): boolean =>
  key === null ? (f & ACCOUNT) !== 0 : (accountKey(key, (f & IN_MESSAGE) !== 0) ?? (f & ACCOUNT) !== 0);

/**
 * The lower-cased e-mail addresses found under account-named keys.
 *
 * An explicit stack of values, each with its depth, the key it sits under (null: an array element;
 * read with IN_MESSAGE when needed, else it inherits ACCOUNT) and those flags, kept in four
 * parallel arrays rather than an object per value: up to 10,000 objects per alert were garbage
 * that, in the service's 2 MB young generation, made the collector copy a large alert's whole
 * parsed tree once more (1 MB-class nested JSON analysed in-line: ~25 % of its CPU).
 */
export function accountAddresses(item: unknown): Set<string> {
  const found = new Set<string>();
  let nodes = 0;
  const values: unknown[] = [item];
  const depths: number[] = [0];
  const keys: Array<string | null> = [null];
  const flags: number[] = [0];
  while (values.length > 0 && nodes < MAX_NODES) {
    const v = values.pop();
    const depth = depths.pop()!;
    const key = keys.pop()!;
    const f = flags.pop()!;
    nodes++;
    if (typeof v === 'string') {
      // The key is read only for a string shaped like an address (a key's words cost more than the test).
      if (EMAIL.test(v.trim()) && isAccount(key, f)) found.add(v.trim().toLowerCase());
      continue;
    }
    if (v === null || typeof v !== 'object' || depth >= MAX_DEPTH) continue;
    const account = isAccount(key, f) ? ACCOUNT : 0;
    // Only the entries that can still be visited (the last ones: popped first) are pushed: a
    // 100,000-key object or a 300,000-element array costs the node budget, not its size.
    if (Array.isArray(v)) {
      for (let i = Math.max(0, v.length - (MAX_NODES - nodes)); i < v.length; i++) {
        values.push(v[i]);
        depths.push(depth + 1);
        keys.push(null);
        flags.push(account);
      }
      continue;
    }
    const own = ownKeys(v);
    const inMessage = isMessageRecord(own) ? IN_MESSAGE : 0;
    for (let i = Math.max(0, own.length - (MAX_NODES - nodes)); i < own.length; i++) {
      const k = own[i]!;
      values.push((v as Record<string, unknown>)[k]);
      depths.push(depth + 1);
      keys.push(k);
      flags.push(inMessage | account);
    }
  }
  return found;
}
