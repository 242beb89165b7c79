/**
 * Adversarial alert bodies for `npm run fuzz` (and the unit test that checks their results): each
 * family builds a JSON body of about `n` bytes aimed at one way a scanner can go superlinear.
 */
/** Repeats `unit` until `n` characters. */
const fill = (unit: string, n: number) => unit.repeat(Math.max(1, Math.ceil(n / unit.length))).slice(0, n);
/** An alert whose description is `text`. */
const alert = (text: string) => JSON.stringify({ title: 'fuzz', severity: 'high', description: text });

/** Each family: a JSON body of about `n` bytes. */
export const FUZZ_FAMILIES: Readonly<Record<string, (n: number) => string>> = {
  // The three bodies of issue 10, grown to size.
  'url-dots': (n) => alert(`http://${fill('.', n - 60)}a`),
  'url-bangs': (n) => alert(`https://x${fill('!', n - 60)}y`),
  'url-close-parens': (n) => alert(`http://a.com/${fill(')', n - 60)}`),
  'url-open-close': (n) => alert(`https://x.example/${fill('(', (n - 60) / 2)}${fill(')', (n - 60) / 2)}`),
  'url-brackets-mixed': (n) => alert(`https://x.example/${fill('])[(.', n - 60)}`),
  'urls-many': (n) => alert(fill('http://a.example/x). ', n - 40)),
  'scheme-repeated': (n) => alert(fill('http://', n - 40)),
  punctuation: (n) => alert(fill('.,;:!?*}>', n - 40)),
  brackets: (n) => alert(fill('([{', n - 40)),
  dots: (n) => alert(fill('.', n - 40)),
  'dotted-labels': (n) => alert(`${fill('a.', n - 45)}com`),
  'at-signs': (n) => alert(fill('@', n - 40)),
  'at-tokens': (n) => alert(fill('a@', n - 40)),
  'angle-addresses': (n) => alert(fill('<aaaaaaaaaaaaaaaaaaaa@', n - 40)),
  'message-ids': (n) => alert(fill('<20240501100000.12345.abc@mx.evil.example> ', n - 40)),
  'hex-run': (n) => alert(fill('f', n - 40)),
  'hex-tokens': (n) => alert(fill('5d41402abc4b2a76b9719d911017c592 ', n - 40)),
  'hex-field': (n) => JSON.stringify({ title: 'fuzz', sha256: fill('0123456789abcdef', n - 40) }),
  'defang-tokens': (n) => alert(fill('hxxp[:]//evil[.]example(.)com[at]x[dot] ', n - 40)),
  'defang-brackets': (n) => alert(fill('[.][', n - 40)),
  'ipv6-colons': (n) => alert(fill(':', n - 40)),
  'ipv6-groups': (n) => alert(fill('2001:db8:', n - 40)),
  'ipv4-dots': (n) => alert(fill('1.', n - 40)),
  'cve-prefixes': (n) => alert(fill('CVE-2021-', n - 40)),
  'deep-json': (n) => {
    const unit = `${'{"a":'.repeat(60)}"see 45.33.32.156 evil.example"${'}'.repeat(60)}`;
    return `{"title":"fuzz","d":[${Array.from({ length: Math.max(1, Math.floor(n / (unit.length + 1))) }, () => unit).join(',')}]}`;
  },
  'deep-json-rejected': (n) => `${'['.repeat(n / 2)}${']'.repeat(n / 2)}`,
  'deep-severity': (n) => {
    // Deep JSON whose severity sits at the bottom: the preset's `$..severity` descent has to run.
    const unit = `${'{"a":'.repeat(60)}{"severity":"low","note":"see 45.33.32.156 evil.example"}${'}'.repeat(60)}`;
    return `{"title":"fuzz","d":[${Array.from({ length: Math.max(1, Math.floor(n / (unit.length + 1))) }, () => unit).join(',')}]}`;
  },
  'escaped-keys': (n) => {
    // Keys written with \u escapes: the parse sweeps the value for prototype-reaching keys.
    const unit = String.raw`{"n\u006fte":"see 45.33.32.156","\u005f_proto__":{"x":1}}`;
    return `{"title":"fuzz","d":[${Array.from({ length: Math.max(1, Math.floor(n / (unit.length + 1))) }, () => unit).join(',')}]}`;
  },
  'many-keys': (n) => JSON.stringify(Object.fromEntries(Array.from({ length: Math.max(1, Math.floor(n / 16)) }, (_, i) => [`Key-${i}`, i]))),
  'batch-100': (n) =>
    JSON.stringify(
      Array.from({ length: 100 }, (_, i) => ({
        title: `alert ${i}`,
        severity: 'high',
        description: `see 45.33.32.${i} ${fill('lorem ipsum ', n / 100 - 80)}`,
      })),
    ),
  'long-key': (n) => `{"title":"fuzz","${fill('k', n - 60)}":"see 45.33.32.156"}`,
  'long-keys-many': (n) =>
    JSON.stringify(
      Object.fromEntries(
        Array.from({ length: Math.max(1, Math.floor(n / 1100)) }, (_, i) => [`${i}${'customerIDString'.repeat(64)}`, `see 45.33.32.${i % 250}`]),
      ),
    ),
  'many-short-tokens': (n) => alert(fill('a.b x@y 1.2 ff :: ', n - 40)),
  'many-strings': (n) => JSON.stringify({ title: 'fuzz', d: Array.from({ length: Math.floor(n / 16) }, (_, i) => `h${i}.example`) }),
  'many-indicators': (n) => alert(Array.from({ length: Math.floor(n / 14) }, (_, i) => `h${i}.example`).join(' ')),
  // Wide and plentiful shapes: an array of small objects, numbers, deep arrays, escapes, repeats.
  'wide-objects': (n) => JSON.stringify({ title: 'fuzz', d: Array.from({ length: Math.floor(n / 32) }, (_, i) => ({ k: i, v: `x${i % 10}`, ok: true })) }),
  'wide-arrays': (n) => `{"title":"fuzz","d":[${Array.from({ length: Math.floor((n - 30) / 3) }, () => '[]').join(',')}]}`,
  'many-numbers': (n) => JSON.stringify({ title: 'fuzz', d: Array.from({ length: Math.floor(n / 6.4) }, (_, i) => i * 1.5) }),
  'deep-arrays': (n) => {
    const unit = `${'['.repeat(60)}"see 45.33.32.156 evil.example"${']'.repeat(60)}`;
    return `{"title":"fuzz","d":[${Array.from({ length: Math.max(1, Math.floor(n / (unit.length + 1))) }, () => unit).join(',')}]}`;
  },
  // More container-dense shapes (1–5 bytes a container): what V8's JSON.parse, its scavenges and
  // the pipeline's walks cost per container rather than per byte.
  'tiny-objects': (n) => `{"title":"fuzz","d":[${Array.from({ length: Math.floor((n - 40) / 8) }, (_, i) => `{"a":${i % 10}}`).join(',')}]}`,
  'empty-objects': (n) => `{"title":"fuzz","d":[${Array.from({ length: Math.floor((n - 30) / 3) }, () => '{}').join(',')}]}`,
  'mixed-nesting': (n) => {
    // Objects and arrays in turn, 60 levels, an IP address and a domain at the bottom of each.
    const unit = `${'{"a":['.repeat(30)}"see 45.33.32.156 evil.example"${']}'.repeat(30)}`;
    return `{"title":"fuzz","d":[${Array.from({ length: Math.max(1, Math.floor(n / (unit.length + 1))) }, () => unit).join(',')}]}`;
  },
  'unicode-escapes': (n) =>
    `{"title":"fuzz","description":"${'\\u0068\\u0074\\u0074\\u0070\\u003a\\u002f\\u002f\\u0061\\u002e\\u0063\\u006f '.repeat(Math.floor((n - 40) / 61))}"}`,
  'duplicate-indicators': (n) => alert(fill('45.33.32.156 evil.example ', n - 40)),
  'crlf-lines': (n) => alert(fill('event from 45.33.32.156\r\n\r\n', Math.floor(((n - 40) * 27) / 31))),
  'base64-blob': (n) => alert(Buffer.from(Array.from({ length: Math.floor(((n - 40) * 3) / 4) }, (_, i) => (i * 37) & 255)).toString('base64')),
  // 100 alerts (the most a body is read for), each with as many distinct indicators as fit: every
  // alert reaches its cap (100 each in a 100-alert batch: indicator-budget.ts) once the body is large enough.
  'batch-indicators': (n) => {
    const per = Math.max(1, Math.floor(n / 100 / 16));
    return JSON.stringify(
      Array.from({ length: 100 }, (_, a) => ({
        title: `alert ${a}`,
        description: Array.from({ length: per }, (_, i) => `h${a}x${i}.example`).join(' '),
      })),
    );
  },
};
