/** Alert Intake's app: trigger settings per CreateConfig, the alert pipeline per WebhookEvent. */
import type { AppDeps, ServiceApp, WebhookInput, WebhookResult } from './app.js';
import { answer } from './pipeline/reasons.js';
import { runPipeline, type PipelineLimits } from './pipeline/run-pipeline.js';
import { parseTriggerSettings, type TriggerSettings } from './pipeline/trigger-settings.js';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Service-level inputs (serviceConfig: true) → limits; a bad value falls back to the default. */
export function limitsFrom(serviceInputs: Record<string, unknown>): PipelineLimits {
  const n = Number(serviceInputs.max_body_bytes);
  const maxBodyBytes = Number.isInteger(n) && n > 0 && n <= 64 * 1024 * 1024 ? n : DEFAULT_MAX_BODY_BYTES;
  return { maxBodyBytes, maxDecodedBytes: maxBodyBytes * 4, maxDepth: 64, maxAlerts: 100 };
}

export function createAlertApp(): ServiceApp {
  const triggers = new Map<number, TriggerSettings>();
  return {
    features: [],
    async createConfig(triggerId, inputs) {
      const result = parseTriggerSettings(inputs);
      if (!result.ok) return { status: 'Failed', message: `Invalid trigger inputs: ${result.errors.join('; ')}` };
      triggers.set(triggerId, result.settings);
      return { status: 'Success' };
    },
    async deleteConfig(triggerId) {
      triggers.delete(triggerId);
    },
    async webhookEvent(input: WebhookInput, deps: AppDeps): Promise<WebhookResult> {
      const settings = triggers.get(input.triggerId);
      if (!settings) return { kind: 'respond', ...answer('trigger_not_configured', 'this trigger has no active configuration; retry later') };
      // The runtime logs the one decision line of the event (app/core/service/commands/webhook-event.ts).
      return runPipeline(input, settings, deps, limitsFrom(deps.serviceInputs));
    },
  };
}
