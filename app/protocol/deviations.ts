/**
 * Where we knowingly differ from ThreatConnect's services-specification.json (protocol §3.5).
 * The spec test validates every message we send against the spec, allowing exactly these.
 */
export interface Deviation {
  id: string;
  /** The outgoing command (and `type` for acks) the deviation applies to. */
  command: string;
  type?: string;
  why: string;
}

export const DEVIATIONS: readonly Deviation[] = [
  {
    id: 'fire-event-request-key',
    command: 'FireEvent',
    why: 'tcex adds requestKey to webhook-originated fires; the spec has only command, triggerId, sessionId.',
  },
  {
    id: 'trigger-id-integer',
    command: '*',
    why: 'The spec types triggerId as a string in places; tcex and the Java SDK send integers.',
  },
  {
    id: 'ready-without-discovery',
    command: 'Ready',
    why: 'The spec defines Ready only for API services (with discoveryTypes); every service type sends it.',
  },
  {
    id: 'heartbeat-trigger-metrics',
    command: 'Heartbeat',
    why: 'Trigger services report Active Playbooks, Errors, Hits, Misses, not the API-service metrics of the example.',
  },
  {
    id: 'marshall-ack-type',
    command: 'Acknowledged',
    type: 'WebhookMarshallEvent',
    why: 'The spec says WebhookMarshallResponse, which is not in the Java CommandType enum; the code sends WebhookMarshallEvent.',
  },
  {
    id: 'broker-check',
    command: 'BrokerCheck',
    why: 'Not in the spec: a self-test published to the server topic before a heartbeat-loss shutdown.',
  },
];
