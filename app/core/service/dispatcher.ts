/**
 * Command → handler table, composed per layer (common, trigger, webhook) instead of inherited.
 * `dispatch` never rejects: a failing handler is logged and counted.
 */
import type { InboundMessage } from '../../protocol/messages.js';
import type { ServiceContext } from './context.js';
import { errorText } from './context.js';
import { handleCreateConfig } from './commands/create-config.js';
import { handleDeleteConfig } from './commands/delete-config.js';
import { handleHeartbeat } from './commands/heartbeat.js';
import { handleLoggingChange } from './commands/logging-change.js';
import { handleShutdown } from './commands/shutdown.js';
import { handleWebhookEvent } from './commands/webhook-event.js';
import { handleWebhookMarshallEvent } from './commands/webhook-marshall-event.js';

type Handler<C extends InboundMessage['command']> = (message: Extract<InboundMessage, { command: C }>, ctx: ServiceContext) => Promise<void>;
type HandlerTable = { [C in InboundMessage['command']]?: Handler<C> };

const commonHandlers: HandlerTable = {
  Heartbeat: handleHeartbeat,
  LoggingChange: handleLoggingChange,
  Shutdown: handleShutdown,
  BrokerCheck: async (_m, ctx) => ctx.logger.warn('feature=service, event=broker-check-received'),
  Acknowledged: async (m, ctx) => ctx.logger.debug('feature=service, event=acknowledged-received', { type: m.type }),
};

const triggerHandlers: HandlerTable = {
  CreateConfig: handleCreateConfig,
  DeleteConfig: handleDeleteConfig,
};

export function webhookHandlers(features: readonly string[]): HandlerTable {
  const marshall = features.some((f) => f.toLowerCase() === 'webhookresponsemarshall');
  return {
    WebhookEvent: handleWebhookEvent,
    ...(marshall ? { WebhookMarshallEvent: handleWebhookMarshallEvent } : {}),
  };
}

export function createDispatcher(features: readonly string[]) {
  const table: HandlerTable = { ...commonHandlers, ...triggerHandlers, ...webhookHandlers(features) };
  return async function dispatch(message: InboundMessage, ctx: ServiceContext): Promise<void> {
    const handler = table[message.command] as Handler<typeof message.command> | undefined;
    if (!handler) {
      ctx.logger.warn('feature=service, event=invalid-command-received', { command: message.command });
      return;
    }
    try {
      await handler(message as never, ctx);
    } catch (err) {
      ctx.state.metrics.errors += 1;
      ctx.logger.error('feature=service, event=handler-error', { command: message.command, error: errorText(err) });
    }
  };
}
