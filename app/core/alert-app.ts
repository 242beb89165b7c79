/** Alert Intake's app: trigger settings per CreateConfig, the alert pipeline per WebhookEvent. */
import type { ServiceApp } from './app.js';
import { runPipeline, type PipelineLimits } from './pipeline/run-pipeline.js';
import { parseTriggerSettings, type TriggerSettings } from './trigger/settings.js';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Service-level inputs (serviceConfig: true) → limits; a bad value falls back to the default. */
export function limitsFrom(serviceInputs: Record<string, unknown>): PipelineLimits {
  const n = Number(serviceInputs.max_body_bytes);
  const maxBodyBytes = Number.isInteger(n) && n > 0 && n <= 64 * 1024 * 1024 ? n : DEFAULT_MAX_BODY_BYTES;
  return { maxBodyBytes, maxDecodedBytes: maxBodyBytes * 4, maxDepth: 64, maxAlerts: 100 };
}

/**
 * Stateless: the runtime's trigger registry keeps the settings `createConfig` returns and hands
 * them back with each event (app/core/trigger/registry.ts).
 */
export function createAlertApp(): ServiceApp<TriggerSettings> {
  return {
    features: [],
    async createConfig(_triggerId, inputs) {
      const result = parseTriggerSettings(inputs);
      if (!result.ok) return { status: 'Failed', message: `Invalid trigger inputs: ${result.errors.join('; ')}` };
      return { status: 'Success', settings: result.settings };
    },
    // The runtime logs the one decision line of the event (app/core/service/commands/webhook-event.ts).
    webhookEvent: (input, deps) => runPipeline(input, deps, limitsFrom(deps.serviceInputs)),
  };
}
