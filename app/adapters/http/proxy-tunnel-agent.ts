/**
 * An https.Agent that reaches HTTPS servers through an HTTP proxy with a CONNECT tunnel, then
 * does TLS end to end with the target (so certificate verification is the target's, and the proxy
 * never sees the request). Credentials go in `Proxy-Authorization: Basic …` on the CONNECT only.
 */
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';

export interface ProxySettings {
  host: string;
  port: number;
  username?: string;
  password?: string;
}

/** `Proxy-Authorization` value for the proxy's credentials, or undefined without a username. */
export function proxyAuthorization(proxy: ProxySettings): string | undefined {
  if (!proxy.username) return undefined;
  return `Basic ${Buffer.from(`${proxy.username}:${proxy.password ?? ''}`, 'utf8').toString('base64')}`;
}

/** Node ignores the stream argument when it reports an error. */
const NO_STREAM = undefined as unknown as Duplex;

export class ProxyTunnelAgent extends https.Agent {
  private readonly proxy: ProxySettings;

  constructor(proxy: ProxySettings, options: https.AgentOptions) {
    super(options);
    this.proxy = proxy;
  }

  override createConnection(
    options: https.RequestOptions,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const done = callback ?? (() => undefined);
    const host = options.hostname ?? options.host ?? 'localhost';
    const port = Number(options.port ?? 443);
    const target = `${host.includes(':') ? `[${host}]` : host}:${port}`;
    const headers: Record<string, string> = { host: target };
    const auth = proxyAuthorization(this.proxy);
    if (auth) headers['proxy-authorization'] = auth;
    const connect = http.request({
      host: this.proxy.host,
      port: this.proxy.port,
      method: 'CONNECT',
      path: target,
      headers,
      agent: false,
    });
    if (options.timeout) connect.setTimeout(options.timeout, () => connect.destroy(new Error('proxy CONNECT timed out')));
    connect.once('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        done(new Error(`proxy refused the tunnel with status ${res.statusCode ?? 'unknown'}`), NO_STREAM);
        return;
      }
      const servername = options.servername || (isIP(host) ? undefined : host);
      const secure = tls.connect({
        socket,
        servername,
        rejectUnauthorized: options.rejectUnauthorized !== false,
        ca: options.ca,
        cert: options.cert,
        key: options.key,
      });
      done(null, secure);
    });
    connect.once('error', (err) => done(err, NO_STREAM));
    connect.end();
    return undefined;
  }
}
