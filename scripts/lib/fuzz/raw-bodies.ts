/**
 * Big bodies that are not plain JSON alerts, for `npm run fuzz:process` (issue 10): each builds a
 * body of about `n` bytes (for gzip: `n` bytes once inflated) with the request headers it is sent
 * with. Deterministic: the same bytes every run.
 */
import { gzipSync } from 'node:zlib';
import type { NameValue } from '../../../app/protocol/messages.js';

export interface RawBody {
  body: Buffer;
  headers: NameValue[];
  /** The size the figures are per: the body's, or the inflated size of a compressed one. */
  bytes: number;
}

const header = (name: string, value: string): NameValue => ({ name, value });
const fill = (unit: string, n: number) => unit.repeat(Math.max(1, Math.ceil(n / unit.length))).slice(0, n);

/** Bytes from a small linear congruential generator: incompressible-looking, but the same every run. */
function pseudoRandom(n: number): Buffer {
  const out = Buffer.allocUnsafe(n);
  let x = 0x2545f491;
  for (let i = 0; i < n; i += 1) {
    x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const LINE = 'Jan 12 10:00:01 fw01 sshd[4242]: Failed password for root from 45.33.32.156 port 22 via evil.example http://evil.example/x\n';

export const RAW_FAMILIES: Readonly<Record<string, (n: number) => RawBody>> = {
  'plain-text': (n) => {
    const body = Buffer.from(fill(LINE, n));
    return { body, headers: [header('Content-Type', 'text/plain')], bytes: body.length };
  },
  'form-encoded': (n) => {
    const body = Buffer.from(`title=fuzz&severity=high&description=${encodeURIComponent(fill(LINE, Math.floor((n - 40) / 1.3)))}`.slice(0, n));
    return { body, headers: [header('Content-Type', 'application/x-www-form-urlencoded')], bytes: body.length };
  },
  'base64-of-binary': (n) => {
    const body = Buffer.from(pseudoRandom(Math.floor((n * 3) / 4)).toString('base64'));
    return { body, headers: [header('Content-Type', 'text/plain')], bytes: body.length };
  },
  'binary-octets': (n) => {
    const body = pseudoRandom(n);
    return { body, headers: [header('Content-Type', 'application/octet-stream')], bytes: body.length };
  },
  'invalid-utf8-json': (n) => {
    // A JSON alert whose description holds bytes that are not UTF-8 (lone continuation bytes, 0xff).
    const head = Buffer.from('{"title":"fuzz","severity":"high","description":"');
    const tail = Buffer.from('"}');
    const middle = Buffer.alloc(Math.max(1, n - head.length - tail.length));
    const unit = Buffer.from([0x61, 0x80, 0x62, 0xff, 0x20, 0xc3, 0x28, 0x20]);
    for (let i = 0; i < middle.length; i += 1) middle[i] = unit[i % unit.length]!;
    const body = Buffer.concat([head, middle, tail]);
    return { body, headers: [header('Content-Type', 'application/json')], bytes: body.length };
  },
  'gzip-json': (n) => {
    // Inflates to an n-byte JSON alert; the description is hex of pseudo-random bytes (compresses ~2×).
    const text = JSON.stringify({ title: 'fuzz', severity: 'high', description: pseudoRandom(Math.floor((n - 60) / 2)).toString('hex') });
    return { body: gzipSync(text), headers: [header('Content-Type', 'application/json'), header('Content-Encoding', 'gzip')], bytes: text.length };
  },
  'batch-1000': (n) => {
    // More alerts than one request may carry (maxAlerts), each with a share of the text.
    const each = Math.max(10, Math.floor(n / 1000) - 80);
    const text = JSON.stringify(
      Array.from({ length: 1000 }, (_, i) => ({ title: `alert ${i}`, severity: 'high', description: `see 45.33.32.${i % 250} ${fill('lorem ipsum ', each)}` })),
    );
    return { body: Buffer.from(text), headers: [header('Content-Type', 'application/json')], bytes: text.length };
  },
};
