/**
 * The TLS rules of protocol §9 item 13 against a real redis-server with TLS, an ACL user and
 * client-certificate authentication: tc_kvstore_tls_port (not tc_kvstore_port), tc_playbook_kvstore_id
 * as db, user and password, CA and client cert/key from the broker cert params. Skipped (with a
 * reason) when redis-server or openssl is missing or redis-server was built without TLS.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRedisKv, KvStoreCommandError, KvStoreUnavailableError, type RedisKvParams } from '../../../app/adapters/kv/redis.js';
import type { KvStore } from '../../../app/core/ports.js';
import { freePort } from '../../../scripts/lib/free-port.js';
import { skipReason, startRedisServer, type RealServer } from '../../../scripts/lib/real-servers.js';

const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const noRedis = skipReason('redis-server');
const tlsHelp = spawnSync('redis-server', ['--tls-port', '1', '--port', '0', '--tls-cert-file', '/nonexistent'], { encoding: 'utf8', timeout: 5000 });
const tlsBuilt = !/(unrecognized|Bad directive).*tls/i.test(`${tlsHelp.stdout}${tlsHelp.stderr}`);
const skip = noRedis ? noRedis : !has('openssl', ['version']) ? 'openssl not installed' : !tlsBuilt ? 'redis-server built without TLS' : false;

let dir = '';
let server: RealServer | null = null;
let params: RedisKvParams;
const opened: KvStore[] = [];
const open = (p: RedisKvParams): KvStore => {
  const s = createRedisKv(p);
  opened.push(s);
  return s;
};

function openssl(...args: string[]): void {
  const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr}`);
}

function makeCertificates(): void {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=alert-intake-test-ca');
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  for (const name of ['server', 'client']) {
    openssl('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
    openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.crt`,
      '-days',
      '1',
      '-extfile',
      'san.ext',
    );
  }
}

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'kv-tls-'));
  makeCertificates();
  const tlsPort = await freePort();
  const plainPort = await freePort(); // nothing listens here: proves tc_kvstore_port is not used
  // `--port 0` after the helper's own --port: TLS only.
  server = await startRedisServer({
    args: [
      '--port',
      '0',
      '--tls-port',
      String(tlsPort),
      '--tls-cert-file',
      join(dir, 'server.crt'),
      '--tls-key-file',
      join(dir, 'server.key'),
      '--tls-ca-cert-file',
      join(dir, 'ca.crt'),
      '--tls-auth-clients',
      'yes',
      '--user',
      'default',
      'off',
      '--user',
      'svc',
      'on',
      '>s3cret-pw',
      '~*',
      '&*',
      '+@all',
    ],
  });
  params = {
    tc_kvstore_host: '127.0.0.1',
    tc_kvstore_port: plainPort,
    tc_kvstore_user: 'svc',
    tc_kvstore_pass: 's3cret-pw',
    tc_kvstore_tls_enabled: true,
    tc_kvstore_tls_port: tlsPort,
    tc_playbook_kvstore_id: 3,
    tc_svc_broker_cacert_file: join(dir, 'ca.crt'),
    tc_svc_broker_cert_file: join(dir, 'client.crt'),
    tc_svc_broker_key_file: join(dir, 'client.key'),
  };
});

after(async () => {
  await Promise.all(opened.map((s) => s.close()));
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('TLS: tls port, playbook db, ACL user, CA and client certificate from the params', { skip }, async () => {
  const store = open(params);
  await store.hset('tls:session', '#Trigger:1:alert_intake.results.alert.id!String', '"a-1"');
  assert.equal(await store.hget('tls:session', '#Trigger:1:alert_intake.results.alert.id!String'), '"a-1"');
  const db0 = open({ ...params, tc_playbook_kvstore_id: 0 });
  assert.equal(await db0.hget('tls:session', '#Trigger:1:alert_intake.results.alert.id!String'), null, 'written to db 3, not db 0');
});

test('TLS: without the client certificate the store is unavailable, and the error names no secret', { skip }, async () => {
  const store = open({ ...params, tc_svc_broker_cert_file: null, tc_svc_broker_key_file: null });
  await assert.rejects(store.ping(), (err: unknown) => {
    assert.ok(err instanceof KvStoreUnavailableError, String(err));
    assert.doesNotMatch(err.message, /s3cret/);
    return true;
  });
});

test('TLS: a wrong password is refused, and the error names no secret', { skip }, async () => {
  const store = open({ ...params, tc_kvstore_pass: 'wrong-s3cret' });
  await assert.rejects(store.ping(), (err: unknown) => {
    assert.ok(err instanceof KvStoreCommandError, String(err));
    assert.match(err.message, /WRONGPASS/);
    assert.doesNotMatch(err.message, /s3cret/);
    return true;
  });
});
