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

export interface WebhookInput {
  triggerId: number;
  requestKey: string;
  sessionId: string;
  method: string;
  headers: NameValue[];
  queryParams: NameValue[];
  /** Raw body bytes; null when the platform stored none. */
  body: Buffer | null;
  inputs: TriggerInputs;
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
      /** Called (best effort) with the indexes of `fires` that could not be fired, e.g. to release dedupe claims. */
      onNotFired?: (indexes: number[]) => Promise<void>;
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

export interface CreateConfigResult {
  status: 'Success' | 'Failed';
  message?: string;
}

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

export interface ServiceApp {
  /** install.json `features` that change the runtime's behaviour (e.g. webhookResponseMarshall). */
  features: string[];
  /** Validate (and precompile) a trigger's inputs. Throwing counts as Failed. */
  createConfig(triggerId: number, inputs: TriggerInputs, deps: AppDeps): Promise<CreateConfigResult>;
  deleteConfig?(triggerId: number, deps: AppDeps): Promise<void>;
  webhookEvent(input: WebhookInput, deps: AppDeps): Promise<WebhookResult>;
  /** webhookResponseMarshall: shape the playbook's HTTP response before it goes back to the caller. */
  marshall?(input: MarshallInput, deps: AppDeps): Promise<MarshallResult | undefined>;
  shutdown?(deps: AppDeps): Promise<void>;
}
