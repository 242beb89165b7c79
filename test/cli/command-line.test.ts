import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CliError,
  failureLine,
  helpText,
  intOption,
  optionsNpmTook,
  parseCommandLine,
  UsageError,
  usageLine,
  type CliSpec,
} from '../../app/cli/command-line.js';

const SPEC: CliSpec = {
  command: 'npm run demo --',
  args: '<file>',
  summary: 'A demo.',
  positionals: { min: 1, max: 1 },
  options: {
    port: { type: 'string', value: 'N', help: 'a port', default: '8042' },
    header: { type: 'string', value: '"K: v"', help: 'a header', multiple: true },
    json: { type: 'boolean', help: 'JSON only' },
  },
};

test('the usage line and help list every option, defaults and the exit codes', () => {
  assert.equal(usageLine(SPEC), 'Usage: npm run demo -- <file> [--port N] [--header "K: v"] [--json] [--help]');
  const help = helpText(SPEC);
  assert.match(help, /--port N +a port \(default 8042\)/);
  assert.match(help, /Exit codes: 0 ok, 1 failure \(the message names the fix\), 2 wrong usage\./);
});

test('parsing: defaults, repeated options, --help skips the positional check', () => {
  const a = parseCommandLine(SPEC, ['x.json', '--header', 'A: 1', '--header', 'B: 2']);
  assert.deepEqual(a.positionals, ['x.json']);
  assert.equal(a.values.port, '8042');
  assert.deepEqual(a.values.header, ['A: 1', 'B: 2']);
  assert.equal(parseCommandLine(SPEC, ['--help']).help, true);
});

test('a wrong command line is a UsageError with a short message', () => {
  assert.throws(
    () => parseCommandLine(SPEC, ['x', '--nope']),
    (e: unknown) => e instanceof UsageError && e.message === 'unknown option --nope' && e.exitCode === 2,
  );
  assert.throws(() => parseCommandLine(SPEC, []), /missing <file>/);
  assert.throws(() => parseCommandLine(SPEC, ['a', 'b']), /unexpected argument "b"/);
  assert.throws(() => parseCommandLine(SPEC, ['x', '--port']), UsageError);
});

test('integer options are checked with their bounds', () => {
  assert.equal(intOption('8042', 'port', 0, 65535), 8042);
  for (const bad of ['abc', '-1', '70000', '1.5', '', '0x10'])
    assert.throws(() => intOption(bad, 'port', 0, 65535), /--port must be a whole number from 0 to 65535/);
});

test('a failure is one line: the CliError and its fix, or the first line of anything else', () => {
  assert.equal(failureLine(SPEC, new CliError('port 8042 is in use', 'pass --port N')), 'demo: port 8042 is in use; pass --port N');
  const err = Object.assign(new Error('EACCES: permission denied, open x\nmore'), { code: 'EACCES' });
  assert.equal(failureLine(SPEC, err), 'demo failed: EACCES: permission denied, open x');
  assert.equal(failureLine({ command: 'npm start --' }, new CliError('x')), 'start: x');
});

test('options npm took for itself (no -- before them) are named; given through, or not set, they are not', () => {
  const spec: CliSpec = {
    command: 'npm start --',
    summary: 's',
    options: { port: { type: 'string', value: 'N', help: 'p' }, 'log-level': { type: 'string', help: 'l' } },
  };
  assert.deepEqual(optionsNpmTook(spec, ['8043'], { npm_config_port: 'true' }), ['port']);
  assert.deepEqual(optionsNpmTook(spec, ['x'], { npm_config_log_level: 'true' }), ['log-level']);
  assert.deepEqual(optionsNpmTook(spec, ['--port', '8043'], { npm_config_port: 'true' }), []);
  assert.deepEqual(optionsNpmTook(spec, ['--port=8043'], { npm_config_port: 'true' }), []);
  assert.deepEqual(optionsNpmTook(spec, [], { npm_config_loglevel: 'silent', npm_config_user_agent: 'npm' }), []);
});
