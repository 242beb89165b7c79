import type { ShutdownIn } from '../../../protocol/messages.js';
import type { ServiceContext } from '../context.js';

export async function handleShutdown(message: ShutdownIn, ctx: ServiceContext): Promise<void> {
  const reason = message.reason ?? 'A shutdown command was received on server topic. Service is shutting down.';
  await ctx.shutdown(reason);
}
