import type { LoggingChangeIn } from '../../../protocol/messages.js';
import type { ServiceContext } from '../context.js';

export async function handleLoggingChange(message: LoggingChangeIn, ctx: ServiceContext): Promise<void> {
  if (ctx.setLogLevel(message.level)) ctx.logger.info('feature=service, event=logging-change', { level: message.level });
  else ctx.logger.warn('feature=service, event=logging-change-ignored', { level: message.level.slice(0, 32) });
}
