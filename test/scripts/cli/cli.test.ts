/**
 * The command-line tools as a newcomer meets them: spawned for real, each answers --help, refuses a
 * bad command line with exit 2 and one line plus the usage, reports a failure in one line (exit 1)
 * without a stack trace, and `--json` through `npm run --silent` is pure JSON.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { repoRoot } from '../../../scripts/lib/repo-root.js';

const ROOT = repoRoot();
const CLIS: Record<string, { file: string; options: string[] }> = {
  start: {
    file: 'build/app/simulator/start.js',
    options: ['--port', '--triggers', '--redis', '--broker', '--no-spawn', '--log-level', '--timeout', '--quiet', '--verbose'],
  },
  send: { file: 'build/scripts/send.js', options: ['--trigger', '--header', '--content-type', '--method', '--url', '--triggers'] },
  validate: { file: 'build/scripts/validate.js', options: ['--json', '--root'] },
  package: { file: 'build/scripts/package.js', options: ['--with-runtime', '--json'] },
  templates: { file: 'build/scripts/build-templates.js', options: ['--check'] },
  diagrams: { file: 'build/scripts/diagrams.js', options: ['--check'] },
  reference: { file: 'build/scripts/reference.js', options: ['--check'] },
  bench: { file: 'build/scripts/bench.js', options: ['--events', '--sequential', '--warm-up', '--only', '--cpu-prof', '--node-flags'] },
  corpus: { file: 'build/scripts/corpus.js', options: ['--json', '--problems', '--dir'] },
  fuzz: { file: 'build/scripts/fuzz.js', options: ['--quick', '--only'] },
  'fuzz:process': { file: 'build/scripts/fuzz-process.js', options: ['--quick', '--largest', '--burst', '--only', '--runs', '--cpu-prof', '--service'] },
  soak: { file: 'build/scripts/soak.js', options: [] },
  memory: { file: 'build/scripts/memory.js', options: [] },
  'bench:modules': { file: 'build/scripts/module-costs.js', options: [] },
  playbook: { file: 'build/scripts/playbook.js', options: ['--trigger-inputs', '--trigger-id', '--intel', '--header', '--sign', '--json'] },
};

const run = (file: string, args: string[]) => spawnSync(process.execPath, [join(ROOT, file), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
const STACK = /^\s+at .+\(?.*:\d+:\d+\)?$/m;

/** One failure line (plus the usage line and the --help hint for usage errors), never a stack. */
function assertOneLine(stderr: string, pattern: RegExp, usage: boolean): void {
  assert.doesNotMatch(stderr, STACK, stderr);
  const lines = stderr.trimEnd().split('\n');
  assert.match(lines[0]!, pattern);
  assert.equal(lines.length, usage ? 3 : 1, stderr);
  if (usage) assert.match(lines[1]!, /^Usage: /);
}

for (const [name, cli] of Object.entries(CLIS)) {
  test(`${name}: --help lists every option with the exit codes; an unknown option is exit 2`, () => {
    const help = run(cli.file, ['--help']);
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /^Usage: npm (start|run [\w:]+) --/);
    for (const option of [...cli.options, '--help']) assert.ok(help.stdout.split('\n')[0]!.includes(option), `${name} usage line lacks ${option}`);
    assert.match(help.stdout, /Exit codes: 0 ok, 1 failure .*, 2 wrong usage/);
    const docs = readFileSync(join(ROOT, 'docs/cli.md'), 'utf8');
    assert.ok(docs.includes(help.stdout.split('\n')[0]!), `docs/cli.md shows the ${name} usage line as --help prints it`);
    const bad = run(cli.file, ['--bogus']);
    assert.equal(bad.status, 2);
    assert.equal(bad.stdout, '');
    assertOneLine(bad.stderr, new RegExp(`^${name}: unknown option --bogus$`), true);
  });
}

test('start: a bad port, a missing triggers file and a port in use are one line each, before anything starts', async () => {
  const abc = run(CLIS.start!.file, ['--port', 'abc']);
  assert.equal(abc.status, 2);
  assertOneLine(abc.stderr, /^start: --port must be a whole number from 0 to 65535, got "abc"$/, true);
  const missing = run(CLIS.start!.file, ['--port', '0', '--triggers', 'no/such.json']);
  assert.equal(missing.status, 1);
  assertOneLine(missing.stderr, /^start: no triggers file at .*no\/such\.json; pass --triggers FILE/, false);

  const blocker: Server = createServer();
  const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)));
  try {
    const started = Date.now();
    const child = spawn(process.execPath, [join(ROOT, CLIS.start!.file), '--port', String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 1);
    assertOneLine(stderr, new RegExp(`^start: port ${port} is in use; pass --port N`), false);
    assert.equal(stdout, '', 'nothing was started');
    assert.ok(Date.now() - started < 10_000);
  } finally {
    blocker.close();
  }
});

