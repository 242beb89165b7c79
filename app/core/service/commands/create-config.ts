/** CreateConfig (protocol §3.4): register token, resolve variables, build the model, the app validates, register, ack. */
import type { CreateConfigIn } from '../../../protocol/messages.js';
import { createConfigAck } from '../../../protocol/encode.js';
import { buildConfigModel } from '../../trigger/config-model.js';
import { appDepsFor, errorText, type ServiceContext } from '../context.js';

const DEFAULT_MESSAGE = 'Create Config';

/** Config with encrypted inputs masked, for the log. */
function maskedConfig(config: Record<string, unknown>, encrypted: ReadonlySet<string>): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(config)) out[k] = encrypted.has(k) && v !== null && v !== '' ? '***' : v;
  return out;
}

export async function handleCreateConfig(message: CreateConfigIn, ctx: ServiceContext): Promise<void> {
  const { triggerId } = message;
  const { logger, logFile } = ctx.triggerLogger(triggerId);
  for (const name of ctx.options.encryptedInputs) {
    const v = message.config[name];
    if (typeof v === 'string' && v !== '') ctx.addSecret(v);
  }
  logger.info('feature=trigger, event=create-config', { triggerId, config: maskedConfig(message.config, ctx.options.encryptedInputs) });

  if (message.apiToken) {
    ctx.addSecret(message.apiToken);
    ctx.tokens.register(triggerId, message.apiToken, message.expireSeconds);
  }

  let status: 'Success' | 'Failed' = 'Failed';
  let text = DEFAULT_MESSAGE;
  try {
    const model = buildConfigModel(message.config, ctx.options);
    if (model.ignoredOutputs.length > 0) {
      logger.warn('feature=trigger, event=ignored-output-variables', { triggerId, ignored: model.ignoredOutputs });
    }
    const resolved = await ctx.resolveVariables(model.inputs, triggerId);
    for (const secret of resolved.secrets) ctx.addSecret(secret);
    // An encrypted input given as &{TC:TEXT:…} resolves to a secret too.
    for (const name of ctx.options.encryptedInputs) {
      const v = resolved.inputs[name];
      if (typeof v === 'string' && v !== '') ctx.addSecret(v);
    }
    // The app validates first; only validated settings enter the registry.
    const result = await ctx.app.createConfig(triggerId, resolved.inputs, appDepsFor(ctx, logger));
    status = result.status;
    text = result.message || DEFAULT_MESSAGE;
    if (result.status === 'Success') {
      ctx.state.registry.set({ triggerId, settings: result.settings, outputVariables: model.outputVariables, logger, logFile });
    }
  } catch (err) {
    status = 'Failed';
    text = `${DEFAULT_MESSAGE} failed: ${errorText(err)}`;
    ctx.state.metrics.errors += 1;
  }
  if (status === 'Failed') {
    // A trigger whose latest configuration failed is not configured (its events are answered 503).
    ctx.state.registry.delete(triggerId);
    logger.warn('feature=trigger, event=create-config-failed', { triggerId, message: text });
  }
  await ctx.publish(createConfigAck(triggerId, status, text, logFile));
}
