/**
 * How `npm run soak` and `npm run memory` run: the shared CLI helper, after checking that mosquitto
 * and redis-server are installed (one line naming the install instead of a spawn error).
 */
import { CliError, runCli, type CliSpec } from '../../app/cli/command-line.js';
import { missingCommands } from './real-servers.js';

export async function runServerScript(spec: CliSpec, main: () => Promise<void>): Promise<void> {
  await runCli(spec, async () => {
    const missing = missingCommands(['mosquitto', 'redis-server']);
    if (missing.length > 0) throw new CliError(`needs ${missing.join(' and ')} on the PATH`, 'apt-get install mosquitto redis-server');
    await main();
    return 0;
  });
  // A failed run may leave a broker client or timer behind: exit with the code runCli set.
  if (process.exitCode) process.exit();
}
