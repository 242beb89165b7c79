/**
 * Launches the service the way the platform does (simulator, e2e tests, bench): an encrypted params file (random 16-letter key)
 * in a private directory, TC_APP_PARAM_FILE / TC_APP_PARAM_KEY in the environment, the app folder
 * (with its install.json) as the working directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encryptParams } from '../config/param-crypto.js';

export interface SpawnSpec {
  command: string;
  args: string[];
  cwd: string;
  env?: Record<string, string>;
}

export interface LaunchedService {
  child: ChildProcess | null;
  /** The private directory holding the params file. */
  dir: string;
  paramFile: string;
  paramKey: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function randomLetters(n: number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return Array.from({ length: n }, () => letters[randomInt(letters.length)]).join('');
}

export interface LaunchOptions {
  /** The params key length (16 or 32 letters; the platform uses 16). */
  keyLength?: 16 | 32;
  /** The private directory for the params file (default: a fresh temporary one). */
  dir?: string;
}

/** Writes the encrypted params; spawns `spec` unless it is false (the user runs the service). */
export function launchService(
  params: Record<string, unknown>,
  spec: SpawnSpec | false,
  onOutput: (line: string) => void,
  options: LaunchOptions = {},
): LaunchedService {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'alert-intake-sim-'));
  mkdirSync(String(params.tc_out_path ?? dir), { recursive: true });
  const paramKey = randomLetters(options.keyLength ?? 16);
  const paramFile = join(dir, '.app_params.aes');
  writeFileSync(paramFile, encryptParams(params, paramKey), { mode: 0o600 });
  if (spec === false) {
    return { child: null, dir, paramFile, paramKey, exited: new Promise(() => undefined) };
  }
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env, TC_APP_PARAM_FILE: paramFile, TC_APP_PARAM_KEY: paramKey },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) onOutput(line);
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (err) => {
      onOutput(`could not start the service: ${err.message}`);
      resolve({ code: null, signal: null });
    });
  });
  return { child, dir, paramFile, paramKey, exited };
}

export interface ServiceParamsSpec {
  broker: { host: string; port: number | string };
  kv: { host: string; port: number | string };
  clientTopic: string;
  serverTopic: string;
  /** tc_log_path; tc_out_path is `<workDir>/out` unless overridden. */
  logDir: string;
  /** tc_in_path and tc_temp_path (default: logDir). */
  workDir?: string;
  logLevel?: string;
  /** Where the service reaches the ThreatConnect API (default: a closed port: no API). */
  apiPath?: string;
  hbTimeoutSeconds?: number | string;
  connTimeoutSeconds?: number | string;
}

/** The tc_* params the platform writes for a service; `overrides` win (e.g. a triggers file's service block). */
export function serviceParams(spec: ServiceParamsSpec, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const workDir = spec.workDir ?? spec.logDir;
  return {
    tc_svc_broker_host: spec.broker.host,
    tc_svc_broker_port: String(spec.broker.port),
    tc_svc_broker_conn_timeout: String(spec.connTimeoutSeconds ?? 60),
    tc_svc_client_topic: spec.clientTopic,
    tc_svc_server_topic: spec.serverTopic,
    tc_svc_hb_timeout_seconds: String(spec.hbTimeoutSeconds ?? 300),
    tc_kvstore_type: 'Redis',
    tc_kvstore_host: spec.kv.host,
    tc_kvstore_port: String(spec.kv.port),
    tc_log_path: spec.logDir,
    tc_log_level: spec.logLevel ?? 'info',
    tc_out_path: join(workDir, 'out'),
    tc_in_path: workDir,
    tc_temp_path: workDir,
    tc_api_path: spec.apiPath ?? 'http://127.0.0.1:9/api',
    tc_verify: 'false',
    ...overrides,
  };
}
