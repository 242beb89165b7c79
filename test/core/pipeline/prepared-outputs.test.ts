/*
 * A large body's outputs are prepared as JSON texts in the analysis worker (prepared-outputs.ts,
 * outputs/prepared-value.ts): the outputs and the JSON written for every variable are the same, byte
 * for byte, as those built in-line from the same body; a prepared value read or set on the main
 * thread is an ordinary value from then on, and what it holds is what gets written.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { limitsFrom } from '../../../app/core/alert-app.js';
import type { Outputs } from '../../../app/core/app.js';
import { planOutputWrites, type WritePlan } from '../../../app/core/outputs/writer.js';
import { parseVariable, type ParsedVariable } from '../../../app/core/outputs/variables.js';
import { preparedJson, preparedOutput } from '../../../app/core/outputs/prepared-value.js';
import { analyseBody, type Analysis, type AnalysisRequest } from '../../../app/core/pipeline/analyse-body.js';
import { buildOutputs } from '../../../app/core/pipeline/alert-outputs.js';
import { analyseInWorker, closeAnalysisWorker, offloads } from '../../../app/core/pipeline/analysis-pool.js';
import { preparedFor } from '../../../app/core/pipeline/prepared-outputs.js';
import type { Logger } from '../../../app/core/ports.js';
import { parseTriggerSettings } from '../../../app/core/trigger/settings.js';
import { repoDeclaredInputs } from '../../../scripts/lib/repo-manifest.js';

after(() => closeAnalysisWorker());

const logger: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, child: () => logger };
const req: AnalysisRequest = { method: 'POST', headers: [{ name: 'Content-Type', value: 'application/json' }], queryParams: [] };
const limits = limitsFrom({ max_body_bytes: 8 * 1024 * 1024 }, repoDeclaredInputs());
const NOW = Date.parse('2026-01-01T00:00:00Z');
const parsed = parseTriggerSettings({ source_preset: 'Generic JSON' }, repoDeclaredInputs());
assert.ok(parsed.ok);
const settings = parsed.settings;

/** Every output of one fire, in the order the outputs were built, as requested variables. */
const everyVariable = (outputs: Outputs): ParsedVariable[] => Object.entries(outputs).map(([key, o]) => parseVariable(`#Trigger:7:${key}!${o.type}`)!);

/** A plan with every value as the bytes the store receives. */
const asBytes = (plan: WritePlan) => ({ ...plan, writes: plan.writes.map((w) => ({ field: w.field, json: Buffer.from(w.json) })) });

function fires(analysis: Analysis): Outputs[] {
  assert.equal(analysis.kind, 'alerts');
  if (analysis.kind !== 'alerts') return [];
  // As run-pipeline.ts: a raw output prepared in the worker is the alert's; else the verdict's (the body when absent).
  return analysis.verdicts.flatMap((v) => {
    if (v.kind !== 'candidate') return [];
    const prepared = preparedFor(v.alert);
    return [buildOutputs(v.alert, prepared?.raw !== undefined ? null : v.raw === undefined ? 'body' : v.raw, [], v.key, prepared)];
  });
}

test('a large batch: the outputs prepared in the worker are written byte for byte as those built in-line', async () => {
  const items = Array.from({ length: 60 }, (_, i) => ({
    title: `alert ${i}`,
    // Half the alerts have a value that is not its own JSON between quotes (a surrogate pair in a URL: the
    // general way), half only values that are (composed around the values as they are, ä included).
    description: `${Array.from({ length: 400 }, (_, j) => `h${i}x${j}.example`).join(' ')} see http://evil${i}.example/a?q="x" and 45.33.32.${i} http://e${i}.example/${i % 2 ? 'ä' : '😀'}`,
    nested: { 'k\\"': `evil-nested${i}.example` },
    "odd 'key'\n": `d41d8cd98f00b204e9800998ecf8427${i % 10} mail bob@evil${i}.example CVE-2024-${1000 + i} 2001:db8::${i}`,
    'ü-unicode': `héllo wörld-${i}.example`,
  }));
  const body = Buffer.from(JSON.stringify(items));
  assert.ok(offloads(body, req.headers));
  const p = analyseInWorker(body, req, settings, limits, NOW, logger);
  assert.ok(p !== 'busy');
  const fromWorker = fires(await p);
  const inLine = fires(analyseBody(body, req, settings, limits, NOW));
  assert.equal(fromWorker.length, 60);
  for (const [i, outputs] of fromWorker.entries()) {
    const expected = inLine[i]!;
    const requested = everyVariable(expected);
    assert.equal(preparedJson(outputs['alert_intake.results.indicators.entities']!) !== undefined, true, 'prepared, not built');
    // Written first, while the prepared values are unread: the prepared bytes themselves.
    assert.deepEqual(asBytes(planOutputWrites(requested, outputs)), asBytes(planOutputWrites(requested, expected)));
    assert.ok(
      planOutputWrites(requested, outputs).writes.some((w) => Buffer.isBuffer(w.json)),
      'written as the bytes the worker made',
    );
    assert.deepEqual(outputs, expected);
  }
  // The candidates' indicators, read back on first use, are those found in-line.
  const a = await analyseInWorker(body, req, settings, limits, NOW, logger);
  assert.deepEqual(a, analyseBody(body, req, settings, limits, NOW));
});

test('a prepared value read, changed or set is written as it then is', () => {
  const json = JSON.stringify(['a.example', 'b"c']);
  const read = preparedOutput('StringArray', json);
  assert.deepEqual(read.value, ['a.example', 'b"c']);
  (read.value as string[]).push('d.example');
  assert.equal(preparedJson(read), undefined);
  const set = preparedOutput('StringArray', json);
  set.value = ['x.example'];
  assert.deepEqual(set.value, ['x.example']);
  const v = parseVariable('#Trigger:7:k!StringArray')!;
  assert.deepEqual(
    planOutputWrites([v], { k: read }).writes.map((w) => w.json),
    ['["a.example","b\\"c","d.example"]'],
  );
  assert.deepEqual(
    planOutputWrites([v], { k: set }).writes.map((w) => w.json),
    ['["x.example"]'],
  );
  const untouched = preparedOutput('StringArray', json);
  assert.deepEqual(
    planOutputWrites([v], { k: untouched }).writes.map((w) => w.json),
    [json],
  );
  assert.equal(JSON.stringify(untouched), `{"type":"StringArray","value":${json}}`);
});
