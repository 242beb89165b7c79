import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decryptParams, encryptBytes, encryptParams } from '../../app/config/param-crypto.js';
import { loadParams, parseArgs } from '../../app/config/load-params.js';
import { proxyFromParams } from '../../app/config/service-params.js';

const dir = mkdtempSync(join(tmpdir(), 'params-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const KEY16 = 'qwertyuiopasdfgh';
const BASE = {
  tc_svc_broker_host: '127.0.0.1',
  tc_svc_broker_port: 1883,
  tc_svc_client_topic: 'svc-client-1',
  tc_svc_server_topic: 'svc-server-1',
};

let counter = 0;
function paramFile(params: Record<string, unknown>, key = KEY16): string {
  counter += 1;
  const path = join(dir, `params-${counter}.aes`);
  writeFileSync(path, encryptParams(params, key));
  return path;
}

test('protocol §1.2 vectors: tcex "blah", the JSON worked example (AES-128) and a 32-byte key (AES-256)', () => {
  assert.equal(encryptBytes(Buffer.from('blah'), 'ajfmuyodhscwegea').toString('hex'), '308e608d259f8cdf0034c11a82bd890a');
  const worked = Buffer.from(
    'VFva1O6tjiPm4mfzFA/QyzEME1+Q6gVW/f/poXF2HHwRsS7WdMUZSr8AyhuspxIH0oNCDCneRPmTN7VsX60E8wX3ZNNN852O2p7uL1mvccqxaQ7KTCBKpbSpYe8cNmOAnZH/5Y70L9VqI/297ukXZg==',
    'base64',
  );
  assert.deepEqual(decryptParams(worked, KEY16), {
    tc_svc_client_topic: 'svc-client-1',
    tc_svc_server_topic: 'svc-server-1',
    tc_log_level: 'debug',
  });
  const key32 = '0123456789abcdef0123456789abcdef';
  const aes256 = Buffer.from('fcc9ecfc9cc6bb2d323bff23a0230441b98ab518e5ea5caf61738585fe40ceec', 'hex');
  assert.deepEqual(decryptParams(aes256, key32), { tc_log_level: 'info' });
  assert.deepEqual(encryptParams({ tc_log_level: 'info' }, key32), aes256);
});

test('reads the file through TC_APP_PARAM_FILE/KEY, deletes it, applies tcex defaults', () => {
  const path = paramFile({ ...BASE, tc_log_level: 'DEBUG', my_input: 'hello' });
  const { params, errors, raw } = loadParams({ env: { TC_APP_PARAM_FILE: path, TC_APP_PARAM_KEY: KEY16 }, tempDir: '/tmp/x' });
  assert.deepEqual(errors, []);
  assert.equal(existsSync(path), false, 'params file deleted after a successful read');
  assert.equal(params.tc_svc_broker_host, '127.0.0.1');
  assert.equal(params.tc_log_level, 'debug');
  assert.equal(params.tc_svc_broker_conn_timeout, 60);
  assert.equal(params.tc_svc_hb_timeout_seconds, 20);
  assert.equal(params.tc_kvstore_type, 'Redis');
  assert.equal(params.tc_kvstore_port, 6379);
  assert.equal(params.tc_verify, true);
  assert.equal(params.tc_log_file, 'app.log');
  assert.equal(params.tc_log_max_bytes, 10485760);
  assert.equal(params.tc_log_backup_count, 25);
  assert.equal(params.tc_api_path, 'https://api.threatconnect.com');
  assert.equal(params.tc_log_path, '/tmp/x');
  assert.equal(params.tc_out_path, '/tmp/x');
  assert.equal(params.tc_proxy_external, false);
  assert.equal(params.tcex_testing_context, null);
  assert.deepEqual(params.app, { my_input: 'hello' });
  assert.equal(raw['my_input'], 'hello');
});

test('a wrong key gives a clear error without the key, and the file is kept', () => {
  const path = paramFile(BASE);
  const wrongKey = 'zzzzzzzzzzzzzzzz';
  const { errors } = loadParams({ env: { TC_APP_PARAM_FILE: path, TC_APP_PARAM_KEY: wrongKey } });
  assert.ok(
    errors.some((e) => e.startsWith('TC_APP_PARAM_FILE: cannot decrypt')),
    errors.join('\n'),
  );
  assert.ok(errors.every((e) => !e.includes(wrongKey)));
  assert.equal(existsSync(path), true);
  const short = loadParams({ env: { TC_APP_PARAM_FILE: path, TC_APP_PARAM_KEY: 'short' } });
  assert.ok(short.errors.includes('TC_APP_PARAM_KEY: must be 16, 24 or 32 bytes long, got 5'));
  const noKey = loadParams({ env: { TC_APP_PARAM_FILE: path } });
  assert.ok(noKey.errors.some((e) => e.startsWith('TC_APP_PARAM_KEY: not set')));
  const missing = loadParams({ env: { TC_APP_PARAM_FILE: join(dir, 'nope'), TC_APP_PARAM_KEY: KEY16 } });
  assert.ok(missing.errors.some((e) => e.startsWith('TC_APP_PARAM_FILE: cannot read') && e.includes('ENOENT')));
});

test('stringly-typed numbers and booleans are coerced; bad ones are reported per field', () => {
  const path = paramFile({
    ...BASE,
    tc_svc_broker_port: '1883',
    tc_kvstore_tls_enabled: 'true',
    tc_verify: '0',
    tc_proxy_external: 'yes',
    tc_proxy_tc: 'No',
    tc_log_max_bytes: ' 2048 ',
    tc_svc_hb_timeout_seconds: 'soon',
    tc_kvstore_port: 12.5,
    tc_log_to_api: 'maybe',
  });
  const { params, errors } = loadParams({ env: { TC_APP_PARAM_FILE: path, TC_APP_PARAM_KEY: KEY16 } });
  assert.equal(params.tc_svc_broker_port, 1883);
  assert.equal(params.tc_kvstore_tls_enabled, true);
  assert.equal(params.tc_verify, false);
  assert.equal(params.tc_proxy_external, true);
  assert.equal(params.tc_proxy_tc, false);
  assert.equal(params.tc_log_max_bytes, 2048);
  assert.deepEqual(errors.sort(), [
    'tc_kvstore_port: must be an integer',
    'tc_log_to_api: must be a boolean (true/false, 1/0, yes/no)',
    'tc_svc_hb_timeout_seconds: must be an integer',
  ]);
});

test('legacy tc_playbook_db_* names are aliases; the current name wins when both are given', () => {
  const path = paramFile({
    ...BASE,
    tc_playbook_db_type: 'TCKeyValueAPI',
    tc_playbook_db_path: 'redis.local',
    tc_playbook_db_port: '6380',
    tc_playbook_db_context: 'ctx',
  });
  const { params, raw, errors } = loadParams({ env: { TC_APP_PARAM_FILE: path, TC_APP_PARAM_KEY: KEY16 } });
  assert.deepEqual(errors, []);
  assert.equal(params.tc_kvstore_type, 'TCKeyValueAPI');
  assert.equal(params.tc_kvstore_host, 'redis.local');
  assert.equal(params.tc_kvstore_port, 6380);
  assert.equal(raw['tc_playbook_kvstore_context'], 'ctx');
  assert.deepEqual(params.app, {}, 'legacy names are platform keys, not app inputs');
  const both = paramFile({ ...BASE, tc_kvstore_host: 'new', tc_playbook_db_path: 'old' });
  assert.equal(loadParams({ env: { TC_APP_PARAM_FILE: both, TC_APP_PARAM_KEY: KEY16 } }).params.tc_kvstore_host, 'new');
});

test('--name value and --name=value arguments override the file', () => {
  assert.deepEqual(parseArgs(['--a', '1', '--b=x=y', 'stray', '--flag', '--c', 'z']), { a: '1', b: 'x=y', flag: 'true', c: 'z' });
  const path = paramFile({ ...BASE, tc_log_level: 'info' });
  const { params, errors } = loadParams({
    env: { TC_APP_PARAM_FILE: path, TC_APP_PARAM_KEY: KEY16 },
    argv: ['--tc_log_level', 'trace', '--tc_svc_broker_port=2883', '--tc_playbook_db_path', 'legacy-host'],
  });
  assert.deepEqual(errors, []);
  assert.equal(params.tc_log_level, 'trace');
  assert.equal(params.tc_svc_broker_port, 2883);
  assert.equal(params.tc_kvstore_host, 'legacy-host');
});

test('arguments alone work without a params file (local runs)', () => {
  const argv = Object.entries(BASE).flatMap(([k, v]) => [`--${k}`, String(v)]);
  const { params, errors } = loadParams({ env: {}, argv });
  assert.deepEqual(errors, []);
  assert.equal(params.tc_svc_broker_port, 1883);
});

test('validation: missing broker host, port and topics are reported as "<field>: <message>"', () => {
  const path = paramFile({ tc_log_level: 'loud', tc_svc_broker_port: 70000 });
  const { errors } = loadParams({ env: { TC_APP_PARAM_FILE: path, TC_APP_PARAM_KEY: KEY16 } });
  assert.deepEqual(errors.sort(), [
    'tc_log_level: must be one of trace, debug, info, warning, error, critical',
    'tc_svc_broker_host: required, not set',
    'tc_svc_broker_port: must be 1-65535',
    'tc_svc_client_topic: required, not set',
    'tc_svc_server_topic: required, not set',
  ]);
  assert.deepEqual(
    loadParams({ env: {} }).errors.filter((e) => e.startsWith('TC_APP_PARAM_FILE')),
    ['TC_APP_PARAM_FILE: not set and no --tc_* arguments given'],
  );
});

test('secrets: platform credentials, marked app inputs and credential-named app inputs', () => {
  const path = paramFile({
    ...BASE,
    tc_svc_broker_token: 'broker-token-1',
    tc_kvstore_pass: 'kv-pass-1',
    tc_proxy_password: 'proxy-pass-1',
    tc_token: 'api-token-1',
    tc_api_secret_key: 'hmac-secret-1',
    tc_svc_broker_jks_pwd: 'Unused',
    shared_key: 'marked-secret',
    webhook_secret: 'named-secret',
    title: 'not a secret',
  });
  const { secrets } = loadParams({ env: { TC_APP_PARAM_FILE: path, TC_APP_PARAM_KEY: KEY16 }, secretKeys: ['shared_key'] });
  assert.deepEqual(secrets.sort(), ['api-token-1', 'broker-token-1', 'hmac-secret-1', 'kv-pass-1', 'marked-secret', 'named-secret', 'proxy-pass-1']);
});

test('injected readFile/unlink are used (pure), and an unlink failure is reported', () => {
  const bytes = encryptParams(BASE, KEY16);
  const unlinked: string[] = [];
  const ok = loadParams({
    env: { TC_APP_PARAM_FILE: '/virtual/params', TC_APP_PARAM_KEY: KEY16 },
    readFile: () => bytes,
    unlink: (p) => unlinked.push(p),
  });
  assert.deepEqual(ok.errors, []);
  assert.deepEqual(unlinked, ['/virtual/params']);
  const denied = loadParams({
    env: { TC_APP_PARAM_FILE: '/virtual/params', TC_APP_PARAM_KEY: KEY16 },
    readFile: () => bytes,
    unlink: () => {
      throw Object.assign(new Error('denied'), { code: 'EACCES' });
    },
  });
  assert.deepEqual(denied.errors, ['TC_APP_PARAM_FILE: read but could not be deleted (EACCES)']);
});

test('TC_TOKEN_SLEEP_INTERVAL sets the renewal interval (default 150 s); proxy settings only with host and port', () => {
  const argv = Object.entries(BASE).flatMap(([k, v]) => [`--${k}`, String(v)]);
  assert.equal(loadParams({ env: {}, argv }).tokenRenewIntervalMs, 150_000);
  assert.equal(loadParams({ env: { TC_TOKEN_SLEEP_INTERVAL: '5' }, argv }).tokenRenewIntervalMs, 5000);
  assert.deepEqual(loadParams({ env: { TC_TOKEN_SLEEP_INTERVAL: 'soon' }, argv }).errors, ['TC_TOKEN_SLEEP_INTERVAL: must be a positive number of seconds']);
  assert.equal(proxyFromParams(loadParams({ env: {}, argv }).params), undefined);
  const withProxy = loadParams({
    env: {},
    argv: [
      ...argv,
      '--tc_proxy_host',
      'proxy.local',
      '--tc_proxy_port',
      '3128',
      '--tc_proxy_username',
      'u',
      '--tc_proxy_password',
      'pw12',
      '--tc_proxy_external',
      'true',
    ],
  });
  assert.deepEqual(proxyFromParams(withProxy.params), { host: 'proxy.local', port: 3128, username: 'u', password: 'pw12' });
  assert.equal(withProxy.params.tc_proxy_external, true);
  assert.ok(withProxy.secrets.includes('pw12'));
});
