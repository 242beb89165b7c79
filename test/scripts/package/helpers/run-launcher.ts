import { execFileSync, spawn, type ChildProcess } from 'node:child_process';

/** The real Python interpreter (not a pyenv shim, which itself needs PATH). */
export const PYTHON = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();

export interface LauncherRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `python3 <script> …args` in cwd with exactly env (nothing inherited). */
export function startLauncher(script: string, cwd: string, env: Record<string, string>, args: string[] = []): ChildProcess {
  return spawn(PYTHON, [script, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * tcex-cli's calling convention (`tcex run`, launch_abc.py): in its own Python process, with the app
 * folder first on sys.path, `from run import Run`, then Run().setup(), launch(), teardown(); a
 * SystemExit carries the exit code. The harness prints that code as a JSON line and exits with it.
 */
export const TCEX_RUN_HARNESS = [
  'import json, os, sys',
  'sys.path.insert(0, os.getcwd())',
  'from run import Run',
  'code = 0',
  'try:',
  '    run = Run()',
  '    run.setup()',
  '    run.launch()',
  '    run.teardown()',
  'except SystemExit as e:',
  '    code = e.code',
  'print(json.dumps({"harness": "tcex run", "pid": os.getpid(), "exitCode": code}), flush=True)',
  'sys.exit(code)',
].join('\n');

/** Plays `tcex run` in cwd (an unzipped app folder) with exactly env. */
export function startTcexRun(cwd: string, env: Record<string, string>): ChildProcess {
  return spawn(PYTHON, ['-c', TCEX_RUN_HARNESS], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Collects output until the process exits. */
export function finished(child: ChildProcess): Promise<LauncherRun> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Resolves with the first stdout line that parses as JSON, or rejects after timeoutMs. */
export function firstJsonLine(child: ChildProcess, timeoutMs: number): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`no output within ${timeoutMs} ms`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const line = buffered.split('\n').find((l, i, all) => i < all.length - 1 && l.startsWith('{'));
      if (line !== undefined) {
        clearTimeout(timer);
        resolve(JSON.parse(line) as Record<string, unknown>);
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error('exited before printing'));
    });
  });
}
