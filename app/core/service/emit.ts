/**
 * The two ways a webhook event ends (protocol §4.3–4.4): FireEvent after every output write has
 * resolved, or WebhookEventResponse with its body stored first. Both are awaited end to end.
 */
import type { NameValue } from '../../protocol/messages.js';
import { fireEvent, webhookEventResponse } from '../../protocol/encode.js';
import { RESPONSE_BODY_FIELD, TESTING_FIRED_FIELD, TESTING_TRACKER_FIELD, TESTING_TRIGGER_ID_FIELD } from '../../protocol/kv-fields.js';
import type { Outputs } from '../app.js';
import { answer, type ReasonCode } from '../pipeline/reasons.js';
import { planOutputWrites, writeOutputs, type WritePlan } from '../outputs/writer.js';
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

/** How the fires of one event went: the sessions fired, in order, or the stage that stopped them. */
export interface FiresOutcome {
  /** Indexes (into the fires) whose FireEvent was published. */
  fired: number[];
  /** Why the others were not fired; undefined when every one was. */
  failure?: FireFailed;
}

/** A batch's fires are sent in groups of at most this many sessions… */
const GROUP_SESSIONS = 32;
/** …or of about this many units of output text (the group's HSETs are built and buffered at once). */
const GROUP_CHARS = 4 * 1024 * 1024;

const sizeOf = (plan: WritePlan): number => {
  let n = 0;
  for (const w of plan.writes) n += w.json.length;
  return n;
};

/**
 * The fires of one event (a batch: up to its alert cap), each with its own session, sent a group at
 * a time (GROUP_SESSIONS / GROUP_CHARS): every session's requested outputs are written (the group's
 * HSETs all sent at once, one per session), then each FireEvent is published once its outputs are
 * stored (the group's all sent at once: the broker keeps their order). Nothing is fired after a
 * session whose outputs could not be stored, nor after a group with a FireEvent that could not be
 * published (that one is not counted as fired; the rest of its group is).
 * `large`: the event's encoded large strings, shared by its fires (one per event).
 */
export async function fireAll(
  ctx: ServiceContext,
  targets: readonly FireTarget[],
  outputs: readonly Outputs[],
  large: LargeStrings = new Map(),
): Promise<FiresOutcome> {
  const fired: number[] = [];
  let plans: WritePlan[] = [];
  let from = 0;
  let chars = 0;
  for (const [i, target] of targets.entries()) {
    const plan = planOutputWrites(target.outputVariables, outputs[i]!, await encodeLargeStrings(target.outputVariables, outputs[i]!, large));
    for (const s of plan.skipped) target.logger.debug('feature=outputs, event=skipped', { sessionId: target.sessionId, ...s });
    plans.push(plan);
    chars += sizeOf(plan);
    if (plans.length < GROUP_SESSIONS && chars < GROUP_CHARS && i < targets.length - 1) continue;
    const failure = await fireGroup(ctx, targets.slice(from, i + 1), plans, from, fired);
    if (failure) return { fired, failure };
    plans = [];
    from = i + 1;
    chars = 0;
  }
  return { fired };
}

/** Writes then publishes one group (`targets[k]` is fire `from + k`); adds the fired to `fired`, returns what stopped it. */
async function fireGroup(
  ctx: ServiceContext,
  targets: readonly FireTarget[],
  plans: readonly WritePlan[],
  from: number,
  fired: number[],
): Promise<FireFailed | undefined> {
  const stored = await Promise.allSettled(plans.map((plan, k) => writeOutputs(ctx.kv, targets[k]!.sessionId, plan)));
  let writable = stored.findIndex((r) => r.status === 'rejected');
  const storeFailure = writable === -1 ? undefined : new FireFailed('store', (stored[writable] as PromiseRejectedResult).reason);
  if (writable === -1) writable = stored.length;

  const published = await Promise.allSettled(targets.slice(0, writable).map((t) => ctx.publish(fireEvent(t.triggerId, t.sessionId, t.requestKey))));
  // A FireEvent not published comes before (in the batch's order) any session not stored.
  let failure: FireFailed | undefined;
  for (const [k, r] of published.entries()) {
    if (r.status === 'rejected') {
      failure ??= new FireFailed('publish', r.reason);
      continue;
    }
    fired.push(from + k);
    const target = targets[k]!;
    ctx.state.metrics.hits += 1;
    target.logger.debug('feature=webhook, event=fire', {
      triggerId: target.triggerId,
      sessionId: target.sessionId,
      requestKey: target.requestKey,
      variables: plans[k]!.writes.length,
    });
    await testingHooks(ctx, target.sessionId, target.triggerId, true);
  }
  return failure ?? storeFailure;
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
