/*
 * The analysis of a request is the same in-line and in the analysis worker, for every preset's
 * sample and for bodies large enough to be offloaded; the worker's queue is bounded (service_busy
 * beyond it); the settings travel without functions or secrets.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { limitsFrom } from '../../../app/core/alert-app.js';
import { analyseBody, type AnalysisRequest } from '../../../app/core/pipeline/analyse-body.js';
import { analyseInWorker, closeAnalysisWorker, MAX_QUEUED, OFFLOAD_MIN_BYTES, offloads } from '../../../app/core/pipeline/analysis-pool.js';
import { fromAnalysisSettings, toAnalysisSettings } from '../../../app/core/pipeline/analysis-settings.js';
import { parseTriggerSettings, type TriggerSettings } from '../../../app/core/trigger/settings.js';
import { PRESETS } from '../../../app/core/presets/index.js';
import type { Logger } from '../../../app/core/ports.js';
import { repoRoot } from '../../../scripts/lib/repo-root.js';
import { repoDeclaredInputs } from '../../../scripts/lib/repo-manifest.js';

after(() => closeAnalysisWorker());

const errors: string[] = [];
const logger: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error: (m) => void errors.push(m), child: () => logger };
const req: AnalysisRequest = { method: 'POST', headers: [{ name: 'Content-Type', value: 'application/json' }], queryParams: [] };
const limits = limitsFrom({ max_body_bytes: 8 * 1024 * 1024 }, repoDeclaredInputs());
const NOW = Date.parse('2026-01-01T00:00:00Z');

function settings(inputs: Record<string, unknown>): TriggerSettings {
  const r = parseTriggerSettings(inputs, repoDeclaredInputs());
  assert.ok(r.ok, JSON.stringify(r));
  return r.settings;
}

async function inWorker(body: Buffer, s: TriggerSettings) {
  const p = analyseInWorker(body, req, s, limits, NOW, logger);
  if (p === 'busy') throw new Error('the worker queue is full');
  return p;
}

test('every preset travels by name and comes back as the same object; no secret travels', () => {
  for (const preset of PRESETS) {
    const s = { ...settings({}), preset };
    assert.equal(fromAnalysisSettings(toAnalysisSettings(s)).preset, preset);
  }
  const s = settings({ auth_mode: 'Shared Secret Header', auth_header: 'X-Token', auth_secret: 'hunter2-secret' });
  assert.ok(!JSON.stringify(toAnalysisSettings(s)).includes('hunter2-secret'));
});

test('small uncompressed bodies stay in-line; large or compressed ones go to the worker', () => {
  assert.equal(offloads(Buffer.alloc(OFFLOAD_MIN_BYTES - 1), req.headers), false);
  assert.equal(offloads(Buffer.alloc(OFFLOAD_MIN_BYTES), req.headers), true);
  assert.equal(offloads(Buffer.alloc(100), [{ name: 'Content-Encoding', value: 'gzip' }]), true);
  assert.equal(offloads(Buffer.alloc(100), [{ name: 'Content-Encoding', value: 'identity' }]), false);
});

test('each preset sample: the worker reaches the same analysis as the in-line path (Auto-detect)', async () => {
  const s = settings({ source_preset: 'Auto-detect' });
  const dir = join(repoRoot(), 'samples');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const body = readFileSync(join(dir, file));
    assert.deepEqual(await inWorker(body, s), analyseBody(body, req, s, limits, NOW), file);
  }
});

test('a large body: the same alerts, indicators and dedupe keys in the worker as in-line', async () => {
  const s = settings({ source_preset: 'Generic JSON' });
  const items = Array.from({ length: 40 }, (_, i) => ({
    title: `alert ${i}`,
    severity: i % 2 ? 'high' : 'low',
    note: `seen 45.33.32.${i} at evil${i}.example ${'x'.repeat(8000)}`,
  }));
  const body = Buffer.from(JSON.stringify(items));
  assert.ok(offloads(body, req.headers));
  const worker = await inWorker(body, s);
  assert.equal(worker.kind, 'alerts');
  assert.deepEqual(worker, analyseBody(body, req, s, limits, NOW));
});

test('a bad large body is answered from the worker like in-line (unparsable)', async () => {
  const s = settings({});
  const body = Buffer.from(`{"title": "x", "d": "${'a'.repeat(OFFLOAD_MIN_BYTES)}`);
  const worker = await inWorker(body, s);
  assert.equal(worker.kind === 'respond' && worker.result.reason, 'unparsable');
});

test(`over ${MAX_QUEUED} large bodies waiting: the next is refused busy, then the queue drains and takes more`, async () => {
  const s = settings({});
  const body = Buffer.from(JSON.stringify({ title: 'x', d: 'y'.repeat(OFFLOAD_MIN_BYTES) }));
  const running = Array.from({ length: MAX_QUEUED }, () => analyseInWorker(body, req, s, limits, NOW, logger));
  assert.ok(running.every((p) => p !== 'busy'));
  assert.equal(analyseInWorker(body, req, s, limits, NOW, logger), 'busy');
  for (const p of running) assert.equal(((await p) as { kind: string }).kind, 'alerts');
  assert.equal(((await inWorker(body, s)) as { kind: string }).kind, 'alerts');
  assert.deepEqual(errors, []);
});

test('a worker closed mid-job fails that job (answered 500 upstream); the next job starts a new worker', async () => {
  const s = settings({});
  const body = Buffer.from(JSON.stringify({ title: 'x', d: 'y'.repeat(OFFLOAD_MIN_BYTES) }));
  const failed = assert.rejects(inWorker(body, s), /closed/);
  await closeAnalysisWorker();
  await failed;
  assert.equal(((await inWorker(body, s)) as { kind: string }).kind, 'alerts');
});

test('a single-alert body: its generated id is the SHA-256 of the body text as sent, in-line and in the worker alike', async () => {
  const s = settings({ source_preset: 'Generic JSON' });
  const text = `{ "title": "no id here", "note": "seen 45.33.32.7 ${'x'.repeat(OFFLOAD_MIN_BYTES)}" }`;
  const body = Buffer.from(text);
  const expected = `sha256:${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
  const inline = analyseBody(body, req, s, limits, NOW);
  const worker = await inWorker(body, s);
  for (const a of [inline, worker]) {
    assert.equal(a.kind, 'alerts');
    const v = a.kind === 'alerts' ? a.verdicts[0] : undefined;
    assert.equal(v?.kind === 'candidate' && v.alert.id, expected);
  }
});

test("starting the worker with its own young generation leaves the service's 2 MB semi-space as it is", () => {
  // In a process started as the launcher starts the service: allocate after the worker has run and
  // read the main isolate's new space (two 2 MB semi-spaces at most).
  const pool = new URL('../../../app/core/pipeline/analysis-pool.js', import.meta.url).href;
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8';
    const { analyseInWorker, closeAnalysisWorker } = await import(${JSON.stringify(pool)});
    const { parseTriggerSettings } = await import(${JSON.stringify(new URL('../../../app/core/trigger/settings.js', import.meta.url).href)});
    const { repoDeclaredInputs } = await import(${JSON.stringify(new URL('../../../scripts/lib/repo-manifest.js', import.meta.url).href)});
    const settings = parseTriggerSettings({ source_preset: 'Generic JSON' }, repoDeclaredInputs()).settings;
    const body = Buffer.from(JSON.stringify({ title: 'x', description: 'see 45.33.32.156 '.repeat(20000) }));
    const logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, child: () => logger };
    const limits = { maxBodyBytes: 8e6, maxDecodedBytes: 32e6, maxDepth: 64, maxAlerts: 100 };
    const a = await analyseInWorker(body, { method: 'POST', headers: [{ name: 'Content-Type', value: 'application/json' }], queryParams: [] }, settings, limits, 0, logger);
    let keep = [];
    for (let i = 0; i < 3e6; i++) { keep.push({ i }); if (keep.length > 200000) keep = []; }
    const newSpace = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    console.log(JSON.stringify({ kind: a.kind, newSpaceMB: newSpace.space_size / 1048576 }));
    await closeAnalysisWorker();
  `;
  const r = spawnSync(process.execPath, ['--max-semi-space-size=2', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim()) as { kind: string; newSpaceMB: number };
  assert.equal(out.kind, 'alerts');
  assert.ok(out.newSpaceMB <= 4, `main new space ${out.newSpaceMB} MB`);
});
