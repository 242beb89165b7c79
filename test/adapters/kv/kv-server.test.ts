import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createConnection } from 'node:net';
import { createRedisKvFromUrl } from '../../../app/adapters/kv/redis.js';
import type { KvStore } from '../../../app/core/ports.js';
import { startKvServer, type KvServer } from '../../../app/simulator/kv-server.js';
import { kvStoreContract } from './kv-store.contract.js';

let server: KvServer;
let store: KvStore;

before(async () => {
  server = await startKvServer();
  store = createRedisKvFromUrl(server.url);
});
after(async () => {
  await store.close();
  await server.close();
});

describe('Redis adapter against the simulator RESP server', () => {
  kvStoreContract('kv-server', () => ({ store, advance: async () => undefined }));
});

/** Raw RESP exchange: send bytes, collect the reply until `done` says it is complete or the socket closes. */
function exchange(payload: Buffer | string, done: (text: string) => boolean): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: server.host, port: server.port });
    let text = '';
    let closed = false;
    const finish = () => resolve({ text, closed });
    socket.on('data', (d) => {
      text += d.toString('latin1');
      if (done(text)) {
        socket.destroy();
        finish();
      }
    });
    socket.on('close', () => {
      closed = true;
      finish();
    });
    socket.on('error', () => undefined);
    socket.write(payload);
  });
}

test('pipelined commands are answered in order', async () => {
  const cmds = ['*3\r\n$4\r\nHSET\r\n$1\r\nh\r\n$1\r\nf\r\n', '$1\r\nv\r\n'].join('');
  const pipeline = `*1\r\n$4\r\nPING\r\n${cmds.replace('*3', '*4')}*3\r\n$4\r\nHGET\r\n$1\r\nh\r\n$1\r\nf\r\n`;
  const { text } = await exchange(pipeline, (t) => t.includes('$1\r\nv\r\n'));
  assert.equal(text, '+PONG\r\n:1\r\n$1\r\nv\r\n');
});

test('a malformed request gets a protocol error and closes only that connection', async () => {
  const bad = await exchange('*2\r\n#oops\r\n', () => false);
  assert.match(bad.text, /^-ERR Protocol error/);
  assert.equal(bad.closed, true);
  await store.ping();
});

test('an absurd bulk length is refused without allocating it', async () => {
  const bad = await exchange('*1\r\n$99999999999\r\n', () => false);
  assert.match(bad.text, /invalid bulk length/);
  await store.ping();
});

test('a client vanishing mid-command does not disturb the others', async () => {
  await new Promise<void>((resolve) => {
    const s = createConnection({ host: server.host, port: server.port }, () => {
      s.write('*3\r\n$4\r\nHSET\r\n$1\r\nx');
      s.destroy();
      resolve();
    });
  });
  await store.hset('after', 'f', 'ok');
  assert.equal(await store.hget('after', 'f'), 'ok');
});

test('unknown commands get an error reply, inline PING works', async () => {
  const { text } = await exchange('FLY me\r\nPING\r\n', (t) => t.includes('PONG'));
  assert.match(text, /^-ERR unknown command 'fly'\r\n\+PONG\r\n$/);
});
