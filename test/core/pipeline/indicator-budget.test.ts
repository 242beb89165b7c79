/*
 * The indicator cap of each alert (app/core/pipeline/indicators/indicator-budget.ts): 500 for an alert
 * alone or in a small batch; a large batch shares 10,000 between its alerts. Played through the
 * analysis a request gets (analyseBody), in-line and in the analysis worker.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { limitsFrom } from '../../../app/core/alert-app.js';
import { analyseBody, type AnalysisRequest, type Verdict } from '../../../app/core/pipeline/analyse-body.js';
import { analyseInWorker, closeAnalysisWorker, OFFLOAD_MIN_BYTES } from '../../../app/core/pipeline/analysis-pool.js';
import {
  indicatorCap,
  INDICATORS_PER_REQUEST,
  MAX_INDICATORS_PER_ALERT,
  MIN_INDICATORS_PER_ALERT,
} from '../../../app/core/pipeline/indicators/indicator-budget.js';
import type { Logger } from '../../../app/core/ports.js';
import { parseTriggerSettings } from '../../../app/core/trigger/settings.js';
import { repoDeclaredInputs } from '../../../scripts/lib/repo-manifest.js';

after(() => closeAnalysisWorker());

const logger: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, child: () => logger };
const req: AnalysisRequest = { method: 'POST', headers: [{ name: 'Content-Type', value: 'application/json' }], queryParams: [] };
const limits = limitsFrom({ max_body_bytes: 8 * 1024 * 1024 }, repoDeclaredInputs());
const parsed = parseTriggerSettings({ source_preset: 'Generic JSON', dedupe_window: '0', hourly_cap: '0' }, repoDeclaredInputs());
if (!parsed.ok) throw new Error(parsed.errors.join('; '));
const settings = parsed.settings;

/** `alerts` alerts, each naming `per` distinct hosts in its description, in order. */
const batch = (alerts: number, per: number) =>
  Buffer.from(
    JSON.stringify(
      Array.from({ length: alerts }, (_, a) => ({ title: `alert ${a}`, description: Array.from({ length: per }, (_, i) => `h${a}x${i}.example`).join(' ') })),
    ),
  );

const hostsOf = (v: Verdict) => {
  assert.equal(v.kind, 'candidate');
  return v.kind === 'candidate' ? v.alert.indicators.filter((i) => i.type === 'Host').map((i) => i.value) : [];
};

test('the cap: 500 up to 20 alerts, then 10,000 shared equally, never under 50', () => {
  assert.equal(indicatorCap(1), MAX_INDICATORS_PER_ALERT);
  assert.equal(indicatorCap(0), MAX_INDICATORS_PER_ALERT);
  assert.equal(indicatorCap(20), 500);
  assert.equal(indicatorCap(21), 476);
  assert.equal(indicatorCap(100), 100);
  assert.equal(indicatorCap(1000), MIN_INDICATORS_PER_ALERT);
  for (let n = 1; n <= 200; n++) assert.ok(n * indicatorCap(n) <= Math.max(INDICATORS_PER_REQUEST, n * MIN_INDICATORS_PER_ALERT), `${n} alerts`);
});

test('an alert alone reports up to 500 indicators, in order of first appearance', () => {
  const a = analyseBody(batch(1, 700), req, settings, limits, Date.now());
  assert.equal(a.kind, 'alerts');
  if (a.kind !== 'alerts') return;
  const hosts = hostsOf(a.verdicts[0]!);
  assert.equal(hosts.length, 500);
  assert.deepEqual(hosts.slice(0, 3), ['h0x0.example', 'h0x1.example', 'h0x2.example']);
  assert.equal(hosts.at(-1), 'h0x499.example');
});

test('a 100-alert batch reports the first 100 of each alert (10,000 in all), in-line and in the worker alike', async () => {
  const body = batch(100, 300);
  assert.ok(body.length >= OFFLOAD_MIN_BYTES, 'large enough to go to the worker');
  const inline = analyseBody(body, req, settings, limits, Date.now());
  assert.equal(inline.kind, 'alerts');
  if (inline.kind !== 'alerts') return;
  assert.equal(inline.verdicts.length, 100);
  for (const [a, v] of inline.verdicts.entries()) {
    const hosts = hostsOf(v);
    assert.equal(hosts.length, 100, `alert ${a}`);
    assert.equal(hosts[0], `h${a}x0.example`);
    assert.equal(hosts[99], `h${a}x99.example`);
  }
  const job = analyseInWorker(body, req, settings, limits, Date.now(), logger);
  assert.notEqual(job, 'busy');
  const worker = await (job as Exclude<typeof job, 'busy'>);
  assert.equal(worker.kind, 'alerts');
  if (worker.kind !== 'alerts') return;
  assert.deepEqual(worker.verdicts.map(hostsOf), inline.verdicts.map(hostsOf));
});

test('a 10-alert batch keeps the whole 500 per alert', () => {
  const a = analyseBody(batch(10, 600), req, settings, limits, Date.now());
  assert.equal(a.kind, 'alerts');
  if (a.kind === 'alerts') for (const v of a.verdicts) assert.equal(hostsOf(v).length, 500);
});
