/**
 * The contract between the service runtime and the app logic it hosts (TcEx's callbacks,
 * made explicit). The runtime knows nothing about alerts; the app knows nothing about MQTT.
 */
import type { NameValue } from '../protocol/messages.js';
import type { Clock, ExternalHttp, KvStore, Logger, TcApi } from './ports.js';
import type { VariableType } from './outputs/variables.js';

/** A trigger's playbook-level inputs after CreateConfig processing ("" → null, lists split, &{TC:…} resolved). */
export type TriggerInputs = Record<string, unknown>;

/** Everything the app may use while handling one event. */
export interface AppDeps {
  kv: KvStore;
  http: ExternalHttp;
  tcApi: TcApi;
  logger: Logger;
  clock: Clock;
  /** Service-level inputs (install.json params with serviceConfig: true). */
  serviceInputs: Record<string, unknown>;
}

/** One webhook request as the app sees it, with the settings its trigger's CreateConfig validated. */
export interface WebhookInput<S = unknown> {
  triggerId: number;
  requestKey: string;
  sessionId: string;
  method: string;
  headers: NameValue[];
  queryParams: NameValue[];
  /** Raw body bytes; null when the platform stored none. */
  body: Buffer | null;
  /** What `createConfig` returned for this trigger (the runtime's trigger registry holds it). */
  settings: S;
}

/** One output value, addressed by variable key (e.g. `alert_intake.results.alert.id`) and type. */
export interface OutputValue {
  type: VariableType;
  value: unknown;
}

/** Output values keyed by variable key. The runtime writes only those the playbook requested. */
export type Outputs = Record<string, OutputValue>;

export type WebhookResult =
  /** Launch one playbook execution per element (array payloads fan out). */
  | {
      kind: 'fire';
      fires: Outputs[];
      reason: string;
      detail?: string;
      /**
       * `claims[i]`: key-value store keys the app claimed for `fires[i]` (e.g. dedupe claims). When
       * `fires[i]` is not fired the runtime deletes them (best effort), so a retry is not a duplicate.
       */
      claims?: ReadonlyArray<readonly string[]>;
    }
  /** Answer the HTTP caller without launching anything. */
  | {
      kind: 'respond';
      statusCode: number;
      headers?: NameValue[];
      body?: string | Buffer;
      reason: string;
      detail?: string;
    };

/** Success carries the validated settings the runtime stores for the trigger and hands back with each event. */
export type CreateConfigResult<S = unknown> = { status: 'Success'; settings: S; message?: string } | { status: 'Failed'; message: string };

export interface MarshallInput {
  triggerId: number;
  requestKey: string;
  statusCode: number;
  headers: NameValue[];
  body: Buffer | null;
}

export interface MarshallResult {
  statusCode?: number;
  headers?: NameValue[];
  body?: string | Buffer;
}

/** `S`: a trigger's validated settings, as `createConfig` returns them. */
export interface ServiceApp<S = unknown> {
  /** install.json `features` that change the runtime's behaviour (e.g. webhookResponseMarshall). */
  features: string[];
  /** Validate (and precompile) a trigger's inputs into its settings. Throwing counts as Failed. */
  createConfig(triggerId: number, inputs: TriggerInputs, deps: AppDeps): Promise<CreateConfigResult<S>>;
  deleteConfig?(triggerId: number, deps: AppDeps): Promise<void>;
  webhookEvent(input: WebhookInput<S>, deps: AppDeps): Promise<WebhookResult>;
  /** webhookResponseMarshall: shape the playbook's HTTP response before it goes back to the caller. */
  marshall?(input: MarshallInput, deps: AppDeps): Promise<MarshallResult | undefined>;
  shutdown?(deps: AppDeps): Promise<void>;
}
