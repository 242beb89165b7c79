/** Command-line arguments of `npm run playbook`; every mistake is one line naming the fix. */
import type { CliSpec, ParsedArgs } from '../../../app/cli/command-line.js';
import type { NameValue } from '../../../app/protocol/messages.js';
import { UsageError } from './errors.js';

export const PLAYBOOK_CLI: CliSpec = {
  command: 'npm run playbook --',
  args: '"<template>.pbx" <alert.json>',
  summary:
    'Plays an alert through an exported playbook template offline and prints what it would do in ThreatConnect: the trace of jobs, then indicators created and skipped, and notifications.',
  options: {
    'trigger-inputs': {
      type: 'string',
      value: 'FILE',
      help: 'App Service trigger inputs: samples/triggers.json, {"inputs": {...}, "variables": {...}}, or a plain object of inputs (default: the trigger\'s parameters in the template)',
    },
    'trigger-id': { type: 'string', value: 'N', help: "which trigger of a triggers file (default: the one for the alert's preset)" },
    intel: { type: 'string', value: 'FILE', help: 'known indicators (default: scripts/lib/playbook/default-intel.json)' },
    header: { type: 'string', value: '"Name: value"', multiple: true, help: 'a request header (repeatable; Content-Type defaults to application/json)' },
    sign: { type: 'boolean', help: "add the headers the App Service trigger's authentication expects" },
    json: { type: 'boolean', help: 'print the result as JSON on stdout' },
  },
  // Counted by argsFrom, whose message says what the two are.
  positionals: { min: 0, max: Number.MAX_SAFE_INTEGER },
  notes: ['Exit 1 names the job where the playbook failed; a file that cannot be read is exit 2, like a wrong option.'],
};

export interface Args {
  template: string;
  alert: string;
  triggerInputs?: string;
  triggerId?: number;
  intel?: string;
  headers: NameValue[];
  sign: boolean;
  json: boolean;
}

/** The checked arguments from what the shared helper parsed (`runCli(PLAYBOOK_CLI, …)`). */
export function argsFrom({ values, positionals }: Pick<ParsedArgs, 'values' | 'positionals'>): Args {
  if (positionals.length !== 2) {
    throw new UsageError(
      `give exactly a template and an alert file (got ${positionals.length} argument(s)): npm run playbook -- "<template>.pbx" <alert.json>`,
    );
  }
  const headers = ((values.header as string[] | undefined) ?? []).map((h) => {
    const i = h.indexOf(':');
    if (i <= 0) throw new UsageError(`--header needs "Name: value", got ${JSON.stringify(h)}`);
    return { name: h.slice(0, i).trim(), value: h.slice(i + 1).trim() };
  });
  let triggerId: number | undefined;
  if (values['trigger-id'] !== undefined) {
    if (!/^\d+$/.test(String(values['trigger-id'])))
      throw new UsageError(`--trigger-id must be a trigger id number, got ${JSON.stringify(values['trigger-id'])}`);
    triggerId = Number(values['trigger-id']);
  }
  return {
    template: positionals[0]!,
    alert: positionals[1]!,
    ...(typeof values['trigger-inputs'] === 'string' ? { triggerInputs: values['trigger-inputs'] } : {}),
    ...(triggerId !== undefined ? { triggerId } : {}),
    ...(typeof values.intel === 'string' ? { intel: values.intel } : {}),
    headers,
    sign: values.sign === true,
    json: values.json === true,
  };
}
