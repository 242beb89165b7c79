/**
 * The one trigger registry: triggerId → the settings the app validated at CreateConfig, the
 * requested output variables and the trigger's logger. An entry exists only for a trigger whose
 * CreateConfig succeeded; every event of the trigger is handed its settings.
 */
import type { ParsedVariable } from '../outputs/variables.js';
import type { Logger } from '../ports.js';

export interface TriggerEntry {
  triggerId: number;
  /** What the app's createConfig returned (for Alert Intake: TriggerSettings). */
  settings: unknown;
  outputVariables: ParsedVariable[];
  logger: Logger;
  logFile: string;
}

export interface TriggerRegistry {
  get(triggerId: number): TriggerEntry | undefined;
  set(entry: TriggerEntry): void;
  delete(triggerId: number): boolean;
  readonly size: number;
}

export function createTriggerRegistry(): TriggerRegistry {
  const entries = new Map<number, TriggerEntry>();
  return {
    get: (id) => entries.get(id),
    set: (entry) => void entries.set(entry.triggerId, entry),
    delete: (id) => entries.delete(id),
    get size() {
      return entries.size;
    },
  };
}
