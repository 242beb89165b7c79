/**
 * The service as the simulator runs it: the platform's params (its broker, store and topics, the
 * triggers file's service block), launched the platform's way (app/platform-driver/launch.ts), awaited
 * until Ready, and stopped with Shutdown (then SIGTERM, then SIGKILL).
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { launchService, serviceParams, type LaunchedService, type SpawnSpec } from '../platform-driver/launch.js';
import type { Endpoint } from './stand-ins.js';

export interface ServiceLaunch {
  appDir: string;
  spawn: SpawnSpec | false | undefined;
  brokerAt: Endpoint;
  kvAt: Endpoint;
  clientTopic: string;
  serverTopic: string;
  logDir: string;
  logLevel: string;
  /** The simulator's base URL: the service's ThreatConnect API is `<url>/api`. */
  url: string;
  /** The triggers file's service block (params that win). */
  overrides: Record<string, unknown>;
  say(text: string): void;
  quiet: boolean;
}

/** Writes the params and starts the service (or prints how to start it, with spawn: false). */
export function launchSimulated(launch: ServiceLaunch): LaunchedService {
  const params = serviceParams(
    {
      broker: launch.brokerAt,
      kv: launch.kvAt,
      clientTopic: launch.clientTopic,
      serverTopic: launch.serverTopic,
      logDir: launch.logDir,
      logLevel: launch.logLevel,
      apiPath: `${launch.url}/api`,
    },
    { tc_token: `SIM:${randomBytes(12).toString('hex')}`, tc_token_expires: Math.floor(Date.now() / 1000) + 3600, ...launch.overrides },
  );
  const spec = launch.spawn ?? { command: process.execPath, args: [join(launch.appDir, 'dist/run.js')], cwd: launch.appDir };
  const service = launchService(params, spec, (line) => {
    if (!launch.quiet) launch.say(`   [service] ${line}`);
  });
  if (spec === false) {
    launch.say(
      `Start the service yourself (the params file is deleted once read):\n  cd ${launch.appDir} && TC_APP_PARAM_FILE=${service.paramFile} TC_APP_PARAM_KEY=${service.paramKey} node dist/run.js`,
    );
  }
  return service;
}

const within = <T>(promise: Promise<T>, ms: number, otherwise: T): Promise<T> =>
  Promise.race([promise, new Promise<T>((r) => setTimeout(() => r(otherwise), ms).unref())]);

/** Resolves with how the wait for Ready ended (a person starting the service gets 10 minutes). */
export function awaitReady(service: LaunchedService, ready: Promise<unknown>): Promise<'ready' | 'exited' | 'timeout'> {
  const timeoutMs = service.child === null ? 10 * 60_000 : 30_000;
  return within(Promise.race([ready.then(() => 'ready' as const), service.exited.then(() => 'exited' as const)]), timeoutMs, 'timeout' as const);
}

/** Shutdown first (10 s), then SIGTERM (3 s), then SIGKILL; removes the params directory. */
export async function stopService(service: LaunchedService, sendShutdown: () => Promise<void>): Promise<void> {
  const child = service.child;
  if (child && child.exitCode === null && child.signalCode === null) {
    await sendShutdown().catch(() => undefined);
    const exitedWithin = (ms: number) =>
      within(
        service.exited.then(() => true),
        ms,
        false,
      );
    if (!(await exitedWithin(10_000))) {
      child.kill('SIGTERM');
      if (!(await exitedWithin(3000))) child.kill('SIGKILL');
      await service.exited;
    }
  }
}

export function removeParams(service: LaunchedService): void {
  rmSync(dirname(service.paramFile), { recursive: true, force: true });
}
