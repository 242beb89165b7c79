import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planOutputWrites } from '../../../app/core/outputs/writer.js';
import { parseVariable, type ParsedVariable } from '../../../app/core/outputs/variables.js';
import { encodeOutputValue } from '../../../app/core/outputs/encode-value.js';

const vars = (...raw: string[]): ParsedVariable[] => raw.map((r) => parseVariable(r)!);

test('only requested variables are written, selected by key and type, field = the opaque string', () => {
  const plan = planOutputWrites(vars('#Trigger:77:alert_intake.results.alert.title!String', '#Trigger:77:alert_intake.results.indicators!StringArray'), {
    'alert_intake.results.alert.title': { type: 'String', value: 'Bad thing' },
    'alert_intake.results.indicators': { type: 'StringArray', value: ['1.2.3.4', 'evil.example'] },
    'alert_intake.results.alert.id': { type: 'String', value: 'not requested' },
  });
  assert.deepEqual(plan.writes, [
    { field: '#Trigger:77:alert_intake.results.alert.title!String', json: '"Bad thing"' },
    { field: '#Trigger:77:alert_intake.results.indicators!StringArray', json: '["1.2.3.4","evil.example"]' },
  ]);
  assert.deepEqual(plan.skipped, []);
});

test('a type mismatch or a missing output is skipped with a reason', () => {
  const plan = planOutputWrites(vars('#Trigger:1:a!StringArray', '#Trigger:1:b!String'), { a: { type: 'String', value: 'x' } });
  assert.equal(plan.writes.length, 0);
  assert.equal(plan.skipped.length, 2);
});

test('every type has the JSON encoding of protocol §5.3', () => {
  const enc = (type: string, value: unknown) => {
    const r = encodeOutputValue(type, value);
    return r === null ? null : r.ok ? r.json : `!${r.reason}`;
  };
  assert.equal(enc('String', 'héllo'), '"héllo"');
  assert.equal(enc('String', true), '"true"');
  assert.equal(enc('String', 42), '"42"');
  assert.equal(enc('String', null), null);
  assert.equal(enc('StringArray', ['a', null, 3, false]), '["a",null,"3","false"]');
  assert.equal(enc('StringArray', ['a', undefined, 'b"']), '["a",null,"b\\""]');
  assert.equal(enc('StringArray', [{ a: 1 }]), '["{\\"a\\":1}"]');
  assert.equal(enc('KeyValueArray', [{ key: 'k', value: 'v' }, null, undefined]), '[{"key":"k","value":"v"},null,null]');
  assert.equal(enc('Binary', Buffer.from('hello')), '"aGVsbG8="');
  assert.equal(enc('BinaryArray', [Buffer.from('hi'), null]), '["aGk=",null]');
  assert.equal(enc('KeyValue', { key: 'k', value: 'v' }), '{"key":"k","value":"v"}');
  assert.equal(enc('KeyValueArray', [{ key: 'k', value: ['v'] }]), '[{"key":"k","value":["v"]}]');
  assert.equal(enc('TCEntity', { id: '1', value: '1.1.1.1', type: 'Address' }), '{"id":"1","value":"1.1.1.1","type":"Address"}');
  assert.equal(enc('TCEntityArray', [{ id: '', value: 'x.example', type: 'Host' }]), '[{"id":"","value":"x.example","type":"Host"}]');
  assert.equal(enc('TCBatch', { indicator: [], group: [] }), '{"indicator":[],"group":[]}');
  assert.match(enc('KeyValue', { key: 'k' }) ?? '', /^!/);
  assert.match(enc('StringArray', 'x') ?? '', /^!/);
  assert.match(enc('TCEntityArray', [{ value: 'x' }]) ?? '', /^!/);
});

test('variable strings: #App/#Trigger/#Global parse, anything else does not', () => {
  assert.deepEqual(parseVariable(' #Trigger:9876:alert_intake.results.fields!KeyValueArray '), {
    raw: '#Trigger:9876:alert_intake.results.fields!KeyValueArray',
    namespace: 'Trigger',
    id: '9876',
    key: 'alert_intake.results.fields',
    type: 'KeyValueArray',
  });
  assert.equal(parseVariable('#Trigger:x:a!String'), null);
  assert.equal(parseVariable('alert_intake.results!String'), null);
  assert.equal(parseVariable('#Trigger:1:a b!String'), null);
});
