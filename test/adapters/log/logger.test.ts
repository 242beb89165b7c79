import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../../app/adapters/log/logger.js';
import { createRedactor } from '../../../app/adapters/log/redact.js';

const root = mkdtempSync(join(tmpdir(), 'logger-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const newDir = () => join(root, `case-${(n += 1)}`, 'nested');
const read = (path: string) => readFileSync(path, 'utf8');

test('writes tcex-like lines to <path>/<file>, creating the directory', () => {
  const path = newDir();
  const log = createLogger({ path, file: 'app.log', level: 'info', maxBytes: 1_000_000, backupCount: 2, secrets: createRedactor() });
  log.info('feature=service, event=ready', { topic: 'svc-client-1', count: 2 });
  log.warn('careful', { note: 'two words' });
  log.debug('hidden at info');
  log.close();
  const lines = read(join(path, 'app.log')).trimEnd().split('\n');
  assert.equal(lines.length, 2);
  assert.match(lines[0] ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z - tcex - +INFO - feature=service, event=ready topic=svc-client-1 count=2$/);
  assert.match(lines[1] ?? '', / - tcex - +WARNING - careful note="two words"$/);
});

test('no secret reaches the file at TRACE: token, password, header list, Basic, a secret added later', () => {
  const path = newDir();
  const secrets = createRedactor(['broker-token-XYZ']);
  const log = createLogger({ path, file: 'app.log', level: 'trace', maxBytes: 1_000_000, backupCount: 2, secrets });
  const basic = Buffer.from('bob:hunter22').toString('base64');
  log.trace('connecting with broker-token-XYZ');
  log.trace('request', {
    headers: [
      { name: 'Authorization', value: 'TC-Token SVC:1:2:3:secretpart' },
      { name: 'Accept', value: 'application/json' },
    ],
    password: 'kv-password-1',
  });
  log.trace(`outgoing Authorization: Basic ${basic}`);
  secrets.addSecret('late-hmac-secret');
  log.child({ triggerId: 4 }).trace('checking signature with late-hmac-secret', { config: { hmac_secret: 'late-hmac-secret' } });
  log.close();
  const text = read(join(path, 'app.log'));
  for (const leak of ['broker-token-XYZ', 'secretpart', 'kv-password-1', basic, 'hunter22', 'late-hmac-secret']) {
    assert.ok(!text.includes(leak), `leaked ${leak}:\n${text}`);
  }
  assert.match(text, /TRACE - connecting with \*\*\*/);
  assert.match(text, /"name":"Accept","value":"application\/json"/);
  assert.match(text, /triggerId=4/);
});

test('LoggingChange: case-insensitive names, warn alias, unknown level refused and kept', () => {
  const path = newDir();
  const log = createLogger({ path, file: 'app.log', level: 'info', maxBytes: 1_000_000, backupCount: 2, secrets: createRedactor() });
  log.trace('t1');
  assert.equal(log.setLevel('TRACE'), true);
  assert.equal(log.level, 'trace');
  log.trace('t2');
  assert.equal(log.setLevel('Warn'), true);
  assert.equal(log.level, 'warning');
  log.info('i1');
  assert.equal(log.setLevel('verbose'), false);
  assert.equal(log.level, 'warning');
  log.error('e1');
  log.critical('c1');
  log.close();
  const text = read(join(path, 'app.log'));
  assert.ok(!text.includes('t1') && !text.includes('i1'));
  assert.match(text, /TRACE - t2/);
  assert.match(text, /ERROR - e1/);
  assert.match(text, /CRITICAL - c1/);
});

test('forTrigger writes to the main file and to trigger-id-<id>.log, logFile relative to the log dir', () => {
  const path = newDir();
  const log = createLogger({ path, file: 'app.log', level: 'debug', maxBytes: 1_000_000, backupCount: 2, secrets: createRedactor() });
  const { logger, logFile } = log.forTrigger(42);
  assert.equal(logFile, 'trigger-id-42.log');
  logger.info('feature=trigger, event=create-config');
  logger.child({ sessionId: 'abc' }).debug('event handled');
  log.info('main only');
  assert.equal(log.forTrigger(42).logFile, logFile, 'same trigger, same file');
  log.closeTrigger(42);
  logger.info('after close goes to main only');
  log.close();
  const triggerText = read(join(path, logFile));
  assert.match(triggerText, /INFO - feature=trigger, event=create-config triggerId=42/);
  assert.match(triggerText, /DEBUG - event handled triggerId=42 sessionId=abc/);
  assert.ok(!triggerText.includes('main only') && !triggerText.includes('after close'));
  const mainText = read(join(path, 'app.log'));
  assert.match(mainText, /event=create-config triggerId=42/);
  assert.match(mainText, /after close goes to main only/);
});

test('rotation by size keeps backupCount files: app.log.1 … app.log.N', () => {
  const path = newDir();
  const log = createLogger({ path, file: 'app.log', level: 'info', maxBytes: 500, backupCount: 2, secrets: createRedactor() });
  for (let i = 0; i < 40; i += 1) log.info(`line ${i} ${'x'.repeat(60)}`);
  log.close();
  assert.ok(existsSync(join(path, 'app.log.1')));
  assert.ok(existsSync(join(path, 'app.log.2')));
  assert.ok(!existsSync(join(path, 'app.log.3')));
  for (const f of ['app.log', 'app.log.1', 'app.log.2']) assert.ok(readFileSync(join(path, f)).length <= 500, f);
  assert.match(read(join(path, 'app.log')), /line 39 /);
});

test('a log directory that cannot be created fails at construction with a clear error', () => {
  const blocker = join(root, 'blocker');
  createLogger({ path: root, file: 'blocker', level: 'info', maxBytes: 100, backupCount: 0, secrets: createRedactor() }).close();
  assert.throws(
    () => createLogger({ path: join(blocker, 'sub'), file: 'app.log', level: 'info', maxBytes: 100, backupCount: 0, secrets: createRedactor() }),
    /ENOTDIR|EEXIST/,
  );
});

test('fields: plain values verbatim, quoted ones redacted before escaping, sensitive keys masked', () => {
  const path = newDir();
  const secrets = createRedactor(['q"uote\\d-secret', 'plainsecret42']);
  const log = createLogger({ path, file: 'app.log', level: 'info', maxBytes: 1_000_000, backupCount: 2, secrets });
  log.info('fields', {
    quoted: 'with space and q"uote\\d-secret inside',
    plain: 'x-plainsecret42-y',
    apiKey: 'k-123456',
    count: 3,
    ok: true,
    none: null,
    skipped: undefined,
    nested: { headers: [{ name: 'X-Api-Key', value: 'hv-987654' }] },
  });
  log.debug('off', { quoted: 'never rendered' });
  log.close();
  const text = read(join(path, 'app.log'));
  for (const leak of ['d-secret', 'plainsecret42', 'k-123456', 'hv-987654']) assert.ok(!text.includes(leak), `leaked ${leak}:\n${text}`);
  assert.match(text, /INFO - fields quoted="with space and \*\*\* inside" plain=x-\*\*\*-y apiKey=\*\*\* count=3 ok=true none=null nested=\{/);
  assert.ok(!text.includes('skipped') && !text.includes('never rendered'));
});
