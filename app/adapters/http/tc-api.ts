/**
 * The ThreatConnect API as the core sees it (`TcApi`): every call signed with the trigger's own
 * token, `Authorization: TC-Token <token>` + `Timestamp: <epoch s>` (protocol §6), retried once on
 * 401 (with the token read again: a renewal may have replaced it meanwhile).
 */
import type { ExternalHttp, HttpResponse, Logger, TcApi } from '../../core/ports.js';
import type { TokenKey, TokenRegistry } from '../../core/tokens/token-registry.js';
import { createExternalHttp, safeUrl, type ProxySettings } from './external-http.js';

export interface TcApiOptions {
  /** `tc_api_path`, e.g. `https://host/api`. */
  apiPath: string;
  tokens: Pick<TokenRegistry, 'tokenFor'>;
  /** `tc_verify`. */
  verify: boolean;
  /** Given only when `tc_proxy_tc` is set. */
  proxy?: ProxySettings;
  logger: Logger;
  userAgent?: string;
  /** Injected transport (tests); built from the options above otherwise. */
  http?: ExternalHttp;
  clock?: { now(): number };
  timeoutMs?: number;
}

/** `apiPath` + `path` with exactly one slash between them. */
export function joinApiUrl(apiPath: string, path: string): string {
  return `${apiPath.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

export function createTcApi(options: TcApiOptions): TcApi {
  const http =
    options.http ??
    createExternalHttp({
      userAgent: options.userAgent ?? 'alert-intake',
      logger: options.logger,
      ...(options.proxy ? { proxy: options.proxy } : {}),
    });
  const clock = options.clock ?? { now: () => Date.now() };

  async function signedGet(url: string, key: TokenKey): Promise<HttpResponse> {
    const token = options.tokens.tokenFor(key);
    if (!token) throw new Error(`no API token registered for trigger ${String(key)}`);
    return http.request(
      {
        method: 'GET',
        url,
        headers: {
          Authorization: `TC-Token ${token}`,
          Timestamp: String(Math.floor(clock.now() / 1000)),
          Accept: 'application/json',
        },
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      },
      { verifySsl: options.verify },
    );
  }

  return {
    async get(path: string, triggerId: number): Promise<HttpResponse> {
      const url = joinApiUrl(options.apiPath, path);
      const first = await signedGet(url, triggerId);
      if (first.status !== 401) return first;
      options.logger.debug('feature=tc-api, event=retry-after-401', { triggerId, url: safeUrl(url) });
      return signedGet(url, triggerId);
    },
  };
}
