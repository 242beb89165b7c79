/**
 * Real redis-server and mosquitto processes for the tests and the bench, soak and memory scripts,
 * each on a free loopback port (or a given one, to restart a server where it was), started only when
 * the binary is installed. Ready means the server said so in its own log (no sleeps).
 * Not installed: `null` and the caller skips with `skipReason`; under CI=true a missing binary is an
 * error (.ci/run installs both).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

export interface RealServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** `redis://127.0.0.1:<port>` or `mqtt://127.0.0.1:<port>`. */
  readonly url: string;
  /** Stops the process (SIGKILL unless another signal is given: SIGTERM lets it save its data) and waits for it to exit. */
  close(signal?: NodeJS.Signals): Promise<void>;
}

const READY_TIMEOUT_MS = 15_000;

function installed(command: string, versionFlag: string): boolean {
  const probe = spawnSync(command, [versionFlag], { stdio: 'ignore', timeout: 5000 });
  return probe.error === undefined;
}

/** The commands of `names` that are not on the PATH (the bench, soak and memory scripts check first). */
export function missingCommands(names: readonly string[]): string[] {
  return names.filter((cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status !== 0);
}

/** Why a real-server test is skipped, or false when the binary is there; throws under CI=true. */
export function skipReason(command: 'redis-server' | 'mosquitto'): string | false {
  if (installed(command, command === 'mosquitto' ? '-h' : '--version')) return false;
  if (process.env.CI === 'true') throw new Error(`CI: ${command} is not installed (.ci/run installs it)`);
  return `${command} is not installed`;
}

/** Spawns `command` and resolves once its output matches `ready`; rejects with that output if it exits first. */
function startProcess(command: string, args: string[], ready: RegExp, cleanup: () => void): Promise<ChildProcess> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      cleanup();
      reject(new Error(`${command} ${why}:\n${output.slice(-2000)}`));
    };
    const timer = setTimeout(() => fail(`not ready within ${READY_TIMEOUT_MS} ms`), READY_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (!ready.test(output)) return;
      clearTimeout(timer);
      child.removeListener('exit', onExit);
      // Keep draining the pipes so the server never blocks on a full one.
      child.stdout?.resume();
      child.stderr?.resume();
      resolve(child);
    };
    const onExit = (code: number | null) => fail(`exited (code ${code}) before it was ready`);
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', (err) => fail(`could not start: ${err.message}`));
  });
}

function stopper(child: ChildProcess, cleanup: () => void): (signal?: NodeJS.Signals) => Promise<void> {
  return async (signal = 'SIGKILL') => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await exited;
    }
    cleanup();
  };
}

export interface RedisOptions {
  /** Listen on this port (e.g. to restart a server on the port it had). Default: a free one. */
  port?: number;
  /** More redis-server arguments (TLS, ACL users...). */
  args?: string[];
}

/** A throw-away redis-server (no persistence); null when redis-server is not installed. */
export async function startRedisServer(options: RedisOptions = {}): Promise<RealServer | null> {
  if (skipReason('redis-server')) return null;
  const port = options.port ?? (await freePort());
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...(options.args ?? [])];
  const child = await startProcess('redis-server', args, /Ready to accept connections/, () => undefined);
  return { host: '127.0.0.1', port, url: `redis://127.0.0.1:${port}`, close: stopper(child, () => undefined) };
}

export interface MosquittoOptions {
  /** Listen on this port (e.g. to restart a broker on the port it had). Default: a free one. */
  port?: number;
  /** Keeps sessions and queued messages across a restart, in this directory (the caller's to remove). */
  persistenceDir?: string;
  /** How many QoS 1 messages mosquitto queues per offline or slow client (mosquitto's default: 1000). */
  maxQueuedMessages?: number;
}

/** A throw-away mosquitto broker, anonymous, TCP_NODELAY; null when mosquitto is not installed. */
export async function startMosquitto(options: MosquittoOptions = {}): Promise<RealServer | null> {
  if (skipReason('mosquitto')) return null;
  const port = options.port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'alert-intake-mosquitto-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  const config = join(dir, 'mosquitto.conf');
  const lines = [
    `listener ${port} 127.0.0.1`,
    'allow_anonymous true',
    'set_tcp_nodelay true',
    // Run as root, mosquitto would switch to the `mosquitto` user and could not write the persistence file.
    `user ${userInfo().username}`,
    ...(options.persistenceDir ? ['persistence true', `persistence_location ${options.persistenceDir}/`] : []),
    ...(options.maxQueuedMessages ? [`max_queued_messages ${options.maxQueuedMessages}`] : []),
  ];
  writeFileSync(config, `${lines.join('\n')}\n`);
  const child = await startProcess('mosquitto', ['-c', config], / running/, cleanup);
  return { host: '127.0.0.1', port, url: `mqtt://127.0.0.1:${port}`, close: stopper(child, cleanup) };
}
