/**
 * The two ways a webhook event ends (protocol §4.3–4.4): FireEvent after every output write has
 * resolved, or WebhookEventResponse with its body stored first. Both are awaited end to end.
 */
import type { NameValue } from '../../protocol/messages.js';
import { fireEvent, webhookEventResponse } from '../../protocol/encode.js';
import { RESPONSE_BODY_FIELD, TESTING_FIRED_FIELD, TESTING_TRACKER_FIELD, TESTING_TRIGGER_ID_FIELD } from '../../protocol/kv-fields.js';
import type { Outputs } from '../app.js';
import { answer, type ReasonCode } from '../pipeline/reasons.js';
import { planOutputWrites, writeOutputs } from '../outputs/writer.js';
import { encodeLargeStrings, type LargeStrings } from '../outputs/large-strings.js';
import type { ParsedVariable } from '../outputs/variables.js';
import type { Logger } from '../ports.js';
import type { ServiceContext } from './context.js';
import { responseBodyBytes } from './request-body.js';

export interface FireTarget {
  triggerId: number;
  requestKey: string;
  sessionId: string;
  outputVariables: readonly ParsedVariable[];
  logger: Logger;
}

/** Why a fire did not happen: its outputs could not be stored, or its FireEvent could not be published. */
export class FireFailed extends Error {
  constructor(
    readonly stage: 'store' | 'publish',
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/**
 * Writes the requested outputs, then publishes FireEvent. Rejects with FireFailed, naming the stage.
 * `large`: the event's encoded large strings, shared by the fires of a batch (one per event).
 */
export async function fire(ctx: ServiceContext, target: FireTarget, outputs: Outputs, large: LargeStrings = new Map()): Promise<void> {
  const plan = planOutputWrites(target.outputVariables, outputs, await encodeLargeStrings(target.outputVariables, outputs, large));
  for (const s of plan.skipped) target.logger.debug('feature=outputs, event=skipped', { sessionId: target.sessionId, ...s });
  await writeOutputs(ctx.kv, target.sessionId, plan).catch((err: unknown) => {
    throw new FireFailed('store', err);
  });
  await ctx.publish(fireEvent(target.triggerId, target.sessionId, target.requestKey)).catch((err: unknown) => {
    throw new FireFailed('publish', err);
  });
  ctx.state.metrics.hits += 1;
  target.logger.debug('feature=webhook, event=fire', {
    triggerId: target.triggerId,
    sessionId: target.sessionId,
    requestKey: target.requestKey,
    variables: plan.writes.length,
  });
  await testingHooks(ctx, target.sessionId, target.triggerId, true);
}

export interface ResponseTarget {
  triggerId: number;
  requestKey: string;
  sessionId: string;
  logger: Logger;
}

/** Stores the body (when there is one) and publishes WebhookEventResponse. A store failure is logged, never fatal. */
export async function respond(
  ctx: ServiceContext,
  target: ResponseTarget,
  statusCode: number,
  headers: NameValue[],
  body: string | Buffer | undefined,
): Promise<void> {
  if (body !== undefined) {
    try {
      await ctx.kv.hset(target.sessionId, RESPONSE_BODY_FIELD, await responseBodyBytes(body));
    } catch (err) {
      target.logger.error('feature=webhook, event=response-body-not-stored', {
        sessionId: target.sessionId,
        error: err instanceof Error ? err.message.slice(0, 200) : 'unknown',
      });
    }
  }
  await ctx.publish(webhookEventResponse(target.triggerId, target.sessionId, target.requestKey, statusCode, headers));
  target.logger.debug('feature=webhook, event=respond', {
    triggerId: target.triggerId,
    sessionId: target.sessionId,
    requestKey: target.requestKey,
    statusCode,
  });
}

/** Answers with a reason of the one table (its status, its JSON body). */
export async function respondWith(ctx: ServiceContext, target: ResponseTarget, reason: ReasonCode, detail: string): Promise<void> {
  const a = answer(reason, detail);
  await respond(ctx, target, a.statusCode, a.headers, a.body);
}

/** tcex_testing_context hooks (protocol §5.5): lets ThreatConnect's profile harnesses find our fires. */
let trackerChain: Promise<void> = Promise.resolve();

export async function testingHooks(ctx: ServiceContext, sessionId: string, triggerId: number, fired: boolean): Promise<void> {
  const context = ctx.options.testingContext;
  if (!context) return;
  try {
    await ctx.kv.hset(sessionId, TESTING_FIRED_FIELD, JSON.stringify(fired ? 'true' : 'false'));
    if (!fired) return;
    // Read-modify-write of the tracker list, serialised so concurrent fires do not lose entries.
    const step = trackerChain.then(async () => {
      const current = await ctx.kv.hget(context, TESTING_TRACKER_FIELD);
      let list: unknown = [];
      try {
        list = current ? JSON.parse(current) : [];
      } catch {
        list = [];
      }
      const sessions = Array.isArray(list) ? list : [];
      sessions.push(sessionId);
      await ctx.kv.hset(context, TESTING_TRACKER_FIELD, JSON.stringify(sessions));
      await ctx.kv.hset(sessionId, TESTING_TRIGGER_ID_FIELD, JSON.stringify(triggerId));
    });
    trackerChain = step.catch(() => undefined);
    await step;
  } catch (err) {
    ctx.logger.warn('feature=testing, event=hook-failed', { error: err instanceof Error ? err.message.slice(0, 200) : 'unknown' });
  }
}
