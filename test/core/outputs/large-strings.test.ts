import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeLargeStrings, jsonStringBytes, LARGE_STRING_CHARS, type LargeStrings } from '../../../app/core/outputs/large-strings.js';
import { planOutputWrites } from '../../../app/core/outputs/writer.js';
import { parseVariable } from '../../../app/core/outputs/variables.js';

const SLICE = 1024 * 1024;

test('a large string is JSON-encoded in slices to exactly the bytes of JSON.stringify', async () => {
  // Surrogate pairs straddling every slice boundary, lone surrogates, quotes, backslashes, controls.
  const unit = 'a"b\\c\nd\u0001é€😀';
  let text = unit.repeat(Math.ceil((2.5 * SLICE) / unit.length));
  const straddle = (at: number) => `${text.slice(0, at - 1)}😀${text.slice(at + 1)}`;
  text = straddle(SLICE);
  text = straddle(2 * SLICE);
  text = `${text.slice(0, SLICE * 2 + 5)}\ud800x\udc00${text.slice(SLICE * 2 + 8)}`;
  for (const t of [text, text.slice(0, SLICE), text.slice(0, SLICE - 1), '', 'short']) {
    assert.ok((await jsonStringBytes(t)).equals(Buffer.from(JSON.stringify(t), 'utf8')), `${t.length} units`);
  }
});

test('large String outputs are encoded once per cache and written as those bytes; small ones and other types as before', async () => {
  const big = `{"x":"${'y'.repeat(LARGE_STRING_CHARS)}"}`;
  const raw = parseVariable('#Trigger:1:alert_intake.response.json.raw!String')!;
  const title = parseVariable('#Trigger:1:alert_intake.results.alert.title!String')!;
  const list = parseVariable('#Trigger:1:alert_intake.results.indicators!StringArray')!;
  const outputs = {
    'alert_intake.response.json.raw': { type: 'String' as const, value: big },
    'alert_intake.results.alert.title': { type: 'String' as const, value: 'small' },
    'alert_intake.results.indicators': { type: 'StringArray' as const, value: [big] },
  };
  const cache: LargeStrings = new Map();
  const first = await encodeLargeStrings([raw, title, list], outputs, cache);
  const second = await encodeLargeStrings([raw, title, list], { ...outputs }, cache);
  const third = await encodeLargeStrings([raw, title, list], { ...outputs }, cache);
  assert.deepEqual([...first.keys()], [raw.raw]);
  // One fire's value stays its JSON text (a command of strings is written in one go); a value
  // several fires write is encoded to bytes once, shared from the second fire on.
  assert.equal(first.get(raw.raw), JSON.stringify(big));
  assert.ok(Buffer.isBuffer(second.get(raw.raw)) && (second.get(raw.raw) as Buffer).equals(Buffer.from(JSON.stringify(big))));
  assert.equal(third.get(raw.raw), second.get(raw.raw), 'the same bytes for the third fire');
  const plan = planOutputWrites([raw, title, list], outputs, first);
  assert.deepEqual(
    plan.writes.map((w) => [w.field, w.json.toString()]),
    [
      [raw.raw, JSON.stringify(big)],
      [title.raw, '"small"'],
      [list.raw, JSON.stringify([big])],
    ],
  );
});
