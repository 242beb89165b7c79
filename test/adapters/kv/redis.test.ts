import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createRedisKvFromUrl, KvStoreUnavailableError, redisOptionsFromParams } from '../../../app/adapters/kv/redis.js';
import type { KvStore } from '../../../app/core/ports.js';
import { kvStoreContract } from './kv-store.contract.js';
import { realRedisUrl } from './redis-server.js';

const url = await realRedisUrl();

describe('Redis adapter against a real redis-server', { skip: url === null ? 'no redis-server (see warning above)' : false }, () => {
  let store: KvStore;
  before(() => {
    store = createRedisKvFromUrl(url!);
  });
  after(async () => {
    await store.close();
  });
  kvStoreContract('redis', () => ({ store, advance: async () => undefined }));
});

test('platform params map to the tcex Redis settings', () => {
  const base = {
    tc_kvstore_host: 'kv.internal',
    tc_kvstore_port: 6379,
    tc_kvstore_user: 'svc',
    tc_kvstore_pass: 'pw',
    tc_kvstore_tls_enabled: false,
    tc_kvstore_tls_port: 6380,
    tc_playbook_kvstore_id: 3,
    tc_svc_broker_cacert_file: '/ca.pem',
    tc_svc_broker_cert_file: '/cert.pem',
    tc_svc_broker_key_file: '/key.pem',
  };
  const plain = redisOptionsFromParams(base);
  assert.equal(plain.port, 6379);
  assert.equal(plain.db, 0, 'non-TLS always uses db 0');
  assert.equal(plain.password, undefined, 'non-TLS sends no AUTH');
  assert.equal(plain.tls, undefined);
  const tls = redisOptionsFromParams({ ...base, tc_kvstore_tls_enabled: true }, (p) => Buffer.from(`pem:${p}`));
  assert.equal(tls.port, 6380);
  assert.equal(tls.db, 3);
  assert.equal(tls.username, 'svc');
  assert.equal(tls.password, 'pw');
  assert.deepEqual(tls.tls, { ca: Buffer.from('pem:/ca.pem'), cert: Buffer.from('pem:/cert.pem'), key: Buffer.from('pem:/key.pem') });
});

async function freePort(): Promise<number> {
  return new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

test('Redis unreachable from the start: every call rejects with a clear error, no secret in it', async () => {
  const port = await freePort();
  const store = createRedisKvFromUrl(`redis://svc:s3cret-pw@127.0.0.1:${port}`);
  try {
    for (const call of [() => store.ping(), () => store.hget('k', 'f'), () => store.setIfAbsent('k', 'v', 5), () => store.incrementWithTtl('c', 5)]) {
      await assert.rejects(call(), (err: unknown) => {
        assert.ok(err instanceof KvStoreUnavailableError, String(err));
        assert.match(err.message, new RegExp(`key-value store unavailable at 127\\.0\\.0\\.1:${port}`));
        assert.doesNotMatch(err.message, /s3cret/);
        return true;
      });
    }
  } finally {
    await store.close();
  }
});

const hasRedisBinary = spawnSync('redis-server', ['--version']).status === 0;

test('Redis down: calls reject quickly; back up: calls work again', { skip: hasRedisBinary ? false : 'redis-server binary not installed' }, async () => {
  const port = await freePort();
  const start = async (): Promise<ChildProcess> => {
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const probe = createRedisKvFromUrl(`redis://127.0.0.1:${port}`);
    const until = Date.now() + 10_000;
    for (;;) {
      try {
        await probe.ping();
        break;
      } catch {
        if (Date.now() > until) throw new Error('redis-server did not start');
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    await probe.close();
    return child;
  };
  let server = await start();
  const store = createRedisKvFromUrl(`redis://127.0.0.1:${port}`);
  try {
    await store.hset('k', 'f', 'v');
    server.kill('SIGKILL');
    await new Promise((r) => server.once('exit', r));
    const t0 = Date.now();
    await assert.rejects(store.hget('k', 'f'), KvStoreUnavailableError);
    assert.ok(Date.now() - t0 < 10_000, 'rejected instead of hanging');
    server = await start();
    const until = Date.now() + 15_000;
    for (;;) {
      try {
        await store.hset('k2', 'f', 'back');
        break;
      } catch {
        if (Date.now() > until) throw new Error('store did not recover');
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    assert.equal(await store.hget('k2', 'f'), 'back');
  } finally {
    await store.close();
    server.kill('SIGKILL');
  }
});
