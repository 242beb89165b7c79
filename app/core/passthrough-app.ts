/**
 * The minimal app: fires with the raw JSON body and the request headers, answers 400 to a body
 * that is not JSON. Stands in until the alert pipeline is composed; keeps the runtime testable alone.
 */
import type { ServiceApp } from './app.js';

export function createPassthroughApp(): ServiceApp {
  return {
    features: [],
    async createConfig(_triggerId, inputs) {
      const preset = inputs.source_preset;
      if (preset !== undefined && preset !== null && preset !== 'Generic JSON') {
        return { status: 'Failed', message: `source_preset: unknown preset ${JSON.stringify(String(preset).slice(0, 40))}` };
      }
      return { status: 'Success' };
    },
    async webhookEvent(input) {
      const text = input.body?.toString('utf8') ?? '';
      try {
        const json = JSON.parse(text) as { title?: unknown };
        return {
          kind: 'fire',
          reason: 'passthrough',
          fires: [
            {
              'alert_intake.response.json.raw': { type: 'String', value: text },
              'alert_intake.response.headers': {
                type: 'KeyValueArray',
                value: input.headers.map((h) => ({ key: h.name, value: h.value })),
              },
              'alert_intake.results.alert.title': { type: 'String', value: typeof json?.title === 'string' ? json.title : '' },
            },
          ],
        };
      } catch {
        return {
          kind: 'respond',
          statusCode: 400,
          reason: 'unparsable',
          headers: [{ name: 'Content-Type', value: 'application/json' }],
          body: JSON.stringify({ status: 'rejected', reason: 'unparsable', detail: 'the body is not JSON' }),
        };
      }
    },
  };
}
