/**
 * `npm start [-- --port 8042 --triggers samples/triggers.json --redis URL --broker URL --no-spawn]`:
 * the service against the simulated platform. Ctrl-C sends Shutdown and waits for a clean exit.
 */
import { resolve, join } from 'node:path';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { consoleExtension } from './console/console.js';
import { startSimulator } from './platform.js';
import { readTriggersFile } from './triggers-file.js';

const USAGE = `Usage: npm start -- [options]
  --port N           HTTP front port on 127.0.0.1 (default 8042; 0 = any free port)
  --triggers FILE    triggers file (default samples/triggers.json)
  --redis URL        use a real Redis (redis://127.0.0.1:6379) instead of the embedded store
  --broker URL       use a real MQTT broker (mqtt://127.0.0.1:1883) instead of the embedded one
  --no-spawn         do not start the service; print the command to start it yourself (debugger)
  --log-level LEVEL  the service's log level (default info; trace shows everything, secrets masked)
  --timeout MS       how long a caller waits for the service's decision (default 10000)
  --help`;

function appDir(): string {
  // build/app/simulator/start.js → the repository (or app folder) root.
  let dir = resolve(fileURLToPath(import.meta.url), '..');
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'install.json')) || existsSync(join(dir, 'package.json'))) return dir;
    dir = resolve(dir, '..');
  }
  return process.cwd();
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '8042' },
        triggers: { type: 'string' },
        redis: { type: 'string' },
        broker: { type: 'string' },
        'no-spawn': { type: 'boolean', default: false },
        'log-level': { type: 'string', default: 'info' },
        timeout: { type: 'string', default: '10000' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const root = appDir();
  const triggersPath = resolve(values.triggers ?? join(root, 'samples/triggers.json'));
  const triggers = readTriggersFile(triggersPath);
  const logDir = join(root, '.sim', 'log');
  process.stdout.write(`Alert Intake simulator: starting the service (logs in ${logDir}) …\n`);
  const sim = await startSimulator({
    appDir: root,
    triggers,
    port: Number(values.port),
    ...(values.redis ? { redisUrl: values.redis } : {}),
    ...(values.broker ? { brokerUrl: values.broker } : {}),
    spawn: values['no-spawn'] ? false : undefined,
    logDir,
    logLevel: values['log-level'],
    responseTimeoutMs: Number(values.timeout),
    extend: consoleExtension({ appDir: root }),
  });
  const ids = triggers.triggers.map((t) => `  ${sim.url}/${t.id}${t.name ? `   (${t.name})` : ''}`).join('\n');
  process.stdout.write(
    `\nReady (service pid ${String(sim.servicePid ?? 'not spawned')}). Trigger console: ${sim.url}/\nSend alerts to a trigger URL:\n${ids}\n  events so far: ${sim.url}/_events\n` +
      `Try: npm run send -- ${triggers.triggers[0]?.id ?? 1} samples/generic.json --url ${sim.url}\nCtrl-C stops both processes.\n\n`,
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
}

main().catch((err: unknown) => {
  process.stderr.write(`Simulator failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
