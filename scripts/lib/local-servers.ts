/**
 * Real servers on loopback for the soak and memory scripts: a free port, a server process started
 * and awaited until its port accepts connections, and a bounded poll for a condition.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 20 ms; false when `timeoutMs` passed first. */
export async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) return false;
    await sleep(20);
  }
  return true;
}

export { freePort } from './free-port.js';

function portTaken(port: number): Promise<boolean> {
  return new Promise((res) => {
    const probe = createServer();
    probe.once('error', () => res(true));
    probe.listen(port, '127.0.0.1', () => probe.close(() => res(false)));
  });
}

/** Starts `command` and resolves once it listens on `port` (10 s at most). */
export async function startServer(command: string, args: string[], port: number): Promise<ChildProcess> {
  const child = spawn(command, args, { stdio: 'ignore' });
  const end = Date.now() + 10_000;
  while (!(await portTaken(port))) {
    if (Date.now() > end || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`${command} did not start on port ${port}`);
    }
    await sleep(10);
  }
  return child;
}

export function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}
