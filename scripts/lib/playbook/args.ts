/** Command-line arguments of `npm run playbook`; every mistake is one line naming the fix. */
import { parseArgs } from 'node:util';
import { parseArgsProblem } from '../../../app/cli/command-line.js';
import type { NameValue } from '../../../app/protocol/messages.js';
import { UsageError } from './errors.js';

export const USAGE = `Usage: npm run playbook -- "<template>.pbx" <alert.json> [options]

Plays an alert through an exported playbook template offline and prints what it would do in
ThreatConnect: the trace of jobs, then indicators created and skipped, and notifications.

Options:
  --trigger-inputs FILE  App Service trigger inputs: samples/triggers.json, {"inputs": {...},
                         "variables": {...}}, or a plain object of inputs (default: the
                         trigger's parameters in the template)
  --trigger-id N         which trigger of a triggers file (default: the one for the alert's preset)
  --intel FILE           known indicators (default: scripts/lib/playbook/default-intel.json)
  --header "Name: value" a request header (repeatable; Content-Type defaults to application/json)
  --sign                 add the headers the App Service trigger's authentication expects
  --json                 print the result as JSON on stdout
  --help                 this text

Exit codes: 0 ok, 1 failure (the playbook failed: the job is named), 2 wrong usage.`;

export interface Args {
  template: string;
  alert: string;
  triggerInputs?: string;
  triggerId?: number;
  intel?: string;
  headers: NameValue[];
  sign: boolean;
  json: boolean;
  help: boolean;
}

export function parseCommandLine(argv: string[]): Args {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'trigger-inputs': { type: 'string' },
        'trigger-id': { type: 'string' },
        intel: { type: 'string' },
        header: { type: 'string', multiple: true, default: [] },
        sign: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new UsageError(`${parseArgsProblem(err)}; run npm run playbook -- --help for the options`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { template: '', alert: '', headers: [], sign: false, json: false, help: true };
  if (positionals.length !== 2) {
    throw new UsageError(`give exactly a template and an alert file (got ${positionals.length} argument(s)): npm run playbook -- "<template>.pbx" <alert.json>`);
  }
  const headers = values.header.map((h) => {
    const i = h.indexOf(':');
    if (i <= 0) throw new UsageError(`--header needs "Name: value", got ${JSON.stringify(h)}`);
    return { name: h.slice(0, i).trim(), value: h.slice(i + 1).trim() };
  });
  let triggerId: number | undefined;
  if (values['trigger-id'] !== undefined) {
    if (!/^\d+$/.test(values['trigger-id'])) throw new UsageError(`--trigger-id must be a trigger id number, got ${JSON.stringify(values['trigger-id'])}`);
    triggerId = Number(values['trigger-id']);
  }
  return {
    template: positionals[0]!,
    alert: positionals[1]!,
    ...(values['trigger-inputs'] !== undefined ? { triggerInputs: values['trigger-inputs'] } : {}),
    ...(triggerId !== undefined ? { triggerId } : {}),
    ...(values.intel !== undefined ? { intel: values.intel } : {}),
    headers,
    sign: values.sign,
    json: values.json,
    help: false,
  };
}