test('send: an unknown sample lists the samples; a missing file and an absent simulator are one line, exit 1', async () => {
  const unknown = run(CLIS.send!.file, ['nope']);
  assert.equal(unknown.status, 1);
  assertOneLine(unknown.stderr, /^send: no sample "nope"; use a file path or one of: .*\bgeneric\b.*\bgrafana\b/, false);
  const missing = run(CLIS.send!.file, ['1', 'no/such.json']);
  assert.equal(missing.status, 1);
  assertOneLine(missing.stderr, /^send: no file no\/such\.json; /, false);
  const idOnly = run(CLIS.send!.file, ['1']);
  assert.equal(idOnly.status, 2);
  assertOneLine(idOnly.stderr, /^send: a trigger id needs a file/, true);
  // A port nothing listens on: bind one, note it, close it.
  const s = createServer();
  const port = await new Promise<number>((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as { port: number }).port)));
  await new Promise((r) => s.close(r));
  const absent = run(CLIS.send!.file, ['generic', '--url', `http://127.0.0.1:${port}`]);
  assert.equal(absent.status, 1);
  assert.match(absent.stdout, /^POST http:\/\/127\.0\.0\.1:\d+\/1 \(Generic JSON/);
  assertOneLine(
    absent.stderr,
    new RegExp(`^send: nothing answers at http://127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\); start the simulator with npm start`),
    false,
  );
});

test('templates, diagrams and reference --check say so in one line when everything is current (the diagrams stay current)', () => {
  const templates = run(CLIS.templates!.file, ['--check']);
  assert.equal(templates.status, 0, templates.stdout + templates.stderr);
  assert.match(templates.stdout, /^templates: all \d+ up to date\n$/);
  const diagrams = run(CLIS.diagrams!.file, ['--check']);
  assert.equal(diagrams.status, 0, `${diagrams.stdout}${diagrams.stderr}(run npm run diagrams)`);
  assert.match(diagrams.stdout, /^diagrams: all \d+ up to date\n$/);
  const reference = run(CLIS.reference!.file, ['--check']);
  assert.equal(reference.status, 0, `${reference.stdout}${reference.stderr}(run npm run reference)`);
  assert.match(reference.stdout, /^reference: docs\/trigger-reference\.md up to date\n$/);
});

test('validate: --root on a missing folder is one line; --json through `npm run --silent` is pure JSON', () => {
  const missing = run(CLIS.validate!.file, ['--root', 'no/such/folder']);
  assert.equal(missing.status, 1);
  assertOneLine(missing.stderr, /^validate: no folder .*no\/such\/folder; pass --root DIR/, false);
  const npm = spawnSync('npm', ['run', '--silent', 'validate', '--', '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  assert.equal(npm.status, 0, npm.stderr);
  const parsed = JSON.parse(npm.stdout) as { findings: unknown[]; errors: number };
  assert.equal(parsed.errors, 0);
  assert.ok(Array.isArray(parsed.findings));
});

test('corpus: a missing --dir is one line naming the fix, exit 1', () => {
  const r = run(CLIS.corpus!.file, ['--dir', 'no/such/corpus']);
  assert.equal(r.status, 1);
  assertOneLine(r.stderr, /^corpus: no corpus folder at .*no\/such\/corpus; pass --dir DIR/, false);
});

test('playbook: a template that cannot be read is one line (exit 2), no stack', () => {
  const missing = run(CLIS.playbook!.file, ['templates/none.pbx', 'samples/generic.json']);
  assert.equal(missing.status, 2);
  assertOneLine(missing.stderr, /^playbook: templates\/none\.pbx: cannot read the template/, false);
});

test('send: a missing triggers file is one line naming the fix', () => {
  const r = run(CLIS.send!.file, ['grafana', '--triggers', 'no/such-triggers.json', '--url', 'http://127.0.0.1:9']);
  assert.equal(r.status, 1);
  assertOneLine(r.stderr, /^send: no triggers file at .*no\/such-triggers\.json; pass the trigger id, or --triggers FILE$/, false);
});

test('soak and memory: without mosquitto / redis-server on the PATH, one line naming the install, before anything starts', () => {
  for (const [name, file] of [
    ['soak', CLIS.soak!.file],
    ['memory', CLIS.memory!.file],
  ] as const) {
    const r = spawnSync(process.execPath, [join(ROOT, file)], { cwd: ROOT, encoding: 'utf8', timeout: 30_000, env: { ...process.env, PATH: '/nonexistent' } });
    assert.equal(r.status, 1, r.stderr);
    assertOneLine(r.stderr, new RegExp(`^${name}: needs mosquitto and redis-server on the PATH; apt-get install mosquitto redis-server$`), false);
    assert.equal(r.stdout, '');
  }
});

test('start: `npm start --port 8043` (npm takes --port) says to put -- before the options, exit 2, nothing started', () => {
  const r = spawnSync(process.execPath, [join(ROOT, CLIS.start!.file), '8043'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, npm_config_port: 'true' },
  });
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assertOneLine(r.stderr, /^start: npm took --port for itself; put -- before the tool's options: npm start -- --port …$/, true);
});
