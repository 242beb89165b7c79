/**
 * Validates the messages the service sends against ThreatConnect's services-specification.json
 * (read from ../shared/reference/, never copied into the repo), allowing exactly the deviations
 * listed in app/protocol/deviations.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { DEVIATIONS } from '../../../app/protocol/deviations.js';

const here = dirname(fileURLToPath(import.meta.url));
/** build/test/e2e/harness → repo root is four levels up. */
export const REPO_ROOT = resolve(here, '../../../..');
export const SPEC_PATH = resolve(REPO_ROOT, '../shared/reference/services-specification.json');

export type SpecCheck = (message: Record<string, unknown>) => string[];

/** Outgoing message → the spec schema that describes it. */
function schemaFor(message: Record<string, unknown>): string | null {
  const command = message.command;
  const type = message.type;
  if (command === 'Ready') return 'Ready';
  if (command === 'Heartbeat') return 'Heartbeat-Client';
  if (command === 'FireEvent') return 'FireEvent';
  if (command === 'WebhookEventResponse') return 'WebhookEventResponse';
  if (command === 'Acknowledged') {
    switch (type) {
      case 'CreateConfig':
        return 'CreateConfigAcknowledged';
      case 'DeleteConfig':
        return 'DeleteConfigAcknowledged';
      case 'WebhookEvent':
        return 'WebhookEventAcknowledged';
      case 'WebhookMarshallEvent':
        return 'WebhookMarshallResponseAcknowledge';
      case 'Shutdown':
        return 'ShutdownAcknowledged';
    }
  }
  return null;
}

const deviation = (id: string): boolean => DEVIATIONS.some((d) => d.id === id);

/** The message as the spec would have it, for exactly the tabled deviations. */
function applyDeviations(message: Record<string, unknown>, schema: string): Record<string, unknown> {
  const copy = { ...message };
  if (schema === 'FireEvent' && deviation('trigger-id-integer') && typeof copy.triggerId === 'number') {
    copy.triggerId = String(copy.triggerId);
  }
  return copy;
}

const EXACT_COMMANDS = new Set(['Ready', 'Heartbeat', 'Acknowledged', 'FireEvent', 'WebhookEventResponse', 'BrokerCheck']);
const EXACT_TYPES = new Set(['CreateConfig', 'DeleteConfig', 'Shutdown', 'WebhookEvent', 'WebhookMarshallEvent']);

/** null when the spec is absent outside CI (the caller skips loudly); throws when absent under CI. */
export function loadSpecCheck(): SpecCheck | null {
  if (!existsSync(SPEC_PATH)) {
    if (process.env.CI === 'true') throw new Error(`CI: ${SPEC_PATH} is missing (../shared must sit beside the repo)`);
    return null;
  }
  const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as { components: { schemas: Record<string, unknown> } };
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addSchema(spec as object, 'spec');
  const compiled = new Map<string, ReturnType<Ajv['compile']>>();
  for (const name of Object.keys(spec.components.schemas)) {
    compiled.set(name, ajv.compile({ $ref: `spec#/components/schemas/${name}` }));
  }
  return (message) => {
    const problems: string[] = [];
    if (!EXACT_COMMANDS.has(String(message.command))) problems.push(`command ${JSON.stringify(message.command)} is not an exact PascalCase name`);
    if (message.type !== undefined && !EXACT_TYPES.has(String(message.type))) problems.push(`type ${JSON.stringify(message.type)} is not exact`);
    if (message.triggerId !== undefined && !Number.isInteger(message.triggerId)) problems.push('triggerId is not an integer');
    const schema = schemaFor(message);
    if (schema === null) {
      if (message.command === 'BrokerCheck' && deviation('broker-check')) return problems;
      problems.push(`no spec schema and no tabled deviation for ${JSON.stringify(message).slice(0, 120)}`);
      return problems;
    }
    const validate = compiled.get(schema);
    if (!validate) return [...problems, `spec has no schema ${schema}`];
    if (!validate(applyDeviations(message, schema))) {
      for (const e of validate.errors ?? []) problems.push(`${schema}${e.instancePath} ${e.message ?? ''}`);
    }
    return problems;
  };
}
