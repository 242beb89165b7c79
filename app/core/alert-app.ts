/** Alert Intake's app: trigger settings per CreateConfig, the alert pipeline per WebhookEvent. */
import type { ServiceApp } from './app.js';
import { runPipeline, type PipelineLimits } from './pipeline/run-pipeline.js';
import { declaredInputs, type DeclaredInputs, type InstallInputs } from './trigger/declared-inputs.js';
import { parseTriggerSettings, type TriggerSettings } from './trigger/settings.js';

/** The largest max_body_bytes accepted (64 MiB). */
export const MAX_BODY_BYTES_LIMIT = 64 * 1024 * 1024;

/** Service-level inputs (serviceConfig: true) → limits; an absent or bad value means install.json's default. */
export function limitsFrom(serviceInputs: Record<string, unknown>, declared: DeclaredInputs): PipelineLimits {
  const n = Number(serviceInputs.max_body_bytes);
  const maxBodyBytes = Number.isInteger(n) && n > 0 && n <= MAX_BODY_BYTES_LIMIT ? n : declared.numbers.max_body_bytes;
  return { maxBodyBytes, maxDecodedBytes: maxBodyBytes * 4, maxDepth: 64, maxAlerts: 100 };
}

/**
 * `install`: install.json as read where the app runs (readManifest, app/config/manifest.ts); its
 * choices and defaults are taken once, here, and a missing one throws, naming it.
 * Stateless: the runtime's trigger registry keeps the settings `createConfig` returns and hands
 * them back with each event (app/core/trigger/registry.ts).
 */
export function createAlertApp(install: InstallInputs): ServiceApp<TriggerSettings> {
  const declared = declaredInputs(install);
  return {
    features: [],
    async createConfig(_triggerId, inputs) {
      const result = parseTriggerSettings(inputs, declared);
      if (!result.ok) return { status: 'Failed', message: `Invalid trigger inputs: ${result.errors.join('; ')}` };
      return { status: 'Success', settings: result.settings };
    },
    // The runtime logs the one decision line of the event (app/core/service/commands/webhook-event.ts).
    webhookEvent: (input, deps) => runPipeline(input, deps, limitsFrom(deps.serviceInputs, declared)),
  };
}
