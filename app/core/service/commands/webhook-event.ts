/**
 * WebhookEvent (protocol §4.3): ack at once, then — within the concurrency bound — read the body,
 * run the app, and end in FireEvent(s) or exactly one WebhookEventResponse. Decisions where tcex
 * stays silent (malformed headers, unknown trigger, busy, stopping, app error, store or broker down)
 * answer the caller instead, so a sender is told to retry rather than left waiting: see
 * docs/runtime.md. Every answer's status comes from the reasons table; the decision is logged once.
 */
import type { WebhookEventIn } from '../../../protocol/messages.js';
import { webhookEventAck } from '../../../protocol/encode.js';
import { REQUEST_BODY_FIELD } from '../../../protocol/kv-fields.js';
import type { WebhookResult } from '../../app.js';
import type { Logger } from '../../ports.js';
import { answer, isReasonCode, type ReasonCode } from '../../pipeline/reasons.js';
import { answering, appDepsFor, errorText, type InFlightEvent, type ServiceContext } from '../context.js';
import { fireAll, FireFailed, respond, respondWith, testingHooks, type FiresOutcome, type ResponseTarget } from '../emit.js';
import { readStoredBody } from '../request-body.js';
import type { TriggerEntry } from '../../trigger/registry.js';
import type { LargeStrings } from '../../outputs/large-strings.js';

/** One event's end: whoever claims it first (its own processing or shutdown) answers, nobody else. */
interface EventRun {
  target: ResponseTarget;
  logger: Logger;
  /**
   * Settles once the event's Acknowledged is published (or failed, logged). The body read and the
   * pipeline overlap with the broker's PUBACK; every answer waits for it, so the ack still goes first.
   */
  acked: Promise<void>;
  /** True for the caller that ends the event; false when it already ended. */
  claim(): boolean;
  /** The single `event=decision` line of this event. */
  decided(fields: Record<string, unknown>): void;
}

function openEvent(message: WebhookEventIn, ctx: ServiceContext, entry: TriggerEntry | undefined): EventRun {
  const { triggerId, requestKey } = message;
  const sessionId = ctx.newSessionId();
  const logger = (entry?.logger ?? ctx.logger).child({ sessionId, requestKey });
  let ended = false;
  return {
    target: { triggerId, requestKey, sessionId, logger },
    logger,
    acked: Promise.resolve(),
    claim() {
      if (ended) return false;
      ended = true;
      return true;
    },
    decided(fields) {
      logger.info('feature=webhook, event=decision', { triggerId, ...fields });
    },
  };
}

/** Ends the event with a reason of the table, when nobody ended it yet. */
async function refuse(ctx: ServiceContext, run: EventRun, reason: ReasonCode, detail: string, target = run.target): Promise<void> {
  if (!run.claim()) return;
  ctx.state.metrics.misses += 1;
  run.decided({ decision: 'respond', reason, statusCode: answer(reason, detail).statusCode, detail });
  await run.acked;
  await respondWith(ctx, target, reason, detail);
}

export function handleWebhookEvent(message: WebhookEventIn, ctx: ServiceContext): Promise<void> {
  return answering(ctx, 'WebhookEvent', message.requestKey, () => handle(message, ctx));
}

async function handle(message: WebhookEventIn, ctx: ServiceContext): Promise<void> {
  const { triggerId, requestKey } = message;
  if (ctx.state.recentRequestKeys.seen(requestKey)) {
    // A QoS 1 redelivery (after a broker restart) of an event already acknowledged and being answered.
    ctx.logger.warn('feature=webhook, event=redelivered', { triggerId, requestKey });
    return;
  }
  const entry = ctx.state.registry.get(triggerId);
  const run = openEvent(message, ctx, entry);
  run.acked = ctx.publish(webhookEventAck('WebhookEvent', triggerId, requestKey)).catch((err: unknown) => {
    // The platform may still be waiting for this event: answer it anyway.
    ctx.state.metrics.errors += 1;
    run.logger.error('feature=webhook, event=ack-not-published', { error: errorText(err) });
  });

  if (message.problem) return refuse(ctx, run, message.problem.reason, message.problem.detail);
  if (ctx.state.shuttingDown) return refuse(ctx, run, 'service_stopping', 'the service is shutting down; retry later');
  if (!entry) return refuse(ctx, run, 'trigger_not_configured', 'this trigger has no active configuration; retry later');

  const inFlight: InFlightEvent = { abandon: () => refuse(ctx, run, 'service_stopping', 'the service stopped before this event was processed; retry later') };
  ctx.state.inFlight.add(inFlight);
  const accepted = ctx.state.limiter.tryRun({
    run: () => processEvent(message, ctx, run).finally(() => ctx.state.inFlight.delete(inFlight)),
    refuse: () => inFlight.abandon().finally(() => ctx.state.inFlight.delete(inFlight)),
  });
  if (accepted) return;
  ctx.state.inFlight.delete(inFlight);
  run.logger.warn('feature=webhook, event=busy', { active: ctx.state.limiter.active, queued: ctx.state.limiter.queued });
  await refuse(ctx, run, 'service_busy', 'too many events in flight; retry later');
}

