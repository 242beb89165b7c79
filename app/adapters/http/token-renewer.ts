/**
 * Token renewal monitor (protocol §6): every `intervalMs`, each token with 600 s or less left is
 * exchanged with `GET {tc_api_path}/appAuth?expiredToken=<url-encoded token>` — no auth header,
 * `tc_verify`, the proxy when `tc_proxy_tc` — for `{apiToken, apiTokenExpires}`. A renewed token
 * replaces the old one (and is registered as a secret); any failure deletes the token.
 * 500/502/504 are retried (3× by default) with a growing pause, like tcex.
 */
import type { ExternalHttp, Logger } from '../../core/ports.js';
import type { TokenEntry, TokenRegistry } from '../../core/tokens/token-registry.js';
import { createExternalHttp, type ProxySettings } from './external-http.js';
import { joinApiUrl } from './tc-api.js';

export const DEFAULT_RENEW_INTERVAL_MS = 150_000;
const RETRY_STATUSES = new Set([500, 502, 504]);

export interface TokenRenewerOptions {
  registry: TokenRegistry;
  apiPath: string;
  verify: boolean;
  proxy?: ProxySettings;
  logger: Logger;
  /** `TC_TOKEN_SLEEP_INTERVAL` × 1000 (150 s by default). */
  intervalMs: number;
  /** Every new token goes to the log redactor. */
  onNewToken?: (token: string) => void;
  http?: ExternalHttp;
  userAgent?: string;
  clock?: { now(): number };
  retries?: number;
  /** First pause between retries; doubles each time (tcex backoff factor 0.8 s). */
  retryBaseMs?: number;
}

export interface TokenRenewer {
  /** One pass over the due tokens (the timer calls it; tests call it directly). */
  renewDue(): Promise<void>;
  stop(): void;
}

type Renewal = { ok: true; token: string; expires: number } | { ok: false; reason: string };

function parseRenewal(status: number, body: string): Renewal {
  if (status !== 200) return { ok: false, reason: `status ${status}` };
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'response is not JSON' };
  }
  if (!data || typeof data !== 'object') return { ok: false, reason: 'response is not an object' };
  const { apiToken, apiTokenExpires, success } = data as Record<string, unknown>;
  if (success === false) return { ok: false, reason: 'response says success=false' };
  const expires = typeof apiTokenExpires === 'string' ? Number(apiTokenExpires) : apiTokenExpires;
  if (typeof apiToken !== 'string' || apiToken === '') return { ok: false, reason: 'response has no apiToken' };
  if (typeof expires !== 'number' || !Number.isFinite(expires)) return { ok: false, reason: 'response has no apiTokenExpires' };
  return { ok: true, token: apiToken, expires };
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export function startTokenRenewer(options: TokenRenewerOptions): TokenRenewer {
  const { registry, logger } = options;
  const http =
    options.http ??
    createExternalHttp({
      userAgent: options.userAgent ?? 'alert-intake',
      logger,
      ...(options.proxy ? { proxy: options.proxy } : {}),
    });
  const clock = options.clock ?? { now: () => Date.now() };
  const retries = options.retries ?? 3;
  const retryBaseMs = options.retryBaseMs ?? 800;
  let running: Promise<void> | null = null;
  let stopped = false;

  async function exchange(entry: TokenEntry): Promise<Renewal> {
    const url = `${joinApiUrl(options.apiPath, 'appAuth')}?expiredToken=${encodeURIComponent(entry.token)}`;
    for (let attempt = 0; ; attempt += 1) {
      try {
        const res = await http.request({ method: 'GET', url }, { verifySsl: options.verify });
        if (RETRY_STATUSES.has(res.status) && attempt < retries && !stopped) {
          await pause(retryBaseMs * 2 ** attempt);
          continue;
        }
        return parseRenewal(res.status, res.body);
      } catch (err) {
        return { ok: false, reason: err instanceof Error ? err.message : 'transport failure' };
      }
    }
  }

  async function renewOne(entry: TokenEntry): Promise<void> {
    const result = await exchange(entry);
    if (result.ok) {
      options.onNewToken?.(result.token);
      registry.replace(entry.key, entry.token, result.token, result.expires);
      logger.info('feature=token, event=renewed', { triggerId: entry.key, expires: result.expires });
    } else {
      registry.dropIfUnchanged(entry.key, entry.token);
      logger.error('feature=token, event=renewal-failed', { triggerId: entry.key, reason: result.reason });
    }
  }

  async function pass(): Promise<void> {
    const due = registry.dueForRenewal(clock.now());
    for (const entry of due) await renewOne(entry);
  }

  function renewDue(): Promise<void> {
    if (!running) running = pass().finally(() => (running = null));
    return running;
  }

  const timer = setInterval(() => {
    void renewDue().catch(() => undefined);
  }, options.intervalMs);
  timer.unref();

  return {
    renewDue,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
