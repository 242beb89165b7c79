/**
 * The adversarial bodies of `npm run fuzz` give the right, bounded results through scanAlert (their
 * timing is the script's business, never a test's).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FUZZ_FAMILIES } from '../../scripts/lib/fuzz/families.js';
import { INDICATOR_TYPES } from '../../app/core/pipeline/indicators/extract-indicators.js';
import { scanAlert, type ScanOptions } from '../../app/core/pipeline/indicators/scan-alert.js';

const options: ScanOptions = { types: INDICATOR_TYPES, refang: true, allowList: [], dropPrivate: true, maxIndicators: 500, reportUrlHosts: true };

/** Family → the indicators of its 100 KB body (type:value), or their count when there are many. */
const EXPECT: Record<string, string[] | number> = {
  'url-close-parens': ['URL:http://a.com/', 'Host:a.com'],
  'urls-many': ['URL:http://a.example/x', 'Host:a.example'],
  'hex-tokens': ['File:5d41402abc4b2a76b9719d911017c592'],
  'deep-json': ['Address:45.33.32.156', 'Host:evil.example'],
  'deep-severity': ['Address:45.33.32.156', 'Host:evil.example'],
  'escaped-keys': ['Address:45.33.32.156'],
  'batch-100': 100,
  'long-key': ['Address:45.33.32.156'],
  'many-strings': 500,
  'many-indicators': 500,
  'batch-indicators': 500,
  'deep-arrays': ['Address:45.33.32.156', 'Host:evil.example'],
  'mixed-nesting': ['Address:45.33.32.156', 'Host:evil.example'],
  'unicode-escapes': ['URL:http://a.co', 'Host:a.co'],
  'duplicate-indicators': ['Address:45.33.32.156', 'Host:evil.example'],
  'crlf-lines': ['Address:45.33.32.156'],
};

for (const [name, build] of Object.entries(FUZZ_FAMILIES)) {
  test(`fuzz family ${name}: bounded, expected result at 100 KB`, () => {
    const body = build(100 * 1024);
    assert.ok(body.length >= 90 * 1024 && body.length <= 110 * 1024, `body size ${body.length}`);
    const found = scanAlert(JSON.parse(body), options);
    const want = EXPECT[name] ?? [];
    if (typeof want === 'number') assert.equal(found.length, want);
    else
      assert.deepEqual(
        found.map((i) => `${i.type}:${i.value}`),
        want,
      );
    for (const i of found) assert.ok(i.field.length <= 1024, 'paths stay short');
  });
}
