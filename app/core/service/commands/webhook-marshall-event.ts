/**
 * WebhookMarshallEvent (protocol §4.5, feature webhookResponseMarshall): the playbook produced its
 * HTTP answer; let the app shape it and send it back as WebhookEventResponse.
 */
import type { WebhookMarshallEventIn } from '../../../protocol/messages.js';
import { webhookEventAck } from '../../../protocol/encode.js';
import type { MarshallResult } from '../../app.js';
import { answering, appDepsFor, errorText, type ServiceContext } from '../context.js';
import { respond } from '../emit.js';
import { readStoredBody } from '../request-body.js';
import { REQUEST_BODY_FIELD } from '../../../protocol/kv-fields.js';

export function handleWebhookMarshallEvent(message: WebhookMarshallEventIn, ctx: ServiceContext): Promise<void> {
  return answering(ctx, 'WebhookMarshallEvent', message.requestKey, () => handle(message, ctx));
}

async function handle(message: WebhookMarshallEventIn, ctx: ServiceContext): Promise<void> {
  const { triggerId, requestKey } = message;
  // Same request key as its WebhookEvent: remembered under a key of its own.
  if (ctx.state.recentRequestKeys.seen(`marshall:${requestKey}`)) {
    ctx.logger.warn('feature=webhook, event=redelivered', { triggerId, requestKey, command: 'WebhookMarshallEvent' });
    return;
  }
  await ctx.publish(webhookEventAck('WebhookMarshallEvent', triggerId, requestKey));
  const entry = ctx.state.registry.get(triggerId);
  const sessionId = ctx.newSessionId();
  const logger = (entry?.logger ?? ctx.logger).child({ sessionId, requestKey });
  if (!entry) {
    logger.warn('feature=webhook, event=missing-config', { triggerId, command: 'WebhookMarshallEvent' });
  }
  let body: Buffer | null = null;
  try {
    body = await readStoredBody(await ctx.kv.hgetBuffer(requestKey, REQUEST_BODY_FIELD));
  } catch (err) {
    ctx.state.metrics.errors += 1;
    logger.error('feature=webhook, event=marshall-body-read-failed', { error: errorText(err) });
  }
  let shaped: MarshallResult | undefined;
  if (entry && ctx.app.marshall) {
    try {
      shaped = await ctx.app.marshall({ triggerId, requestKey, statusCode: message.statusCode, headers: message.headers, body }, appDepsFor(ctx, logger));
    } catch (err) {
      ctx.state.metrics.errors += 1;
      logger.error('feature=webhook, event=marshall-callback-error', { error: errorText(err) });
    }
  }
  const statusCode = shaped?.statusCode ?? message.statusCode;
  const headers = shaped?.headers ?? message.headers;
  const responseBody = shaped?.body ?? body ?? undefined;
  await respond(ctx, { triggerId, requestKey, sessionId, logger }, statusCode, headers, responseBody);
}
