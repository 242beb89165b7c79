/** What one playbook run did: the trace of jobs, and the effects it would have in ThreatConnect. */

export interface TraceStep {
  /** The playbook or component (and loop iteration) the job ran in. */
  where: string;
  job: number;
  name: string;
  app: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  /** The connection type followed: Pass, Fail, or "(loop)" for an Iterator. */
  branch?: string;
  note?: string;
}

export interface CreatedIndicator {
  type: string;
  value: string;
  owner: string;
  rating: number;
  confidence: number;
  tags: string[];
  attributes: Array<{ type: string; value: string }>;
  /** True when the owner already held it (ThreatConnect updates it). */
  updated: boolean;
  job: string;
}

export interface SkippedIndicator {
  type?: string;
  value: string;
  reason: string;
}

export interface NotificationEffect {
  type: string;
  priority: string;
  recipients: string;
  message: string;
  job: string;
}

export interface LogEffect {
  level: string;
  message: string;
  job: string;
}

export interface RunRecord {
  trace: TraceStep[];
  created: CreatedIndicator[];
  skipped: SkippedIndicator[];
  notifications: NotificationEffect[];
  logs: LogEffect[];
  /** The jobs each path of the playbook ended at. */
  endedAt: string[];
}

export const emptyRun = (): RunRecord => ({ trace: [], created: [], skipped: [], notifications: [], logs: [], endedAt: [] });
