/**
 * The alert pipeline for one webhook request: size → pre-auth handshakes → authenticate → [parse →
 * handshakes → map/normalise → indicators → filter: analyse-body.ts, in-line or in the analysis
 * worker] → replay → deduplicate → volume guard → fire.
 * Pure apart from the ports it is given; every outcome is one decision with a reason code.
 */
import type { AppDeps, WebhookInput, WebhookResult } from '../app.js';
import { authenticate } from './auth/authenticate.js';
import { analyseBody } from './analyse-body.js';
import { analyseInWorker, offloads } from './analysis-pool.js';
import { claimDedupe, claimMessageId, dedupeStoreKey, releaseDedupe } from './dedupe.js';
import { confirmSnsSubscription, detectPreAuthHandshake } from './handshake.js';
import { buildOutputs, safeHeaders } from './alert-outputs.js';
import { preparedFor } from './prepared-outputs.js';
import { answer, REASONS, type Answer, type ReasonCode } from './reasons.js';
import type { TriggerSettings } from '../trigger/settings.js';
import { countAlert } from './volume-guard.js';
import type { Outputs } from '../app.js';

export interface PipelineLimits {
  maxBodyBytes: number;
  maxDecodedBytes: number;
  maxDepth: number;
  maxAlerts: number;
}

const respond = (a: Answer): WebhookResult => ({ kind: 'respond', ...a });

/** One dropped alert of a batch, for the decision detail: `alert 2 filtered (below_min_severity): …`. */
function droppedLine(d: { reason: ReasonCode; detail: string; item: number }): string {
  const kind = REASONS[d.reason].kind;
  return `alert ${d.item} ${kind}${kind === d.reason ? '' : ` (${d.reason})`}: ${d.detail}`;
}

class StoreUnavailable extends Error {}

async function store<T>(op: Promise<T>): Promise<T> {
  try {
    return await op;
  } catch (err) {
    throw new StoreUnavailable(err instanceof Error ? err.message : String(err));
  }
}

