/**
 * `npm run playbook -- "<template>.pbx" <alert.json> [--trigger-inputs FILE] [--intel FILE] [--json]`:
 * plays an alert through a playbook template offline (see docs/playbook-runner.md).
 */
import { runCli } from '../app/cli/command-line.js';
import { argsFrom, PLAYBOOK_CLI } from './lib/playbook/args.js';
import { formatText } from './lib/playbook/format-text.js';
import { readAlert, readInstall, readIntelOrDefault, readTemplate } from './lib/playbook/load.js';
import { play } from './lib/playbook/play.js';
import { alertRequest } from './lib/playbook/triggers/request.js';
import { NO_INPUTS, readTriggerInputs } from './lib/playbook/triggers/trigger-inputs.js';

await runCli(PLAYBOOK_CLI, async (parsed) => {
  const args = argsFrom(parsed);
  const doc = readTemplate(args.template);
  const body = readAlert(args.alert);
  const triggerInputs = args.triggerInputs ? readTriggerInputs(args.triggerInputs, args.alert, args.triggerId) : NO_INPUTS;
  const intel = readIntelOrDefault(args.intel);
  const result = await play({ doc, request: alertRequest(body, args.headers), triggerInputs, intel, install: readInstall(), sign: args.sign });
  process.stdout.write(args.json ? `${JSON.stringify(result, null, 2)}\n` : formatText(result));
  return result.ok ? 0 : 1;
});
