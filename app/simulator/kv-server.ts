/**
 * The simulator's key-value store on the wire: a small RESP2 server on loopback backed by the
 * in-memory store, so the service process uses its normal Redis adapter with nothing to install.
 * It speaks the subset the service, ioredis and redis-cli use; anything else gets an error reply.
 */
import { listen } from './listen.js';
import { createServer, type Socket } from 'node:net';
import { createMemoryKv, WrongTypeError, type MemoryKv } from '../adapters/kv/memory.js';
import { encodeReply, LIMITS, OK, parseCommand, type RespReply } from './resp.js';

export interface KvServer {
  host: string;
  port: number;
  url: string;
  store: MemoryKv;
  close(): Promise<void>;
}

const err = (message: string) => new Error(message);
const arity = (name: string) => err(`ERR wrong number of arguments for '${name}' command`);
const int = (b: Buffer | undefined): number | null => {
  if (!b) return null;
  const n = Number(b.toString('latin1'));
  return Number.isInteger(n) ? n : null;
};

/** Executes one command against the store. Pure with respect to the connection. */
export function execute(store: MemoryKv, args: Buffer[]): RespReply {
  const name = (args[0]?.toString('latin1') ?? '').toLowerCase();
  const a = args.slice(1);
  const s = (i: number) => a[i]?.toString('utf8') ?? '';
  try {
    switch (name) {
      case 'ping':
        return a.length ? a[0]! : { status: 'PONG' };
      case 'echo':
        return a.length === 1 ? a[0]! : arity(name);
      case 'select':
      case 'auth':
      case 'client':
      case 'readonly':
        return OK;
      case 'info':
        return '# Server\r\nredis_version:7.0.0\r\nredis_mode:standalone\r\n# Keyspace\r\n';
      case 'hget':
        if (a.length !== 2) return arity(name);
        return store.hgetallBuffers(s(0)).get(s(1)) ?? null;
      case 'hello':
        // RESP3 negotiation is not offered: clients fall back to RESP2, as with Redis < 6.
        return err("ERR unknown command 'hello'");
      case 'hset':
      case 'hmset': {
        if (a.length < 3 || a.length % 2 === 0) return arity(name);
        const pairs: Array<[string, Buffer]> = [];
        for (let i = 1; i < a.length; i += 2) pairs.push([s(i), a[i + 1]!]);
        const added = store.hsetMany(s(0), pairs);
        return name === 'hmset' ? OK : added;
      }
      case 'hgetall': {
        if (a.length !== 1) return arity(name);
        const out: RespReply[] = [];
        for (const [f, v] of store.hgetallBuffers(s(0))) out.push(f, v);
        return out;
      }
      case 'hdel':
        return a.length < 2
          ? arity(name)
          : store.hdel(
              s(0),
              a.slice(1).map((b) => b.toString('utf8')),
            );
      case 'hexists':
        return a.length !== 2 ? arity(name) : store.hgetallBuffers(s(0)).has(s(1)) ? 1 : 0;
      case 'hlen':
        return a.length !== 1 ? arity(name) : store.hgetallBuffers(s(0)).size;
      case 'del': {
        if (a.length < 1) return arity(name);
        let n = 0;
        for (let i = 0; i < a.length; i++) {
          if (store.exists(s(i))) {
            n += 1;
            void store.del(s(i));
          }
        }
        return n;
      }
      case 'exists':
        return a.length < 1 ? arity(name) : a.filter((_, i) => store.exists(s(i))).length;
      case 'get':
        return a.length !== 1 ? arity(name) : store.get(s(0));
      case 'set': {
        if (a.length < 2) return arity(name);
        let nx = false;
        let ttlMs: number | undefined;
        for (let i = 2; i < a.length; i++) {
          const opt = s(i).toUpperCase();
          if (opt === 'NX') nx = true;
          else if (opt === 'EX' || opt === 'PX') {
            const n = int(a[++i]);
            if (n === null || n <= 0) return err('ERR invalid expire time in set');
            ttlMs = opt === 'EX' ? n * 1000 : n;
          } else return err('ERR syntax error');
        }
        return store.set(s(0), a[1]!, { nx, ...(ttlMs !== undefined ? { ttlMs } : {}) }) ? OK : null;
      }
      case 'incr':
        return a.length !== 1 ? arity(name) : store.incr(s(0));
      case 'incrby': {
        const n = int(a[1]);
        if (a.length !== 2) return arity(name);
        return n === null ? err('ERR value is not an integer or out of range') : store.incr(s(0), n);
      }
      case 'expire':
      case 'pexpire': {
        const n = int(a[1]);
        if (a.length < 2 || n === null) return arity(name);
        return store.expire(s(0), name === 'expire' ? n * 1000 : n) ? 1 : 0;
      }
      case 'ttl':
      case 'pttl': {
        if (a.length !== 1) return arity(name);
        const ms = store.ttl(s(0));
        return ms < 0 ? ms : name === 'ttl' ? Math.ceil(ms / 1000) : ms;
      }
      case 'keys':
        return a.length !== 1 ? arity(name) : store.keys(s(0));
      case 'flushall':
      case 'flushdb':
        store.flush();
        return OK;
      case 'dbsize':
        return store.size;
      default:
        return err(`ERR unknown command '${name.slice(0, 40)}'`);
    }
  } catch (e) {
    if (e instanceof WrongTypeError) return err(e.message);
    return err(e instanceof Error ? e.message : 'ERR internal error');
  }
}

