import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractIndicators, INDICATOR_TYPES, trimUrl, type ExtractOptions } from '../../../../app/core/pipeline/indicators/extract-indicators.js';
import { refang } from '../../../../app/core/pipeline/indicators/refang.js';
import { canonicalAddress } from '../../../../app/core/pipeline/indicators/ip-address.js';
import { isNonPublicAddress } from '../../../../app/core/pipeline/indicators/ip-ranges.js';
import { normaliseHost } from '../../../../app/core/pipeline/indicators/host-name.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');
interface Case {
  text: string;
  expect: Array<[string, string]>;
  options?: Partial<ExtractOptions>;
}
const corpus = (JSON.parse(readFileSync(resolve(root, 'test/fixtures/indicators/corpus.json'), 'utf8')) as { cases: Case[] }).cases;
const options: ExtractOptions = {
  types: INDICATOR_TYPES,
  refang: true,
  allowList: ['corp-allowed.com', '*.allowed-ünï.example', '9.9.9.9'],
  dropPrivate: true,
  maxIndicators: 100,
};

for (const { text, expect, options: extra } of corpus) {
  test(`corpus: ${text.slice(0, 80)}`, () => {
    const got = extractIndicators([text], { ...options, ...extra }).map((i) => [i.type, i.value]);
    assert.deepEqual(got, expect);
  });
}

test('refang handles the usual defanging forms', () => {
  assert.equal(refang('hxxp://a[.]b(.)c{.}d[dot]e (dot) f'), 'http://a.b.c.d.e.f');
  assert.equal(refang('x[@]y[at]z h[tt]ps://q hXXps[:]//r fxp://s a[:]b [://]'), 'x@y@z https://q https://r ftp://s a:b ://');
  assert.equal(refang('nothing to do'), 'nothing to do');
});

test('IPv6 canonical forms (RFC 5952) and IPv4-mapped addresses', () => {
  assert.equal(canonicalAddress('2001:0DB8:0000:0000:0001:0000:0000:0001'), '2001:db8::1:0:0:1');
  assert.equal(canonicalAddress('2001:db8:0:1:1:1:1:1'), '2001:db8:0:1:1:1:1:1');
  assert.equal(canonicalAddress('::'), '::');
  assert.equal(canonicalAddress('[::1]'), '::1');
  assert.equal(canonicalAddress('fe80::1%eth0'), 'fe80::1');
  assert.equal(canonicalAddress('64:ff9b::192.0.2.33'), '64:ff9b::c000:221');
  assert.equal(canonicalAddress('::ffff:192.0.2.1'), '192.0.2.1');
  assert.equal(canonicalAddress('1::2::3'), null);
  assert.equal(canonicalAddress('1.2.3'), null);
  assert.equal(isNonPublicAddress('8.8.8.8'), false);
  assert.equal(isNonPublicAddress('2606:4700::1111'), false);
  for (const a of ['10.1.1.1', '172.31.255.255', '192.168.0.1', '100.127.0.1', '198.19.0.1', '240.0.0.1', 'fd12::1', 'fec0::1', 'ff05::2'])
    assert.equal(isNonPublicAddress(a), true, a);
  assert.equal(isNonPublicAddress('172.32.0.1'), false);
});

test('host names: file names in free text, hosts in URLs and e-mails', () => {
  assert.equal(normaliseHost('invoice.zip', 'text'), null);
  assert.equal(normaliseHost('invoice.zip', 'url'), 'invoice.zip');
  assert.equal(normaliseHost('Bücher.Example.', 'text'), 'xn--bcher-kva.example');
  assert.equal(normaliseHost(`${'a'.repeat(64)}.example`, 'text'), null);
  assert.equal(normaliseHost('example', 'text'), null);
});

test('URL trimming keeps balanced brackets and drops sentence punctuation', () => {
  assert.equal(trimUrl('https://x.example/a_(b)'), 'https://x.example/a_(b)');
  assert.equal(trimUrl('https://x.example/a)'), 'https://x.example/a');
  assert.equal(trimUrl('https://x.example/a].'), 'https://x.example/a');
  assert.equal(trimUrl('https://x.example/?q=1,'), 'https://x.example/?q=1');
});

test('order is by first appearance across texts; duplicates across texts are dropped', () => {
  const got = extractIndicators(['second.example 8.8.8.8', 'first.example second.example'], options);
  assert.deepEqual(got, [
    { type: 'Host', value: 'second.example' },
    { type: 'Address', value: '8.8.8.8' },
    { type: 'Host', value: 'first.example' },
  ]);
  assert.deepEqual(extractIndicators([], options), []);
  assert.deepEqual(extractIndicators(['8.8.8.8'], { ...options, maxIndicators: 0 }), []);
});

test('adversarial megabyte inputs give bounded, right results (linear scanning, no catastrophic backtracking)', () => {
  const MB = 1_048_576;
  const hostile = [
    'a'.repeat(MB),
    `${'a.'.repeat(MB / 2)}!`,
    '1.'.repeat(MB / 2),
    `${'-a'.repeat(MB / 2)}.com`,
    `http://${'a'.repeat(MB)}`,
    'http://'.repeat(MB / 7),
    'a@'.repeat(MB / 2),
    '::'.repeat(MB / 2),
    '[.]'.repeat(MB / 3),
    ' [ '.repeat(MB / 3),
    'CVE-2021-'.repeat(MB / 9),
    'aa.bb '.repeat(MB / 6),
    'f'.repeat(MB),
    `https://x.example/${'('.repeat(MB / 2)}${')'.repeat(MB / 2)}`,
    `${'x'.repeat(60)}@`.repeat(MB / 61),
  ];
  const results = hostile.map((h) => extractIndicators([h], options));
  // Only `aa.bb` (Barbados) is an indicator; a URL over 4096 characters after trimming is dropped.
  assert.deepEqual(
    results,
    hostile.map((_, i) => (i === 11 ? [{ type: 'Host', value: 'aa.bb' }] : [])),
  );
  const many = extractIndicators(
    Array.from({ length: 20_000 }, (_, i) => `host${i}.example`),
    { ...options, maxIndicators: 500 },
  );
  assert.equal(many.length, 500);
});
