/**
 * HTTP to third parties (the `ExternalHttp` port) on axios. The proxy is used only when given —
 * environment proxies (HTTP_PROXY, …) are ignored, as tcex ignores them. HTTPS targets go through
 * a CONNECT tunnel (https-proxy-agent: TLS is end to end with the target, the proxy's credentials
 * go on the CONNECT only); plain HTTP targets are forwarded. A proxy that refuses the tunnel answers
 * with its own status (407 without the right credentials). `verifySsl` (default true) is honoured per
 * request; a CONNECT that never answers is cut shortly after the timeout. HTTP statuses never
 * reject; transport failures reject with an error that names the method and the URL without its
 * query string or credentials.
 */
import http from 'node:http';
import https from 'node:https';
import type { AxiosProxyConfig, AxiosRequestConfig } from 'axios';
import type { ExternalHttp, HttpRequest, HttpResponse, Logger } from '../../core/ports.js';
import type { ProxySettings } from './proxy-tunnel-agent.js';

export type { ProxySettings } from './proxy-tunnel-agent.js';

/** axios is loaded on the first request: most services never send one (docs/performance.md: ~9 MB RSS, ~100 ms). */
let axiosLoaded: Promise<typeof import('axios')> | undefined;
const loadAxios = () => (axiosLoaded ??= import('axios'));
/** The CONNECT tunnel agent is needed only behind a proxy. */
let tunnelLoaded: Promise<typeof import('./proxy-tunnel-agent.js')> | undefined;
const loadTunnel = () => (tunnelLoaded ??= import('./proxy-tunnel-agent.js'));

export const DEFAULT_TIMEOUT_MS = 30_000;
/** Responses larger than this are a transport failure rather than a memory problem. */
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
const CONNECT_GRACE_MS = 1000;

export interface ExternalHttpOptions {
  userAgent: string;
  proxy?: ProxySettings;
  logger: Logger;
  defaultTimeoutMs?: number;
}

/** The URL as it may appear in logs and errors: no credentials, no query, no fragment. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '<invalid url>';
  }
}

function flattenHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const plain =
    headers && typeof (headers as { toJSON?: unknown }).toJSON === 'function'
      ? (headers as { toJSON(): Record<string, unknown> }).toJSON()
      : ((headers as Record<string, unknown> | undefined) ?? {});
  for (const [name, value] of Object.entries(plain)) {
    if (value === undefined || value === null) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
  }
  return out;
}

function failureText(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  const message = typeof e.message === 'string' ? e.message.split('\n')[0]?.slice(0, 200) : undefined;
  if (code && message && !message.includes(code)) return `${code}: ${message}`;
  return message ?? code ?? 'unknown error';
}

export function createExternalHttp(options: ExternalHttpOptions): ExternalHttp {
  const { proxy, logger } = options;
  const httpAgent = new http.Agent({ keepAlive: false });
  const httpsAgents = new Map<boolean, https.Agent>();
  const httpsAgent = async (verify: boolean): Promise<https.Agent> => {
    let agent = httpsAgents.get(verify);
    if (!agent) {
      const agentOptions: https.AgentOptions = { keepAlive: false, rejectUnauthorized: verify };
      agent = proxy ? new (await loadTunnel()).ProxyTunnelAgent(proxy, agentOptions) : new https.Agent(agentOptions);
      httpsAgents.set(verify, agent);
    }
    return agent;
  };
  const forwardProxy: AxiosProxyConfig | false = proxy
    ? {
        protocol: 'http',
        host: proxy.host,
        port: proxy.port,
        ...(proxy.username ? { auth: { username: proxy.username, password: proxy.password ?? '' } } : {}),
      }
    : false;

  return {
    async request(req: HttpRequest, requestOptions?: { verifySsl?: boolean }): Promise<HttpResponse> {
      const verify = requestOptions?.verifySsl !== false;
      const isHttps = req.url.toLowerCase().startsWith('https:');
      const headers: Record<string, string> = { ...(req.headers ?? {}) };
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'user-agent')) headers['User-Agent'] = options.userAgent;
      const timeout = req.timeoutMs ?? options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
      const config: AxiosRequestConfig = {
        method: req.method,
        url: req.url,
        headers,
        data: req.body,
        timeout,
        // axios's timeout starts once a socket is assigned; the signal, a little later so axios's own
        // message wins in the ordinary case, also bounds a proxy CONNECT that never answers.
        signal: AbortSignal.timeout(timeout + CONNECT_GRACE_MS),
        responseType: 'arraybuffer',
        transformResponse: [(data: unknown) => data],
        validateStatus: () => true,
        maxContentLength: MAX_RESPONSE_BYTES,
        maxRedirects: 5,
        httpAgent,
        httpsAgent: await httpsAgent(verify),
        // HTTPS through a proxy uses the tunnel agent; only plain HTTP is forwarded by axios.
        proxy: isHttps ? false : forwardProxy,
      };
      try {
        const { default: axios } = await loadAxios();
        const res = await axios.request<ArrayBuffer>(config);
        const body = Buffer.from(res.data ?? new ArrayBuffer(0)).toString('utf8');
        logger.debug('feature=http, event=response', { method: req.method, url: safeUrl(req.url), status: res.status });
        return { status: res.status, headers: flattenHeaders(res.headers), body };
      } catch (err) {
        const reason = failureText(err);
        logger.warn('feature=http, event=transport-failure', { method: req.method, url: safeUrl(req.url), reason });
        throw new Error(`${req.method} ${safeUrl(req.url)} failed: ${reason}`);
      }
    },
  };
}