function utf8(bytes: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export async function runPipeline(input: WebhookInput<TriggerSettings>, deps: AppDeps, limits: PipelineLimits): Promise<WebhookResult> {
  const { settings } = input;
  const now = deps.clock.now();
  const body = input.body ?? Buffer.alloc(0);
  const req = { method: input.method, headers: input.headers, queryParams: input.queryParams };
  if (body.length > limits.maxBodyBytes) return respond(answer('body_too_large', `the body is ${body.length} bytes; the limit is ${limits.maxBodyBytes}`));

  // Challenges that carry no credentials and fire nothing are answered before authentication.
  const early = detectPreAuthHandshake(req);
  if (early?.kind === 'reply')
    return { kind: 'respond', statusCode: early.statusCode, headers: early.headers, body: early.body, reason: 'handshake', detail: early.detail };

  const auth = authenticate({ headers: input.headers, body }, settings.auth, now / 1000);
  if (!auth.ok) return respond(answer(auth.reason, auth.detail));

  // The pure part (parse → items → normalise → indicators → filter): in-line for a small body, in the
  // analysis worker for a large one, so the event loop keeps answering heartbeats (analysis-pool.ts).
  // It runs before the replay claim, so a request answered busy has claimed nothing.
  const offloaded = offloads(body, input.headers) ? analyseInWorker(body, req, settings, limits, now, deps.logger) : undefined;
  if (offloaded === 'busy') return respond(answer('service_busy', 'too many large alerts are being processed; retry later'));
  const analysis = offloaded ? await offloaded : analyseBody(body, req, settings, limits, now);

  const claimed: string[] = [];
  const release = async (keys: string[]) => {
    await Promise.allSettled(keys.map((k) => releaseDedupe(deps.kv, input.triggerId, k)));
  };
  try {
    if (auth.messageId && !(await store(claimMessageId(deps.kv, input.triggerId, auth.messageId, settings.toleranceSeconds)))) {
      return respond(answer('auth_replayed', 'this signed message id was already received'));
    }

    if (analysis.kind === 'respond') return analysis.result;
    if (analysis.kind === 'sns_subscription') {
      const confirmed = await confirmSnsSubscription(deps.http, analysis.subscribeUrl, settings.verifySsl);
      return confirmed.ok
        ? respond(answer('sns_subscription_confirmed', `subscribed to ${analysis.topicArn}`))
        : respond(answer('sns_confirmation_failed', confirmed.detail));
    }

    // The body as text, decoded only when an alert's raw output is the whole body (item-raw.ts).
    let rawText: string | null | undefined;
    const wholeBody = (): string | null => (rawText === undefined ? (rawText = utf8(body)) : rawText);
    const headers = safeHeaders(input.headers, 'header' in settings.auth ? [settings.auth.header] : []);
    const fires: Outputs[] = [];
    const fireKeys: string[] = [];
    const dropped: Array<{ reason: ReasonCode; detail: string; item: number }> = [];
    let retryAfter = 0;
    // The batch's dedupe claims are sent at once (the store answers them in order: of two alerts
    // with the same key, the first claims it), then its claimed alerts are counted in one increment.
    const passed: Array<{ verdict: Extract<(typeof analysis.verdicts)[number], { kind: 'candidate' }>; item: number }> = [];
    for (const [index, verdict] of analysis.verdicts.entries()) {
      if (verdict.kind === 'dropped') dropped.push({ reason: verdict.reason, detail: verdict.detail, item: index + 1 });
      else passed.push({ verdict, item: index + 1 });
    }
    const claims = await Promise.allSettled(passed.map(({ verdict }) => claimDedupe(deps.kv, input.triggerId, verdict.key, settings.dedupeWindowMinutes)));
    const fresh: typeof passed = [];
    let claimFailure: unknown;
    for (const [i, claim] of claims.entries()) {
      const { verdict, item } = passed[i]!;
      if (claim.status === 'rejected') {
        claimFailure ??= claim.reason;
      } else if (!claim.value) {
        dropped.push({
          reason: 'duplicate',
          detail: `alert ${verdict.alert.id} was already received in the last ${settings.dedupeWindowMinutes} minutes`,
          item,
        });
      } else {
        if (settings.dedupeWindowMinutes > 0) claimed.push(verdict.key);
        fresh.push(passed[i]!);
      }
    }
    if (claimFailure !== undefined) await store(Promise.reject(claimFailure));
    const volume = await store(countAlert(deps.kv, input.triggerId, settings.hourlyCap, now, fresh.length));
    const over = fresh.slice(volume.fits);
    if (over.length > 0) {
      await release(over.map(({ verdict }) => verdict.key));
      if (settings.dedupeWindowMinutes > 0) claimed.splice(claimed.length - over.length);
      retryAfter = volume.retryAfter;
      for (const { item } of over) dropped.push({ reason: 'over_hourly_cap', detail: `more than ${settings.hourlyCap} alerts this hour`, item });
    }
    for (const { verdict } of fresh.slice(0, volume.fits)) {
      const prepared = preparedFor(verdict.alert);
      // A raw output prepared in the worker is not read here (it would be decoded from its bytes).
      const rawText = prepared?.raw !== undefined ? null : verdict.raw === undefined ? wholeBody() : verdict.raw;
      fires.push(buildOutputs(verdict.alert, rawText, headers, verdict.key, prepared));
      fireKeys.push(verdict.key);
    }
    // In the order of the batch's items, as each alert's fate is told.
    dropped.sort((a, b) => a.item - b.item);

    if (fires.length > 0) {
      return {
        kind: 'fire',
        fires,
        reason: 'fired',
        detail: `${fires.length} of ${analysis.items} alert(s) fired${dropped.map((d) => `; ${droppedLine(d)}`).join('')}`,
        claims: fireKeys.map((k) => (settings.dedupeWindowMinutes > 0 ? [dedupeStoreKey(input.triggerId, k)] : [])),
      };
    }
    const counts = { alerts: analysis.items };
    const first = (reason: ReasonCode) => dropped.find((d) => d.reason === reason);
    const capped = first('over_hourly_cap');
    if (capped) return respond(answer('over_hourly_cap', capped.detail, counts, [{ name: 'Retry-After', value: String(retryAfter) }]));
    if (dropped.every((d) => d.reason === 'mapping_failed')) return respond(answer('mapping_failed', dropped[0]!.detail, counts));
    const kinds = new Set(dropped.map((d) => REASONS[d.reason].kind));
    const pick = kinds.size === 1 && kinds.has('duplicate') ? first('duplicate')! : (dropped.find((d) => REASONS[d.reason].kind === 'filtered') ?? dropped[0]!);
    const detail = analysis.items > 1 ? dropped.map(droppedLine).join('; ') : pick.detail;
    return respond(answer(pick.reason, detail, counts));
  } catch (err) {
    if (err instanceof StoreUnavailable) {
      await release(claimed);
      deps.logger.error('feature=pipeline, event=store-unavailable', { error: err.message.slice(0, 200) });
      return respond(answer('store_unavailable', 'the key-value store is unavailable; retry later'));
    }
    throw err;
  }
}
