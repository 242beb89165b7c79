import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRedisKvFromUrl, KvStoreUnavailableError, redisOptionsFromParams } from '../../../app/adapters/kv/redis.js';
import type { KvStore } from '../../../app/core/ports.js';
import { eventually } from '../../helpers/eventually.js';
import { freePort } from '../../../scripts/lib/free-port.js';
import { skipReason, startRedisServer, type RealServer } from '../../../scripts/lib/real-servers.js';
import { kvStoreContract } from './kv-store.contract.js';

const skip = skipReason('redis-server');

describe('Redis adapter against a real redis-server', { skip }, () => {
  let server: RealServer | null;
  let store: KvStore;
  before(async () => {
    server = await startRedisServer();
    store = createRedisKvFromUrl(server!.url);
  });
  after(async () => {
    await store?.close();
    await server?.close();
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

test('Redis unreachable from the start: every call rejects with a clear error, no secret in it', async () => {
  const port = await freePort();
  const store = createRedisKvFromUrl(`redis://svc:s3cret-pw@127.0.0.1:${port}`);
  try {
    // All at once: each waits out the client's reconnect attempts, in parallel rather than one after another.
    const calls = [() => store.ping(), () => store.hget('k', 'f'), () => store.setIfAbsent('k', 'v', 5), () => store.incrementWithTtl('c', 5)];
    await Promise.all(
      calls.map((call) =>
        assert.rejects(call(), (err: unknown) => {
          assert.ok(err instanceof KvStoreUnavailableError, String(err));
          assert.match(err.message, new RegExp(`key-value store unavailable at 127\\.0\\.0\\.1:${port}`));
          assert.doesNotMatch(err.message, /s3cret/);
          return true;
        }),
      ),
    );
  } finally {
    await store.close();
  }
});

test('Redis down: calls reject quickly; back up: calls work again', { skip }, async () => {
  let server = await startRedisServer();
  const port = server!.port;
  const store = createRedisKvFromUrl(server!.url);
  try {
    await store.hset('k', 'f', 'v');
    await server!.close();
    const t0 = Date.now();
    await assert.rejects(store.hget('k', 'f'), KvStoreUnavailableError);
    assert.ok(Date.now() - t0 < 10_000, 'rejected instead of hanging');
    server = await startRedisServer({ port });
    // The client reconnects on its own schedule; there is no event to await through the KvStore port.
    await eventually(
      () =>
        store.hset('k2', 'f', 'back').then(
          () => true,
          () => false,
        ),
      15_000,
      'the store recovering',
    );
    assert.equal(await store.hget('k2', 'f'), 'back');
  } finally {
    await store.close();
    await server?.close();
  }
});
