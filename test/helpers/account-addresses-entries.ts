/**
 * accountAddresses (app/core/pipeline/account-addresses.ts) as it was before its stack became four
 * parallel arrays (one object per value before) and before only seven-character keys were
 * lower-cased to find `subject`: the reference the new walk is checked against
 * (test/core/pipeline/account-addresses.test.ts). Verbatim otherwise.
 *
 * Account addresses: the e-mail addresses an alert names as an account — the user who acted or was
 * acted on, a recipient, a mailbox, an owner or assignee (`usr.id`, `recipient[]`, `toAddresses`,
 * `actor.alternateId`, `mailbox.primaryAddress`). Such an address is the customer's own account, not
 * evidence, wherever else the alert repeats it (a message text "User alice@corp … logged in").
 * Senders (`sender`, `fromAddress`, `p1Sender`) are not accounts: they are evidence. In a message
 * record (a `subject` beside a recipient), the source user is the sender (Splunk CIM Email `src_user`).
 * Bounded: depth 12, 10 000 nodes; linear in the item's size.
 */
import { keyWords } from '../../app/core/pipeline/indicators/field-rules.js';
import { ownKeys } from '../../app/core/pipeline/own-keys.js';

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

/** A message record: a `subject` beside a recipient-named key (CIM Email, a mail log row). */
function isMessageRecord(keys: readonly string[]): boolean {
  if (keys.length > MAX_RECORD_KEYS) return false;
  return keys.some((k) => k.toLowerCase() === 'subject') && keys.some((k) => keyClass(k).recipient);
}

function accountKey(key: string, inMessage: boolean): boolean | undefined {
  const c = keyClass(key);
  if (c.sender) return false;
  if (inMessage && c.src) return false;
  return c.account ? true : undefined;
}

/** A value to visit; whether it sits under an account key is decided when it is read (`key`), as it is needed. */
interface Entry {
  v: unknown;
  depth: number;
  /** The key it sits under (null: an array element), read with `inMessage`; else it inherits `account`. */
  key: string | null;
  inMessage: boolean;
  account: boolean;
}

const isAccount = (e: Entry): boolean => (e.key === null ? e.account : (accountKey(e.key, e.inMessage) ?? e.account));

/** The lower-cased e-mail addresses found under account-named keys. */
export function accountAddresses(item: unknown): Set<string> {
  const found = new Set<string>();
  let nodes = 0;
  const stack: Entry[] = [{ v: item, depth: 0, key: null, inMessage: false, account: false }];
  while (stack.length > 0 && nodes < MAX_NODES) {
    const e = stack.pop()!;
    const { v, depth } = e;
    nodes++;
    if (typeof v === 'string') {
      // The key is read only for a string shaped like an address (a key's words cost more than the test).
      if (EMAIL.test(v.trim()) && isAccount(e)) found.add(v.trim().toLowerCase());
      continue;
    }
    if (v === null || typeof v !== 'object' || depth >= MAX_DEPTH) continue;
    const account = isAccount(e);
    // Only the entries that can still be visited (the last ones: popped first) are pushed: a
    // 100,000-key object or a 300,000-element array costs the node budget, not its size.
    if (Array.isArray(v)) {
      for (let i = Math.max(0, v.length - (MAX_NODES - nodes)); i < v.length; i++)
        stack.push({ v: v[i], depth: depth + 1, key: null, inMessage: false, account });
      continue;
    }
    const keys = ownKeys(v);
    const inMessage = isMessageRecord(keys);
    for (let i = Math.max(0, keys.length - (MAX_NODES - nodes)); i < keys.length; i++) {
      const k = keys[i]!;
      stack.push({ v: (v as Record<string, unknown>)[k], depth: depth + 1, key: k, inMessage, account });
    }
  }
  return found;
}
