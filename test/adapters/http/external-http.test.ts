import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { createExternalHttp } from '../../../app/adapters/http/external-http.js';
import { memoryLogger, selfSignedCert, startHttpsOrigin, startOrigin, startProxy, type Origin, type Proxy as TestProxy } from './loopback.js';

const closers: Array<() => Promise<void>> = [];
after(async () => {
  for (const close of closers) await close();
});
async function origin(handler: Parameters<typeof startOrigin>[0]): Promise<Origin> {
  const o = await startOrigin(handler);
  closers.push(o.close);
  return o;
}
async function proxy(user: string, pass: string): Promise<TestProxy> {
  const p = await startProxy(user, pass);
  closers.push(p.close);
  return p;
}

test('sends the User-Agent, method, headers and body; returns status, headers and body', async () => {
  const o = await origin((req, res) => res.writeHead(201, { 'x-echo': req.headers['x-test'] ?? '' }).end(`got ${req.body}`));
  const http = createExternalHttp({ userAgent: 'alert-intake/1.0', logger: memoryLogger() });
  const res = await http.request({ method: 'POST', url: `${o.url}/confirm?x=1`, headers: { 'X-Test': 'yes' }, body: 'payload' });
  assert.equal(res.status, 201);
  assert.equal(res.headers['x-echo'], 'yes');
  assert.equal(res.body, 'got payload');
  const seen = o.requests.at(-1);
  assert.equal(seen?.headers['user-agent'], 'alert-intake/1.0');
  assert.equal(seen?.method, 'POST');
  assert.equal(seen?.url, '/confirm?x=1');
});

test('HTTP error statuses resolve; transport failures reject without query or credentials', async () => {
  const o = await origin((_req, res) => res.writeHead(503).end('down'));
  const logger = memoryLogger();
  const http = createExternalHttp({ userAgent: 'ua', logger });
  assert.equal((await http.request({ method: 'GET', url: o.url })).status, 503);
  const closed = await origin((_req, res) => res.end());
  await closed.close();
  await assert.rejects(
    http.request({ method: 'GET', url: `${closed.url.replace('http://', 'http://user:pw@')}/p?token=abc` }),
    (err: Error) => err.message.startsWith(`GET ${closed.url}/p failed:`) && !err.message.includes('abc') && !err.message.includes('pw'),
  );
  assert.ok(logger.lines.every((l) => !l.includes('token=abc')));
});

test('a timeout rejects', async () => {
  const o = await origin(() => undefined); // never answers
  const http = createExternalHttp({ userAgent: 'ua', logger: memoryLogger() });
  await assert.rejects(http.request({ method: 'GET', url: o.url, timeoutMs: 50 }), /failed/);
});

test('environment proxies are ignored when no proxy is given', async () => {
  const o = await origin((_req, res) => res.end('direct'));
  const p = await proxy('u', 'p');
  const saved = process.env['HTTP_PROXY'];
  process.env['HTTP_PROXY'] = `http://u:p@127.0.0.1:${p.port}`;
  try {
    const res = await createExternalHttp({ userAgent: 'ua', logger: memoryLogger() }).request({ method: 'GET', url: o.url });
    assert.equal(res.body, 'direct');
    assert.equal(p.seen.length, 0);
  } finally {
    if (saved === undefined) delete process.env['HTTP_PROXY'];
    else process.env['HTTP_PROXY'] = saved;
  }
});

test('plain HTTP goes through the given proxy with its credentials', async () => {
  const o = await origin((req, res) => res.end(`origin saw ${req.url}`));
  const p = await proxy('proxy-user', 'proxy-pass-1');
  const logger = memoryLogger();
  const http = createExternalHttp({ userAgent: 'ua', logger, proxy: { host: p.host, port: p.port, username: 'proxy-user', password: 'proxy-pass-1' } });
  const res = await http.request({ method: 'GET', url: `${o.url}/via?x=1` });
  assert.equal(res.status, 200);
  assert.equal(res.headers['via'], 'test-proxy');
  assert.equal(res.body, 'origin saw /via?x=1');
  assert.deepEqual(
    p.seen.map((s) => s.kind),
    ['forward'],
  );
  assert.equal(o.requests.at(-1)?.headers['proxy-authorization'], undefined, 'the origin never sees proxy credentials');
  assert.ok(logger.lines.every((l) => !l.includes('proxy-pass-1')));

  const wrong = createExternalHttp({ userAgent: 'ua', logger, proxy: { host: p.host, port: p.port, username: 'proxy-user', password: 'nope' } });
  assert.equal((await wrong.request({ method: 'GET', url: o.url })).status, 407);
});

