/** triggerId → the trigger's processed inputs, requested output variables and logger. */
import type { TriggerInputs } from '../app.js';
import type { ParsedVariable } from '../outputs/variables.js';
import type { Logger } from '../ports.js';

export interface TriggerEntry {
  triggerId: number;
  inputs: TriggerInputs;
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
