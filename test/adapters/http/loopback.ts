/** Loopback servers for the HTTP tests: a recording origin, a forwarding/CONNECT proxy, a self-signed cert. */
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../../app/core/ports.js';

export interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Handler = (req: Recorded, res: http.ServerResponse) => void;

export interface Origin {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

function track(server: net.Server): () => Promise<void> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('secureConnection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
}

function recordingListener(requests: Recorded[], handler: Handler): http.RequestListener {
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(rec);
      handler(rec, res);
    });
  };
}

export async function startOrigin(handler: Handler): Promise<Origin> {
  const requests: Recorded[] = [];
  const server = http.createServer(recordingListener(requests, handler));
  const close = track(server);
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, requests, close };
}

export async function startHttpsOrigin(cert: { key: Buffer; cert: Buffer }, handler: Handler): Promise<Origin> {
  const requests: Recorded[] = [];
  const server = https.createServer(cert, recordingListener(requests, handler));
  const close = track(server);
  const port = await listen(server);
  return { url: `https://127.0.0.1:${port}`, requests, close };
}

export interface Proxy {
  host: string;
  port: number;
  /** Every request the proxy saw: forwarded absolute URLs and CONNECT targets, with the auth it got. */
  seen: Array<{ kind: 'forward' | 'connect'; target: string; auth: string | undefined }>;
  close(): Promise<void>;
}

/** A tiny HTTP proxy: forwards absolute-URL requests and tunnels CONNECT; 407 without the right Basic credentials. */
export async function startProxy(username: string, password: string): Promise<Proxy> {
  const expected = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  const seen: Proxy['seen'] = [];
  const server = http.createServer((req, res) => {
    const auth = req.headers['proxy-authorization'];
    seen.push({ kind: 'forward', target: req.url ?? '', auth });
    if (auth !== expected) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic' }).end();
      return;
    }
    const target = new URL(req.url ?? '');
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const upstream = http.request(
      { host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: req.method, headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, { ...up.headers, via: 'test-proxy' });
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const auth = req.headers['proxy-authorization'];
    seen.push({ kind: 'connect', target: req.url ?? '', auth });
    if (auth !== expected) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n');
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host ?? '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
  });
  const close = track(server);
  const port = await listen(server);
  return { host: '127.0.0.1', port, seen, close };
}

/** A self-signed certificate for 127.0.0.1, or null when openssl is not available. */
export function selfSignedCert(): { key: Buffer; cert: Buffer } | null {
  const dir = mkdtempSync(join(tmpdir(), 'cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A Logger that keeps rendered lines in memory (message + JSON fields). */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const make = (bound: Record<string, unknown>): Logger => {
    const at = (level: string) => (message: string, fields?: Record<string, unknown>) =>
      lines.push(`${level} ${message} ${JSON.stringify({ ...bound, ...fields })}`);
    return { trace: at('TRACE'), debug: at('DEBUG'), info: at('INFO'), warn: at('WARNING'), error: at('ERROR'), child: (f) => make({ ...bound, ...f }) };
  };
  return Object.assign(make({}), { lines });
}
