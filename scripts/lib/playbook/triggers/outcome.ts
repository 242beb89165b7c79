/** What a trigger did with the request: fired the playbook (once per alert) or answered the sender. */
import type { Output } from '../scope.js';

export interface Fire {
  /** The trigger's output variables for this run. */
  variables: Output[];
  /** Requested variables the trigger did not write, with why. */
  notes: Record<string, string>;
}

export type TriggerOutcome =
  | { kind: 'fired'; fires: Fire[]; detail: string }
  | { kind: 'responded'; status: number; reason: string; detail: string; body: string };