/** Largest unparsed input kept per connection before it is closed (one max bulk plus framing). */
const MAX_PENDING_BYTES = LIMITS.maxBulkBytes + 64 * 1024;

/**
 * One connection: received chunks are kept in a list and joined only when the parser can make
 * progress (a large bulk arriving in many chunks is copied once, not once per chunk). Replies to a
 * pipelined batch go out in one write, in order. A protocol error or oversized input gets an error
 * reply and closes this connection only.
 */
function serve(socket: Socket, store: MemoryKv): void {
  let chunks: Buffer[] = [];
  let total = 0;
  let need = 0;
  let closed = false;
  let queued: Buffer[][] | null = null; // inside MULTI
  const hangUp = (replies: Buffer[]): void => {
    closed = true;
    chunks = [];
    socket.end(Buffer.concat(replies));
  };
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: Buffer) => {
    if (closed) return;
    chunks.push(chunk);
    total += chunk.length;
    if (total > MAX_PENDING_BYTES) return hangUp([encodeReply(err('ERR Protocol error: request too large'))]);
    if (total < need) return;
    const buf = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
    let offset = 0;
    const replies: Buffer[] = [];
    for (;;) {
      const step = parseCommand(buf, offset);
      if (step.kind === 'incomplete') {
        need = step.need - offset;
        break;
      }
      if (step.kind === 'error') {
        replies.push(encodeReply(err(`ERR Protocol error: ${step.message}`)));
        return hangUp(replies);
      }
      offset = step.next;
      if (step.args.length === 0) continue;
      // Values may be kept by the store: copy them off the connection's receive buffer.
      const args = step.args.map((arg) => Buffer.from(arg));
      const name = args[0]!.toString('latin1').toLowerCase();
      if (name === 'quit') {
        replies.push(encodeReply(OK));
        return hangUp(replies);
      }
      if (name === 'multi') {
        queued = [];
        replies.push(encodeReply(OK));
      } else if (name === 'exec') {
        const batch = queued;
        queued = null;
        replies.push(encodeReply(batch ? batch.map((cmd) => execute(store, cmd)) : err('ERR EXEC without MULTI')));
      } else if (name === 'discard') {
        queued = null;
        replies.push(encodeReply(OK));
      } else if (queued) {
        queued.push(args);
        replies.push(encodeReply({ status: 'QUEUED' }));
      } else {
        replies.push(encodeReply(execute(store, args)));
      }
    }
    const rest = buf.subarray(offset);
    chunks = rest.length ? [rest] : [];
    total = rest.length;
    if (replies.length) socket.write(Buffer.concat(replies));
  });
}

export async function startKvServer(options: { store?: MemoryKv; host?: string; port?: number } = {}): Promise<KvServer> {
  const store = options.store ?? createMemoryKv();
  const host = options.host ?? '127.0.0.1';
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serve(socket, store);
  });
  const port = await listen(server, host, options.port ?? 0);
  return {
    host,
    port,
    url: `redis://${host}:${port}`,
    store,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
