/**
 * What the simulator's terminal and HTTP front tell a newcomer: the decision first, every alert of
 * a batch accounted for, indicators counted by type; a clear 404 and 405.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDecisionLine } from '../../app/simulator/decision-log.js';
import type { SimEvent } from '../../app/simulator/events.js';
import { startSimulator, type Simulator } from '../../app/simulator/platform.js';
import { formatEvent, indicatorCounts } from '../../app/simulator/print.js';
import { REPO } from '../helpers/profile.js';
import { eventually } from '../helpers/eventually.js';

const logDir = mkdtempSync(join(tmpdir(), 'alert-intake-terminal-'));
const printed: string[] = [];
let sim: Simulator;

before(async () => {
  sim = await startSimulator({
    appDir: REPO,
    port: 0,
    logDir,
    print: (t) => printed.push(t),
    triggers: {
      service: {},
      variables: {},
      triggers: [
        { id: 1, inputs: {} },
        { id: 3, inputs: { source_preset: 'Grafana', min_severity: 'high' } },
      ],
    },
  });
});

after(async () => {
  await sim?.stop();
  rmSync(logDir, { recursive: true, force: true });
});

/** Waits up to 5 s; the assertions after it say what is missing. */
async function waitFor(predicate: () => boolean): Promise<void> {
  await eventually(async () => predicate(), 5000).catch(() => undefined);
}

test('a Grafana batch: the block leads with the decision, names the filtered alert and counts indicators by type', async () => {
  const res = await fetch(`${sim.url}/3`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: readFileSync(join(REPO, 'samples/grafana.json')),
  });
  assert.equal(res.status, 200);
  await waitFor(() => printed.some((t) => t.startsWith('── ') && t.includes('/3')));
  const block = printed.find((t) => t.startsWith('── ') && t.includes('/3'))!;
  const lines = block.split('\n');
  assert.match(lines[0]!, /^── #\d+ POST \/3 → trigger 3: FIRED 200 · \d+ ms$/);
  assert.equal(lines[1], '   1 of 2 alert(s) fired');
  assert.match(lines[2]!, /^ {3}· alert 1 filtered \(below_min_severity\): severity medium is below high$/);
  assert.match(lines[3]!, /^ {3}fired 1: ".+"$/);
  assert.match(lines[4]!, /severity critical \(4\) · source Grafana · indicators: 1 Address, 1 URL$/);
  assert.ok(!block.includes('response.json.raw'), 'the raw request is left to --verbose');
  const event = sim.events().find((e) => e.path === '/3')!;
  assert.match(event.detail ?? '', /alert 1 filtered/);
});

test('an unknown trigger says so (no NaN); DELETE is refused with 405 and Allow', async () => {
  const abc = await fetch(`${sim.url}/abc`, { method: 'POST', body: '{}' });
  assert.equal(abc.status, 404);
  const body = (await abc.json()) as { reason: string };
  assert.match(body.reason, /^no trigger "abc": the path starts with a trigger id of the triggers file \(1, 3\), e\.g\. POST \/1$/);
  const del = await fetch(`${sim.url}/1`, { method: 'DELETE' });
  assert.equal(del.status, 405);
  assert.equal(del.headers.get('allow'), 'POST, GET, PUT');
  await waitFor(() => printed.some((t) => t.includes('/abc')));
  const line = printed.find((t) => t.includes('/abc'))!;
  assert.doesNotMatch(line, /NaN/);
  assert.match(line, /POST \/abc → no trigger: UNKNOWN_TRIGGER 404/);
});

test('quiet mode is one line per request; verbose shows every variable with its type', () => {
  const event: SimEvent = {
    seq: 4,
    at: '2026-11-22T18:00:00Z',
    triggerId: 1,
    requestKey: 'rk',
    method: 'POST',
    path: '/1',
    decision: 'fired',
    status: 200,
    reason: 'fired',
    detail: '1 of 1 alert(s) fired',
    durationMs: 3,
    fires: [
      {
        sessionId: 's1',
        outputs: {
          'alert_intake.results.alert.title': { type: 'String', value: 'Beacon' },
          'alert_intake.results.alert.severity': { type: 'String', value: 'high' },
          'alert_intake.results.indicators.address': { type: 'StringArray', value: ['45.155.205.233', '185.220.101.4'] },
          'alert_intake.results.indicators.host': { type: 'StringArray', value: ['evil.example'] },
          'alert_intake.response.json.raw': { type: 'String', value: '{"a":1}' },
        },
      },
    ],
  };
  assert.equal(formatEvent(event, 'line'), '#4 POST /1 → trigger 1: FIRED 200 · "Beacon"');
  assert.equal(indicatorCounts(event.fires[0]!), '2 Address, 1 Host');
  const full = formatEvent(event, 'full');
  assert.match(full, /alert_intake\.response\.json\.raw \(String\) = \{"a":1\}/);
  assert.doesNotMatch(formatEvent(event, 'block'), /json\.raw/);
});

test("the service's decision line is read back for its request key only", () => {
  const line =
    '2026-11-22T18:00:00.000Z - tcex -     INFO - feature=webhook, event=decision triggerId=3 requestKey=abc decision=fire reason=fired detail="1 of 2 alert(s) fired; alert 1 filtered (below_min_severity): severity low is below high" fires=1';
  assert.deepEqual(parseDecisionLine(line, 'abc'), {
    detail: '1 of 2 alert(s) fired; alert 1 filtered (below_min_severity): severity low is below high',
    fires: 1,
  });
  assert.equal(parseDecisionLine(line, 'other'), undefined);
});