const cert = selfSignedCert();
const noOpenssl = cert ? false : 'openssl is not available: self-signed HTTPS cases skipped';

test('HTTPS with a self-signed cert: verifySsl true fails, false succeeds', { skip: noOpenssl }, async () => {
  const o = await startHttpsOrigin(cert!, (_req, res) => res.end('secure hello'));
  closers.push(o.close);
  const http = createExternalHttp({ userAgent: 'ua', logger: memoryLogger() });
  await assert.rejects(http.request({ method: 'GET', url: o.url }), /certificate|self.signed|SELF_SIGNED/i);
  await assert.rejects(http.request({ method: 'GET', url: o.url }, { verifySsl: true }), /failed/);
  const res = await http.request({ method: 'GET', url: o.url }, { verifySsl: false });
  assert.equal(res.body, 'secure hello');
});

test('HTTPS through the proxy uses a CONNECT tunnel with credentials, and verifySsl still applies', { skip: noOpenssl }, async () => {
  const o = await startHttpsOrigin(cert!, (req, res) => res.end(`tunnelled ${req.url}`));
  closers.push(o.close);
  const p = await proxy('tunnel-user', 'tunnel-pass');
  const http = createExternalHttp({
    userAgent: 'ua',
    logger: memoryLogger(),
    proxy: { host: p.host, port: p.port, username: 'tunnel-user', password: 'tunnel-pass' },
  });
  const res = await http.request({ method: 'GET', url: `${o.url}/t` }, { verifySsl: false });
  assert.equal(res.body, 'tunnelled /t');
  assert.deepEqual(
    p.seen.map((s) => [s.kind, s.target]),
    [['connect', o.url.replace('https://', '')]],
  );
  assert.equal(p.seen[0]?.auth, `Basic ${Buffer.from('tunnel-user:tunnel-pass').toString('base64')}`);
  await assert.rejects(http.request({ method: 'GET', url: o.url }, { verifySsl: true }), /failed/);

  const refused = createExternalHttp({
    userAgent: 'ua',
    logger: memoryLogger(),
    proxy: { host: p.host, port: p.port, username: 'tunnel-user', password: 'bad' },
  });
  const denied = await refused.request({ method: 'GET', url: o.url }, { verifySsl: false });
  assert.equal(denied.status, 407, "the proxy's refusal is its answer");
  assert.equal(o.requests.length, 1, 'the refused request never reached the origin');
});

test('proxy credentials with reserved characters reach the proxy intact', { skip: noOpenssl }, async () => {
  const o = await startHttpsOrigin(cert!, (_req, res) => res.end('ok'));
  closers.push(o.close);
  const p = await proxy('us@r:1', 'p%ss/w:rd@');
  const http = createExternalHttp({
    userAgent: 'ua',
    logger: memoryLogger(),
    proxy: { host: p.host, port: p.port, username: 'us@r:1', password: 'p%ss/w:rd@' },
  });
  assert.equal((await http.request({ method: 'GET', url: o.url }, { verifySsl: false })).body, 'ok');
});

test('a proxy that accepts the connection but never answers the CONNECT: the timeout still rejects', async () => {
  const silent = createServer(() => undefined); // holds every connection open, says nothing
  const port = await new Promise<number>((resolve) => silent.listen(0, '127.0.0.1', () => resolve((silent.address() as AddressInfo).port)));
  const sockets = new Set<Socket>();
  silent.on('connection', (s) => sockets.add(s));
  closers.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });
  const http = createExternalHttp({ userAgent: 'ua', logger: memoryLogger(), proxy: { host: '127.0.0.1', port } });
  await assert.rejects(http.request({ method: 'GET', url: 'https://127.0.0.1:9/', timeoutMs: 200 }), /failed/);
});
