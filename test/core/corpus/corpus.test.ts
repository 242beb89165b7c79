/**
 * The real-alert corpus (test/corpus) played through the real pipeline in-process: every decision
 * and every expected field exactly; every expected indicator found and no must-not indicator reported.
 * Other extra indicators are counted into the precision figure printed at the end (npm run corpus).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { emptyScore, loadCorpus, playCase, precision, recall, score, add } from '../../../scripts/lib/corpus/corpus.js';
import { REPO } from '../../helpers/profile.js';

const DIR = join(REPO, 'test/corpus');
const cases = loadCorpus(DIR);

test('the corpus holds at least 40 documented payloads, each citing its documentation', () => {
  assert.ok(cases.length >= 40, `${cases.length} cases`);
  for (const c of cases) assert.match(c.doc, /^(https:\/\/|docs\/)/, c.file);
});

let total = emptyScore();
for (const c of cases) {
  test(`corpus ${c.file}`, async () => {
    const seen = await playCase(c);
    const expects = [c.expect, ...(c.then ?? []).map((t) => t.expect)];
    expects.forEach((e, i) => {
      const label = i === 0 ? c.file : `${c.file} (request ${i + 1})`;
      assert.equal(seen[i]!.decision, e.decision, `${label}: decision`);
      if (e.decision === 'fired') assert.equal(seen[i]!.alerts.length, e.alerts?.length ?? 0, `${label}: alerts fired`);
      (e.alerts ?? []).forEach((a, k) => {
        const got = Object.fromEntries(Object.keys(a.fields).map((f) => [f, seen[i]!.alerts[k]!.fields[f]]));
        assert.deepEqual(got, a.fields, `${label} alert ${k}: fields`);
        const reported = new Set(seen[i]!.alerts[k]!.indicators);
        assert.deepEqual(
          a.indicators.filter((x) => !reported.has(x)),
          [],
          `${label} alert ${k}: expected indicators missed`,
        );
        assert.deepEqual(
          a.notIndicators.filter((x) => reported.has(x)),
          [],
          `${label} alert ${k}: must-not indicators reported`,
        );
      });
      const s = emptyScore();
      score(s, e, seen[i]!, label);
      total = add(total, s);
    });
  });
}

test('corpus indicator figures (reported)', () => {
  console.log(
    `# corpus indicators: recall ${(recall(total) * 100).toFixed(1)} %, precision ${(precision(total) * 100).toFixed(1)} %, must-not reported ${total.reportedForbidden}`,
  );
  assert.ok(total.fieldsTotal > 0);
});
