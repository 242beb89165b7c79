/*
 * normaliseHost reads labels in one pass; it answers exactly what the split-and-pattern reading it
 * replaced answered, on generated names made of label pieces, hyphens, dots and odd characters.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { domainToASCII } from 'node:url';
import { COUNTRY_TLDS, FILE_EXTENSIONS, GENERIC_TLDS, normaliseHost, type HostContext } from '../../../../app/core/pipeline/indicators/host-name.js';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const FIELD_NAME = /^[a-z_]+(?:\.[a-z_]+){0,3}\.(?:id|name)$/;

/** The reading before (split at dots, a pattern per label). */
function byPatterns(raw: string, context: HostContext): string | null {
  if (raw.length === 0 || raw.length > 253 * 4) return null;
  let host = raw.toLowerCase().replace(/\.$/, '');
  if (/[^\x00-\x7f]/.test(host)) {
    host = domainToASCII(host);
    if (!host) return null;
  }
  if (host.length > 253) return null;
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  const tld = labels[labels.length - 1]!;
  if (!TLD.test(tld)) return null;
  if (context === 'text') {
    if (FILE_EXTENSIONS.has(tld) || !(COUNTRY_TLDS.has(tld) || tld.startsWith('xn--') || GENERIC_TLDS.has(tld))) return null;
    if ((tld === 'id' || tld === 'name') && (labels.length === 2 || tld === 'name') && FIELD_NAME.test(host)) return null;
  }
  return host;
}

test('normaliseHost answers as the split-and-pattern reading on generated names', () => {
  const pieces = [
    'a',
    'B',
    'z9',
    '-',
    '.',
    '..',
    'com',
    'ID',
    'name',
    'pdf',
    'xn--p1ai',
    'Ünï',
    '_',
    'host',
    'x'.repeat(63),
    'y'.repeat(64),
    'uk',
    ' ',
    '@',
    'user',
  ];
  let x = 7;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < 40_000; i++) {
    let raw = '';
    for (let j = 1 + Math.floor(next() * 7); j > 0; j--) raw += pieces[Math.floor(next() * pieces.length)];
    for (const context of ['text', 'url', 'email'] as const)
      assert.equal(normaliseHost(raw, context), byPatterns(raw, context), `${JSON.stringify(raw)} ${context}`);
  }
});