async function processEvent(message: WebhookEventIn, ctx: ServiceContext, run: EventRun): Promise<void> {
  const { triggerId, requestKey } = message;
  // The registry is read again when the event starts: a DeleteConfig may have come while it waited.
  const entry = ctx.state.registry.get(triggerId);
  const { logger } = run;
  if (!entry) return refuse(ctx, run, 'trigger_not_configured', 'this trigger was removed while the event waited');

  let body: Buffer | null;
  try {
    body = await readStoredBody(await ctx.kv.hgetBuffer(requestKey, REQUEST_BODY_FIELD));
  } catch (err) {
    ctx.state.metrics.errors += 1;
    logger.error('feature=webhook, event=body-read-failed', { error: errorText(err) });
    return refuse(ctx, run, 'store_unavailable', 'the key-value store is unavailable; retry later');
  }

  let result: WebhookResult;
  try {
    result = await ctx.app.webhookEvent(
      {
        triggerId,
        requestKey,
        sessionId: run.target.sessionId,
        method: message.method,
        headers: message.headers,
        queryParams: message.queryParams,
        body,
        settings: entry.settings,
      },
      appDepsFor(ctx, logger),
    );
  } catch (err) {
    ctx.state.metrics.errors += 1;
    logger.error('feature=webhook, event=callback-error', { error: errorText(err) });
    return refuse(ctx, run, 'internal_error', 'the alert could not be processed; see the service log');
  }

  await run.acked;
  if (result.kind === 'fire' && result.fires.length > 0) return fireEvents(ctx, run, entry, result);
  if (result.kind === 'fire')
    return refuse(ctx, run, isReasonCode(result.reason) ? result.reason : 'no_alerts', result.detail ?? 'no alert in this request passed');
  if (!run.claim()) return;
  ctx.state.metrics.misses += 1;
  run.decided({ decision: 'respond', reason: result.reason, statusCode: result.statusCode, detail: result.detail });
  await respond(ctx, run.target, result.statusCode, result.headers ?? [], result.body);
  await testingHooks(ctx, run.target.sessionId, triggerId, false);
}

type FireResult = Extract<WebhookResult, { kind: 'fire' }>;

/** Deletes (best effort) the store keys the app claimed for the fires at `indexes` (e.g. dedupe claims). */
async function releaseClaims(ctx: ServiceContext, run: EventRun, result: FireResult, indexes: number[]): Promise<void> {
  const keys = indexes.flatMap((i) => result.claims?.[i] ?? []);
  const failed = (await Promise.allSettled(keys.map((k) => ctx.kv.del(k)))).filter((r) => r.status === 'rejected').length;
  if (failed > 0) run.logger.warn('feature=webhook, event=claims-not-released', { failed, of: keys.length });
}

async function fireEvents(ctx: ServiceContext, run: EventRun, entry: TriggerEntry, result: FireResult): Promise<void> {
  const all = result.fires.map((_, i) => i);
  // Shutdown answered this event while the app ran: nothing is fired, the claims go back.
  if (!run.claim()) return releaseClaims(ctx, run, result, all);
  const { triggerId, requestKey, sessionId } = run.target;
  const targets = result.fires.map((_, i) => ({
    triggerId,
    requestKey,
    sessionId: i === 0 ? sessionId : ctx.newSessionId(),
    outputVariables: entry.outputVariables,
    logger: run.logger,
  }));
  // The raw body is the same for every alert of a batch: its bytes are encoded once for all the fires.
  const large: LargeStrings = new Map();
  let outcome: FiresOutcome;
  try {
    outcome = await fireAll(ctx, targets, result.fires, large);
  } catch (err) {
    outcome = { fired: [], failure: err instanceof FireFailed ? err : new FireFailed('store', err) };
  }
  const sessions = outcome.fired.map((i) => targets[i]!.sessionId);
  if (outcome.failure) {
    // The unfired alerts' claims go back and the caller is told to retry.
    const fired = sessions.length;
    const { stage } = outcome.failure;
    const firedSet = new Set(outcome.fired);
    ctx.state.metrics.errors += 1;
    ctx.state.metrics.misses += 1;
    run.logger.error('feature=webhook, event=fire-failed', { stage, fired, of: result.fires.length, error: errorText(outcome.failure) });
    await releaseClaims(
      ctx,
      run,
      result,
      all.filter((i) => !firedSet.has(i)),
    );
    const reason: ReasonCode = stage === 'publish' ? 'fire_not_published' : 'store_unavailable';
    const detail = `${fired} of ${result.fires.length} alerts fired before the ${stage === 'publish' ? 'message broker' : 'key-value store'} failed; retry later`;
    run.decided({ decision: 'respond', reason, statusCode: answer(reason, detail).statusCode, detail, fired });
    // A fired session's hash belongs to its playbook: the answer gets a session of its own.
    await respondWith(ctx, { ...run.target, sessionId: fired > 0 ? ctx.newSessionId() : sessionId }, reason, detail);
    return;
  }
  run.decided({ decision: 'fire', reason: result.reason, detail: result.detail, fires: sessions.length, sessions });
}
