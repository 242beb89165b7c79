import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDetectionIndex } from '../../../app/core/pipeline/detect-index.js';
import { detectPreset } from '../../../app/core/pipeline/detect-preset.js';
import { unwrapPubSub } from '../../../app/core/pipeline/pubsub.js';
import { genericJson, VENDOR_PRESETS, type Preset } from '../../../app/core/presets/index.js';
import type { NameValue } from '../../../app/protocol/messages.js';
import { repoRoot } from '../../../scripts/lib/repo-root.js';

/** Auto-detect as it was: every detector, in order. */
function byFullScan(payload: unknown, headers: readonly NameValue[]): Preset {
  for (const p of VENDOR_PRESETS) {
    try {
      if (p.detect?.(payload, headers)) return p;
    } catch {
      // next
    }
  }
  return genericJson;
}

const root = repoRoot();
const json = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

/** Every payload we have: the presets' samples and the corpus requests, with and without their headers. */
function payloads(): Array<{ label: string; payload: unknown; headers: NameValue[] }> {
  const out: Array<{ label: string; payload: unknown; headers: NameValue[] }> = [];
  const samples = join(root, 'samples');
  for (const f of readdirSync(samples).filter((x) => x.endsWith('.json'))) out.push({ label: f, payload: json(join(samples, f)), headers: [] });
  const corpus = join(root, 'test/corpus');
  for (const source of readdirSync(corpus)) {
    for (const f of readdirSync(join(corpus, source)).filter((x) => x.endsWith('.json'))) {
      const c = json(join(corpus, source, f)) as { request: { body?: unknown; headers?: Record<string, string> } };
      const headers = Object.entries(c.request.headers ?? {}).map(([name, value]) => ({ name, value }));
      out.push({ label: `${source}/${f}`, payload: unwrapPubSub(c.request.body, 64), headers });
      out.push({ label: `${source}/${f} (no headers)`, payload: unwrapPubSub(c.request.body, 64), headers: [] });
    }
  }
  return out;
}

const UNUSUAL: unknown[] = [
  {},
  [],
  'text',
  42,
  null,
  { id: 'x', title: 'generic', severity: 'high' },
  Object.assign(Object.create(null) as object, { alerts: [], version: '4', receiver: 'r' }),
  [{ 'kibana.alert.rule.name': 'r' }],
  { toString: 'shadowed', constructor: 'c', hasOwnProperty: 1 },
];

test('Auto-detect through the index picks exactly what trying every detector picks', () => {
  const cases = [...payloads(), ...UNUSUAL.map((payload, i) => ({ label: `unusual ${i}`, payload, headers: [] as NameValue[] }))];
  const headerSets: NameValue[][] = [
    [],
    [{ name: 'X-GitHub-Event', value: 'code_scanning_alert' }],
    [{ name: 'User-Agent', value: 'Grafana/10' }],
    [{ name: 'X-PagerDuty-Signature', value: 'v1=x' }],
  ];
  const detected = new Set<string>();
  for (const c of cases) {
    for (const headers of [c.headers, ...headerSets]) {
      const expected = byFullScan(c.payload, headers).name;
      assert.equal(detectPreset(c.payload, headers).name, expected, `${c.label} with ${JSON.stringify(headers)}`);
      detected.add(expected);
    }
  }
  // Not vacuous: the payloads reach (nearly) every vendor's detector.
  assert.ok(detected.size >= VENDOR_PRESETS.length - 2, [...detected].join(', '));
});

test('a payload none of the detectors asks about tries only those that read headers or cannot be indexed', () => {
  const index = createDetectionIndex(VENDOR_PRESETS);
  const generic = { id: 'a-1', title: 'Something', severity: 'high', description: 'beacon to 203.0.113.9' };
  const tried = index.candidates(generic, []);
  assert.ok(tried.length < VENDOR_PRESETS.length / 2, tried.map((p) => p.name).join(', '));
  // Not a plain object: every detector, in order.
  assert.deepEqual(
    index.candidates([generic], []),
    VENDOR_PRESETS.filter((p) => p.detect),
  );
  assert.deepEqual(
    index.candidates('text', []),
    VENDOR_PRESETS.filter((p) => p.detect),
  );
});

test('detectors the index cannot see through are always tried', () => {
  type D = { name: string; detect: (p: unknown, h: readonly NameValue[]) => boolean };
  const lists: D = { name: 'lists keys', detect: (p) => Object.keys(p as object).length > 3 };
  const throws: D = {
    name: 'throws',
    detect: () => {
      throw new Error('no');
    },
  };
  const matchesEmpty: D = { name: 'matches anything', detect: () => true };
  const headers: D = { name: 'reads headers', detect: (_p, h) => h.some((x) => x.name === 'X-Mine') };
  const keyed: D = { name: 'keyed', detect: (p) => typeof (p as Record<string, unknown>).mine === 'string' };
  const index = createDetectionIndex([lists, throws, matchesEmpty, headers, keyed]);
  assert.deepEqual(
    index.candidates({ other: 1 }, []).map((d) => d.name),
    ['lists keys', 'throws', 'matches anything'],
  );
  assert.deepEqual(
    index.candidates({ mine: 'x' }, [{ name: 'X-Mine', value: '1' }]).map((d) => d.name),
    ['lists keys', 'throws', 'matches anything', 'reads headers', 'keyed'],
  );
});
