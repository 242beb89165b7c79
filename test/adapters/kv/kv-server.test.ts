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

test('HELLO is refused so clients stay on RESP2; SELECT, AUTH, CLIENT, INFO are accepted', async () => {
  const cmds = ['HELLO 3', 'SELECT 0', 'AUTH x', 'CLIENT SETNAME svc', 'INFO'].map((c) => c.split(' '));
  const payload = cmds.map((args) => `*${args.length}\r\n${args.map((a) => `$${a.length}\r\n${a}\r\n`).join('')}`).join('');
  const { text } = await exchange(payload, (t) => t.includes('redis_version') && t.endsWith('\r\n\r\n'));
  assert.match(text, /^-ERR unknown command 'hello'\r\n\+OK\r\n\+OK\r\n\+OK\r\n\$\d+\r\n# Server/);
});

test('a large body written in many small pieces arrives intact', async () => {
  const body = Buffer.alloc(3 * 1024 * 1024, 0xab);
  const head = Buffer.from(`*4\r\n$4\r\nHSET\r\n$5\r\nbig:1\r\n$12\r\nrequest.body\r\n$${body.length}\r\n`);
  const whole = Buffer.concat([head, body, Buffer.from('\r\n')]);
  await new Promise<void>((resolve, reject) => {
    const s = createConnection({ host: server.host, port: server.port }, () => {
      for (let i = 0; i < whole.length; i += 16 * 1024) s.write(whole.subarray(i, i + 16 * 1024));
    });
    s.on('data', (d) => {
      s.destroy();
      d.toString() === ':1\r\n' ? resolve() : reject(new Error(`unexpected reply ${d.toString()}`));
    });
    s.on('error', reject);
  });
  assert.ok((await store.hgetBuffer('big:1', 'request.body'))?.equals(body));
  assert.ok(server.store.hgetallBuffers('big:1').get('request.body')?.equals(body));
});

test('input after a protocol error is ignored; the server keeps serving others', async () => {
  const bad = await exchange('*1\r\n$x\r\n*1\r\n$4\r\nPING\r\n', () => false);
  assert.equal(bad.text, '-ERR Protocol error: invalid bulk length\r\n');
  assert.equal(bad.closed, true);
  await store.hset('still', 'f', 'up');
  assert.equal(await store.hget('still', 'f'), 'up');
});

test('SET with NX/EX/PX, TTL, EXPIRE, KEYS, EXISTS, DEL, HDEL, HEXISTS over the wire', async () => {
  const cmds = [
    ['SET', 'w:a', '1', 'NX', 'EX', '100'],
    ['SET', 'w:a', '2', 'NX'],
    ['SET', 'w:b', 'x', 'PX', '100000'],
    ['TTL', 'w:a'],
    ['PEXPIRE', 'w:b', '5000000'],
    ['EXPIRE', 'w:missing', '5'],
    ['HSET', 'w:h', 'f1', 'a', 'f2', 'b'],
    ['HEXISTS', 'w:h', 'f2'],
    ['HDEL', 'w:h', 'f2', 'nope'],
    ['KEYS', 'w:*'],
    ['EXISTS', 'w:a', 'w:b', 'w:none'],
    ['DEL', 'w:a', 'w:none'],
    ['GET', 'w:a'],
    ['SET', 'w:c', 'v', 'EX', '0'],
  ];
  const payload = cmds.map((args) => `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`).join('');
  const { text } = await exchange(payload, (t) => t.endsWith('set\r\n'));
  const lines = text.split('\r\n');
  assert.deepEqual(lines.slice(0, 9), ['+OK', '$-1', '+OK', ':100', ':1', ':0', ':2', ':1', ':1']);
  assert.equal(lines[9], '*3');
  assert.deepEqual(
    lines
      .slice(10, 16)
      .filter((l) => !l.startsWith('$'))
      .sort(),
    ['w:a', 'w:b', 'w:h'],
  );
  assert.deepEqual(lines.slice(16), [':2', ':1', '$-1', '-ERR invalid expire time in set', '']);
});
