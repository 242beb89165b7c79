/** DeleteConfig: always acknowledged, also for an unknown trigger (tcex sends nothing then; see docs). */
import type { DeleteConfigIn } from '../../../protocol/messages.js';
import { deleteConfigAck } from '../../../protocol/encode.js';
import { appDepsFor, errorText, type ServiceContext } from '../context.js';

export async function handleDeleteConfig(message: DeleteConfigIn, ctx: ServiceContext): Promise<void> {
  const { triggerId } = message;
  const entry = ctx.state.registry.get(triggerId);
  const logger = ctx.logger;
  ctx.tokens.unregister(triggerId);
  let status: 'Success' | 'Failed' = 'Success';
  let text = 'Delete Config';
  if (entry && ctx.app.deleteConfig) {
    try {
      await ctx.app.deleteConfig(triggerId, appDepsFor(ctx, logger));
    } catch (err) {
      status = 'Failed';
      text = `Delete Config failed: ${errorText(err)}`;
      ctx.state.metrics.errors += 1;
    }
  }
  ctx.state.registry.delete(triggerId);
  ctx.closeTriggerLogger(triggerId);
  logger.info('feature=trigger, event=delete-config', { triggerId, known: entry !== undefined, status });
  await ctx.publish(deleteConfigAck(triggerId, status, text));
}
