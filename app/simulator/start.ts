/**
 * `npm start [-- --port 8042 --triggers samples/triggers.json …]`: the service against the simulated
 * platform. Arguments are checked (and the port probed) before anything starts; Ctrl-C sends
 * Shutdown and waits for a clean exit.
 */
import { resolve, join } from 'node:path';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { CliError, intOption, runCli, UsageError, type CliSpec } from '../cli/command-line.js';
import { consoleExtension } from './console/console.js';
import { startSimulator } from './platform.js';
import type { EventDetail } from './print.js';
import { LOG_LEVEL_NAMES } from '../config/service-params.js';
import { readTriggersFile } from './triggers-file.js';

const LOG_LEVELS: readonly string[] = LOG_LEVEL_NAMES;

const SPEC: CliSpec = {
  command: 'npm start --',
  summary: 'Runs the service against a simulated ThreatConnect platform (embedded MQTT broker and key-value store) and prints one block per webhook.',
  options: {
    port: { type: 'string', value: 'N', help: 'HTTP front port on 127.0.0.1 (0 = any free port)', default: '8042' },
    triggers: { type: 'string', value: 'FILE', help: 'triggers file', default: 'samples/triggers.json' },
    redis: { type: 'string', value: 'URL', help: 'use a real Redis (redis://127.0.0.1:6379) instead of the embedded store' },
    broker: { type: 'string', value: 'URL', help: 'use a real MQTT broker (mqtt://127.0.0.1:1883) instead of the embedded one' },
    'no-spawn': { type: 'boolean', help: 'do not start the service; print the command to start it yourself (debugger)' },
    'log-level': { type: 'string', value: 'LEVEL', help: `the service's log level: ${LOG_LEVELS.join(', ')}`, default: 'info' },
    timeout: { type: 'string', value: 'MS', help: "how long a caller waits for the service's decision", default: '10000' },
    quiet: { type: 'boolean', help: 'one line per request instead of a block' },
    verbose: { type: 'boolean', help: 'every output variable in full, request headers and raw JSON included' },
  },
  notes: ['Then, in a second terminal: npm run send -- generic   (or any sample name under samples/)'],
};

function appDir(): string {
  // build/app/simulator/start.js → the repository (or app folder) root.
  let dir = resolve(fileURLToPath(import.meta.url), '..');
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'install.json')) || existsSync(join(dir, 'package.json'))) return dir;
    dir = resolve(dir, '..');
  }
  return process.cwd();
}

/** Fails with the fix when the port cannot be bound on 127.0.0.1 (in use, or privileged). */
export function probePort(port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') fail(new CliError(`port ${port} is in use`, 'pass --port N (another free port, or 0 for any)'));
      else if (err.code === 'EACCES') fail(new CliError(`port ${port} needs administrator rights`, 'pass --port N with N above 1023'));
      else fail(new CliError(`cannot listen on 127.0.0.1:${port}: ${err.message}`, 'pass --port N'));
    });
    s.listen(port, '127.0.0.1', () => s.close(() => done()));
  });
}

await runCli(SPEC, async ({ values }) => {
  const port = intOption(values.port, 'port', 0, 65535);
  const timeout = intOption(values.timeout, 'timeout', 100, 600_000);
  const logLevel = String(values['log-level']);
  if (!LOG_LEVELS.includes(logLevel)) throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(logLevel)}`);
  if (values.quiet && values.verbose) throw new UsageError('--quiet and --verbose exclude each other');
  for (const name of ['redis', 'broker'] as const) {
    const url = values[name];
    if (typeof url !== 'string') continue;
    const scheme = name === 'redis' ? /^rediss?:$/ : /^mqtts?:$/;
    if (!URL.canParse(url) || !scheme.test(new URL(url).protocol))
      throw new UsageError(`--${name} must be a ${name === 'redis' ? 'redis://host:port' : 'mqtt://host:port'} URL, got ${JSON.stringify(url)}`);
  }
  const root = appDir();
  const triggersPath = resolve(typeof values.triggers === 'string' ? values.triggers : join(root, 'samples/triggers.json'));
  if (!existsSync(triggersPath)) throw new CliError(`no triggers file at ${triggersPath}`, 'pass --triggers FILE (see samples/triggers.json)');
  let triggers: ReturnType<typeof readTriggersFile>;
  try {
    triggers = readTriggersFile(triggersPath);
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err), 'fix the triggers file (see samples/triggers.json)');
  }
  if (!existsSync(join(root, 'dist/run.js')) && !values['no-spawn'])
    throw new CliError('dist/run.js is missing', 'run npm run build (npm start does it for you)');
  await probePort(port);

  const detail: EventDetail = values.quiet ? 'line' : values.verbose ? 'full' : 'block';
  const logDir = join(root, '.sim', 'log');
  process.stdout.write(`Alert Intake simulator: starting the service (logs in ${logDir}) …\n`);
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  try {
    sim = await startSimulator({
      appDir: root,
      triggers,
      port,
      ...(typeof values.redis === 'string' ? { redisUrl: values.redis } : {}),
      ...(typeof values.broker === 'string' ? { brokerUrl: values.broker } : {}),
      spawn: values['no-spawn'] ? false : undefined,
      logDir,
      logLevel,
      responseTimeoutMs: timeout,
      detail,
      extend: consoleExtension({ appDir: root }),
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') throw new CliError(`port ${port} is in use`, 'pass --port N (another free port, or 0 for any)');
    if (e.code === 'ECONNREFUSED')
      throw new CliError(`nothing answers at ${e.message.replace(/^connect ECONNREFUSED /, '')}`, 'start it, or drop --redis/--broker to use the embedded one');
    throw new CliError(e.message ?? String(err), `see ${logDir}`);
  }
  const ids = triggers.triggers.map((t) => `  ${sim.url}/${t.id}${t.name ? `   (${t.name})` : ''}`).join('\n');
  const portArg = port === 8042 ? '' : ` --url ${sim.url}`;
  process.stdout.write(
    `\nReady (service pid ${String(sim.servicePid ?? 'not spawned')}). Trigger console: ${sim.url}/\nSend alerts to a trigger URL:\n${ids}\n  events so far: ${sim.url}/_events\n` +
      `Try: npm run send -- generic${portArg}   (any samples/<name>.json by name)\nCtrl-C stops both processes.\n\n`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: sending Shutdown to the service …\n`);
    void sim.stop().then(() => {
      process.stdout.write('Stopped.\n');
      process.exit(0);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  void sim.serviceExited.then(() => {
    if (!stopping) process.stdout.write('(the service is gone; Ctrl-C to leave the simulator)\n');
  });
  return 0;
});
