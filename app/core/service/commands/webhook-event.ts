/**
 * WebhookEvent (protocol §4.3): ack at once, then — within the concurrency bound — read the body,
 * run the app, and end in FireEvent(s) or exactly one WebhookEventResponse. Decisions where tcex
 * stays silent (unknown trigger, busy, app error, store down) answer the caller instead, so a sender
 * is told to retry rather than left waiting: see docs/runtime.md.
 */
import type { WebhookEventIn } from '../../../protocol/messages.js';
import { webhookEventAck } from '../../../protocol/encode.js';
import type { WebhookResult } from '../../app.js';
import { appDepsFor, errorText, type ServiceContext } from '../context.js';
import { fire, jsonReason, respond, testingHooks } from '../emit.js';
import { decodeStoredBody } from '../request-body.js';

export const REQUEST_BODY_FIELD = 'request.body';

export async function handleWebhookEvent(message: WebhookEventIn, ctx: ServiceContext): Promise<void> {
  const { triggerId, requestKey } = message;
  await ctx.publish(webhookEventAck('WebhookEvent', triggerId, requestKey));
  const sessionId = ctx.newSessionId();
  const entry = ctx.state.registry.get(triggerId);
  const logger = (entry?.logger ?? ctx.logger).child({ sessionId, requestKey });
  const target = { triggerId, requestKey, sessionId, logger };

  if (ctx.state.shuttingDown) {
    const r = jsonReason('unavailable', 'service_stopping', 'the service is shutting down; retry later');
    await respond(ctx, target, 503, r.headers, r.body);
    return;
  }
  if (!entry) {
    logger.warn('feature=webhook, event=missing-config', { triggerId });
    const r = jsonReason('unavailable', 'trigger_not_configured', 'this trigger has no active configuration; retry later');
    await respond(ctx, target, 503, r.headers, r.body);
    return;
  }

  const accepted = ctx.state.limiter.tryRun(() => processEvent(message, ctx, sessionId));
  if (!accepted) {
    logger.warn('feature=webhook, event=busy', { active: ctx.state.limiter.active, queued: ctx.state.limiter.queued });
    const r = jsonReason('unavailable', 'service_busy', 'too many events in flight; retry later');
    await respond(ctx, target, 503, r.headers, r.body);
  }
}

async function processEvent(message: WebhookEventIn, ctx: ServiceContext, sessionId: string): Promise<void> {
  const { triggerId, requestKey } = message;
  const entry = ctx.state.registry.get(triggerId);
  const logger = (entry?.logger ?? ctx.logger).child({ sessionId, requestKey });
  const target = { triggerId, requestKey, sessionId, logger };
  if (!entry) {
    const r = jsonReason('unavailable', 'trigger_not_configured', 'this trigger was removed while the event waited');
    await respond(ctx, target, 503, r.headers, r.body);
    return;
  }

  let body: Buffer | null;
  try {
    body = decodeStoredBody(await ctx.kv.hgetBuffer(requestKey, REQUEST_BODY_FIELD));
  } catch (err) {
    ctx.state.metrics.errors += 1;
    logger.error('feature=webhook, event=body-read-failed', { error: errorText(err) });
    const r = jsonReason('unavailable', 'store_unavailable', 'the key-value store is unavailable; retry later');
    await respond(ctx, target, 503, r.headers, r.body);
    return;
  }

  let result: WebhookResult;
  try {
    result = await ctx.app.webhookEvent(
      {
        triggerId,
        requestKey,
        sessionId,
        method: message.method,
        headers: message.headers,
        queryParams: message.queryParams,
        body,
        inputs: entry.inputs,
      },
      appDepsFor(ctx, logger),
    );
  } catch (err) {
    ctx.state.metrics.errors += 1;
    logger.error('feature=webhook, event=callback-error', { error: errorText(err) });
    const r = jsonReason('error', 'internal_error', 'the alert could not be processed; see the service log');
    await respond(ctx, target, 500, r.headers, r.body);
    return;
  }

  if (result.kind === 'respond' || result.fires.length === 0) {
    ctx.state.metrics.misses += 1;
    if (result.kind === 'respond') {
      logger.debug('feature=webhook, event=decision', { decision: 'respond', reason: result.reason, statusCode: result.statusCode });
      await respond(ctx, target, result.statusCode, result.headers ?? [], result.body);
    } else {
      const r = jsonReason('filtered', result.reason, result.detail ?? 'no alert in this request passed');
      await respond(ctx, target, 200, r.headers, r.body);
    }
    await testingHooks(ctx, sessionId, triggerId, false);
    return;
  }

  logger.debug('feature=webhook, event=decision', { decision: 'fire', reason: result.reason, fires: result.fires.length });
  let fired = 0;
  try {
    for (const [i, outputs] of result.fires.entries()) {
      const fireSession = i === 0 ? sessionId : ctx.newSessionId();
      await fire(ctx, { triggerId, requestKey, sessionId: fireSession, outputVariables: entry.outputVariables, logger }, outputs);
      fired += 1;
    }
  } catch (err) {
    // Outputs could not be stored: nothing is fired for this alert, and the caller is told to retry.
    ctx.state.metrics.errors += 1;
    logger.error('feature=webhook, event=fire-failed', { fired, of: result.fires.length, error: errorText(err) });
    if (result.onNotFired) {
      const unfired = result.fires.map((_, i) => i).filter((i) => i >= fired);
      await result.onNotFired(unfired).catch((e: unknown) => logger.warn('feature=webhook, event=not-fired-callback-failed', { error: errorText(e) }));
    }
    const r = jsonReason('unavailable', 'store_unavailable', `${fired} of ${result.fires.length} alerts fired before the key-value store failed; retry later`);
    // A fired session's hash belongs to its playbook: the answer gets a session of its own.
    await respond(ctx, { ...target, sessionId: fired > 0 ? ctx.newSessionId() : sessionId }, 503, r.headers, r.body);
  }
}
