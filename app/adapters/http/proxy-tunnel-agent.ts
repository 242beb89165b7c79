/**
 * An https.Agent that reaches HTTPS servers through an HTTP proxy with a CONNECT tunnel, then does
 * TLS end to end with the target (certificate verification is the target's; the proxy never sees
 * the request). https-proxy-agent does the work: the proxy's credentials go in
 * `Proxy-Authorization: Basic …` on the CONNECT only, and a proxy that refuses the tunnel answers
 * with its own status (407 without the right credentials).
 */
import type http from 'node:http';
import type https from 'node:https';
import { HttpsProxyAgent } from 'https-proxy-agent';

export interface ProxySettings {
  host: string;
  port: number;
  username?: string;
  password?: string;
}

/** The proxy as the URL https-proxy-agent takes, credentials percent-encoded (it decodes them). */
function proxyUrl(proxy: ProxySettings): URL {
  const url = new URL(`http://${proxy.host.includes(':') ? `[${proxy.host}]` : proxy.host}:${proxy.port}`);
  if (proxy.username) {
    url.username = encodeURIComponent(proxy.username);
    url.password = encodeURIComponent(proxy.password ?? '');
  }
  return url;
}

type ConnectOptions = Parameters<HttpsProxyAgent<string>['connect']>[1];

export class ProxyTunnelAgent extends HttpsProxyAgent<string> {
  private readonly verify: boolean;

  constructor(proxy: ProxySettings, options: https.AgentOptions) {
    super(proxyUrl(proxy), { keepAlive: options.keepAlive ?? false });
    this.verify = options.rejectUnauthorized !== false;
  }

  /** https-proxy-agent reads the target's TLS options from each request, where axios sets none. */
  override connect(req: http.ClientRequest, opts: ConnectOptions): ReturnType<HttpsProxyAgent<string>['connect']> {
    return super.connect(req, opts.secureEndpoint ? { ...opts, rejectUnauthorized: this.verify } : opts);
  }
}
