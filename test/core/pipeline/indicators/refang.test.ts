import { test } from 'node:test';
import assert from 'node:assert/strict';
import { refang } from '../../../../app/core/pipeline/indicators/refang.js';

/** The rules as global regexp replacements, one after the other: what refang must equal. */
const REGEXP_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bhxxp(s?)(?::|\[:\])\/\//gi, 'http$1://'],
  [/\bh\[tt\]p(s?):\/\//gi, 'http$1://'],
  [/\bfxp:\/\//gi, 'ftp://'],
  [/\[:\/\/\]/g, '://'],
  [/\[:\]/g, ':'],
  [/ ?[[({] {0,2}(?:\.|dot) {0,2}[\])}] ?/gi, '.'],
  [/ ?[[({] {0,2}(?:@|at) {0,2}[\])}] ?/gi, '@'],
];
const byRegexps = (text: string) => REGEXP_RULES.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);

/** A small deterministic generator (xorshift), so a failure replays. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x1_0000_0000;
  };
}

test('refang equals the seven global regexp replacements (String.prototype.replace) on texts made of their pieces', () => {
  const pieces = [
    'h',
    'H',
    'x',
    'X',
    'xx',
    'p',
    'P',
    's',
    'S',
    'f',
    't',
    'T',
    'tt',
    'd',
    'o',
    'a',
    'A',
    '.',
    '@',
    ':',
    '/',
    '//',
    '://',
    '[',
    ']',
    '(',
    ')',
    '{',
    '}',
    ' ',
    '  ',
    '_',
    '1',
    'é',
    'Ş',
    'dot',
    'DoT',
    'at',
    '[:]',
    '[://]',
    'hxxp',
    'hXXps',
    'h[tt]p',
    'h[TT]ps',
    'fxp',
    'fXp',
    'ſ',
    'K',
    '\n',
  ];
  const next = random(20261201);
  for (let i = 0; i < 30_000; i++) {
    const n = 1 + Math.floor(next() * 14);
    let text = '';
    for (let j = 0; j < n; j++) text += pieces[Math.floor(next() * pieces.length)];
    assert.equal(refang(text), byRegexps(text), JSON.stringify(text));
  }
});

test('refang handles the usual forms and leaves other text as it is', () => {
  const cases = [
    'hxxp://a[.]b(.)c{.}d[dot]e (dot) f',
    'x[@]y[at]z h[tt]ps://q hXXps[:]//r fxp://s a[:]b [://]',
    'nothing to do',
    'ahxxp://not-at-a-boundary _fxp://x 9h[tt]p://y',
    'a [ . ] b ( dot ) c {  at  } d [   .] e',
    'hxxpS[:]//x HXXP://y h[tt]pS://z',
    '',
  ];
  for (const text of cases) assert.equal(refang(text), byRegexps(text), text);
});
