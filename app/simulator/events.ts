/** What the simulator remembers of each HTTP request it turned into a WebhookEvent. */
export type Decision = 'fired' | 'responded' | 'timeout' | 'unknown_trigger' | 'method_not_allowed' | 'service_unavailable' | 'service_crashed';

export interface FiredSession {
  sessionId: string;
  /** Output variables by name (without `#Trigger:<id>:` and `!Type`), JSON-decoded. */
  outputs: Record<string, { type: string; value: unknown }>;
}

export interface SimEvent {
  seq: number;
  at: string;
  triggerId: number;
  requestKey: string;
  method: string;
  path: string;
  decision: Decision;
  status: number;
  reason?: string;
  /** The reason's detail; for a fired batch, the service's account of every alert not fired. */
  detail?: string;
  fires: FiredSession[];
  responseBody?: string;
  durationMs: number;
}

/** A bounded list of the latest events. */
export class EventLog {
  private readonly items: SimEvent[] = [];
  private seq = 0;
  constructor(private readonly keep: number) {}

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  add(event: SimEvent): void {
    this.items.push(event);
    if (this.items.length > this.keep) this.items.shift();
  }

  list(): SimEvent[] {
    return [...this.items];
  }

  byRequestKey(requestKey: string): SimEvent | undefined {
    return this.items.find((e) => e.requestKey === requestKey);
  }
}
