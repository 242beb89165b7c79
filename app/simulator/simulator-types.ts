/** What the simulated platform is given (SimulatorOptions), what it returns (Simulator) and what its extensions may use. */
import type { Express } from 'express';
import type { NameValue } from '../protocol/messages.js';
import type { SpawnSpec } from '../platform-driver/launch.js';
import type { SimEvent } from './events.js';
import type { EventDetail } from './print.js';
import type { TriggersFile } from './triggers-file.js';

export interface SimulatorOptions {
  /** The app folder: install.json is read from here and the service runs in it. */
  appDir: string;
  triggers: TriggersFile;
  /** How to start the service; false: the user starts it (printed command). Default: node <appDir>/dist/run.js. */
  spawn?: SpawnSpec | false;
  /** HTTP front port on 127.0.0.1 (0 = any free port). */
  port?: number;
  redisUrl?: string;
  brokerUrl?: string;
  hbIntervalMs?: number;
  responseTimeoutMs?: number;
  eventsKept?: number;
  logDir?: string;
  logLevel?: string;
  /** Where readable lines go (default: stdout); quiet drops event blocks and service output. */
  print?: (text: string) => void;
  quiet?: boolean;
  /** How much of each event the terminal shows (default block). */
  detail?: EventDetail;
  /** Adds routes before the webhook catch-all (the console does); called once, before listening. */
  extend?: (app: Express, control: PlatformControl) => void;
}

/** One HTTP request as the platform turns it into a WebhookEvent. */
export interface PlatformRequest {
  method: string;
  path: string;
  headers: NameValue[];
  query: NameValue[];
  body: Buffer;
}

/** The service's answer to a CreateConfig. */
export interface ConfigAck {
  status: string;
  message: string;
}

/** What an extension may do with the running platform. */
export interface PlatformControl {
  readonly triggers: TriggersFile;
  /** Sends a request to a configured trigger as the HTTP front would; resolves with the finished event. */
  deliver(triggerId: number, request: PlatformRequest): Promise<SimEvent>;
  /** Sends CreateConfig with these inputs and resolves with the service's acknowledgement. */
  configure(triggerId: number, inputs: Record<string, unknown>, outputs?: string[]): Promise<ConfigAck>;
  /** Sends DeleteConfig (no answer awaited). */
  unconfigure(triggerId: number): Promise<void>;
  /** Called for every finished event (again when a later fire of its batch arrives), with its request when there was one. */
  onEvent(listener: (event: SimEvent, request?: PlatformRequest) => void): void;
}

export interface Simulator {
  url: string;
  port: number;
  /** Milliseconds from launching the service to its Ready. */
  readyMs: number;
  /** The service process id (undefined with spawn: false). */
  servicePid: number | undefined;
  events(): SimEvent[];
  /** How many requests wait for the service's answer (published, not yet answered). */
  inFlight(): number;
  /** Resolves when the service exits (never, with spawn: false). */
  serviceExited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** CreateConfig outcome per trigger id. */
  configs(): Map<number, ConfigAck>;
  stop(): Promise<void>;
}
