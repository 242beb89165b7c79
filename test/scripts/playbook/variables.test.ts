/** Variable resolution as tcex documents it (tests/app/playbook/test_playbook_embedded_variable.py). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UndefinedVariable } from '../../../scripts/lib/playbook/errors.js';
import { embed, exactRef, findRefs, pyJson, resolveValue, spacePatterns, type VariableSource, type VarRef } from '../../../scripts/lib/playbook/variables.js';

const values: Record<string, unknown> = {
  '#App:1:string.1!String': 'DATA',
  '#App:1:string.4!String': 'one\ntwo\n',
  '#App:1:array.1!StringArray': ['two', 'three'],
  '#App:1:keyvalue.1!KeyValue': { key: 'kv1', value: 'kv1 value' },
  '#App:1:nothing!String': null,
  '#App:1:bin!Binary': 'AAEC',
};
const source: VariableSource = {
  read: (r: VarRef) => {
    if (!(r.raw in values)) throw new UndefinedVariable(r.raw, 'not produced');
    return values[r.raw];
  },
  tcVariable: (type, key, raw) => {
    if (key !== 'api_user') throw new UndefinedVariable(raw, 'unknown');
    return `${type}:alice`;
  },
};

test('one whole variable reads its typed value', () => {
  assert.deepEqual(resolveValue('#App:1:array.1!StringArray', source), ['two', 'three']);
  assert.deepEqual(resolveValue('  #App:1:keyvalue.1!KeyValue ', source), { key: 'kv1', value: 'kv1 value' });
  assert.equal(resolveValue('#App:1:nothing!String', source), null);
});

test('embedded variables: strings as is, others as Python JSON, null as <null>, binary as <binary>', () => {
  assert.equal(resolveValue('This is #App:1:string.1!String in a String.', source), 'This is DATA in a String.');
  assert.equal(resolveValue('This is #App:1:array.1!StringArray in a String.', source), 'This is ["two", "three"] in a String.');
  assert.equal(resolveValue('{"key": "one", "value": #App:1:keyvalue.1!KeyValue}', source), '{"key": "one", "value": {"key": "kv1", "value": "kv1 value"}}');
  assert.equal(resolveValue('{"numbers": "#App:1:string.4!String three"}', source), '{"numbers": "one\ntwo\n three"}');
  assert.equal(embed('x=#App:1:nothing!String b=#App:1:bin!Binary', source), 'x=<null> b=<binary>');
  assert.equal(pyJson({ a: ['é', 1, true, null] }), '{"a": ["\\u00e9", 1, true, null]}');
});

test('\\s becomes a space in user text; \\\\s stays a literal \\s', () => {
  assert.equal(spacePatterns('\\stest\\s'), ' test ');
  assert.equal(spacePatterns('\\\\stest'), '\\stest');
});

test('ThreatConnect variables resolve; an unknown one is an undefined variable', () => {
  assert.equal(embed('user &{TC:TEXT:api_user} / ${ORGANIZATION:KEYCHAIN:api_user}', source), 'user TEXT:alice / KEYCHAIN:alice');
  assert.throws(() => embed('&{TC:KEYCHAIN:other}', source), UndefinedVariable);
  assert.throws(() => resolveValue('a #App:2:missing!String b', source), /undefined variable #App:2:missing!String/);
});

test('references: found in order, exact only when the whole text is one', () => {
  assert.deepEqual(
    findRefs('#App:6:a.b!String #Trigger:100:x_y!StringArray#Global:0:gbl.org.name!String').map((r) => [r.provider, r.id, r.name, r.type]),
    [
      ['App', 6, 'a.b', 'String'],
      ['Trigger', 100, 'x_y', 'StringArray'],
      ['Global', 0, 'gbl.org.name', 'String'],
    ],
  );
  assert.equal(exactRef('#App:6:a!String tail'), null);
  assert.equal(exactRef(' #App:6:a!String ')?.name, 'a');
});
