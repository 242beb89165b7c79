/**
 * `npm run send -- <sample>` or `npm run send -- <triggerId> <file>`: posts a payload to the
 * simulator (or any Alert Intake front) and prints the answer. A sample name picks
 * samples/<name>.json and the trigger of samples/triggers.json that uses its preset.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError, runCli, UsageError, type CliSpec } from '../app/cli/command-line.js';
import { readTriggersFile, type TriggerSpec } from '../app/simulator/triggers-file.js';
import { repoDeclaredInputs } from './lib/repo-manifest.js';
import { repoRoot } from './lib/repo-root.js';
import { authModeOf, demoAuthHeaders, sampleFile, sampleNames, triggerForSample } from './lib/sample-trigger.js';

const SPEC: CliSpec = {
  command: 'npm run send --',
  args: '<sample | file | triggerId file>',
  summary: 'Posts a sample alert to the simulator (npm start) and prints the HTTP answer.',
  positionals: { min: 1, max: 2 },
  options: {
    trigger: { type: 'string', value: 'ID', help: "the trigger to post to (default: the one in the triggers file that uses the sample's preset)" },
    header: { type: 'string', value: '"Name: value"', help: 'add a request header (repeatable)', multiple: true },
    'content-type': { type: 'string', value: 'TYPE', help: 'the Content-Type header', default: 'application/json' },
    method: { type: 'string', value: 'METHOD', help: 'POST, PUT or GET', default: 'POST' },
    url: { type: 'string', value: 'URL', help: 'where the simulator listens', default: 'http://127.0.0.1:8042' },
    triggers: { type: 'string', value: 'FILE', help: 'triggers file used to pick the trigger', default: 'samples/triggers.json' },
  },
  notes: [
    'Examples:',
    '  npm run send -- grafana                       samples/grafana.json to the Grafana trigger',
    '  npm run send -- 1 my-alert.json --header "X-Request-Id: 42"',
    'Exit code 0 when the answer is 2xx (fired, filtered or duplicate), 1 otherwise.',
  ],
};

await runCli(SPEC, async ({ values, positionals }) => {
  const root = repoRoot();
  const headers: Record<string, string> = { 'Content-Type': String(values['content-type']) };
  for (const h of (values.header as string[] | undefined) ?? []) {
    const i = h.indexOf(':');
    if (i <= 0) throw new UsageError(`--header needs "Name: value", got ${JSON.stringify(h)}`);
    headers[h.slice(0, i).trim()] = h.slice(i + 1).trim();
  }
  const method = String(values.method).toUpperCase();
  if (!['POST', 'PUT', 'GET'].includes(method)) throw new UsageError(`--method must be POST, PUT or GET, got ${JSON.stringify(values.method)}`);
  const base = String(values.url).replace(/\/$/, '');
  if (!URL.canParse(base) || !/^https?:$/.test(new URL(base).protocol)) throw new UsageError(`--url must be an http:// URL, got ${JSON.stringify(values.url)}`);
  if (values.trigger !== undefined && !/^\d+$/.test(String(values.trigger)))
    throw new UsageError(`--trigger must be a trigger id (a number), got ${JSON.stringify(values.trigger)}`);

  // <triggerId> <file> | <sample or file> [--trigger ID]
  let triggerId: string | undefined;
  let file: string;
  if (positionals.length === 2) {
    if (!/^\d+$/.test(positionals[0]!)) throw new UsageError(`the first of two arguments is a trigger id (a number), got ${JSON.stringify(positionals[0])}`);
    triggerId = positionals[0]!;
    file = sampleFile(root, positionals[1]!);
  } else {
    if (/^\d+$/.test(positionals[0]!))
      throw new UsageError(`a trigger id needs a file: npm run send -- ${positionals[0]} samples/generic.json (samples: ${sampleNames(root).join(', ')})`);
    file = sampleFile(root, positionals[0]!);
    triggerId = values.trigger as string | undefined;
  }
  let body: Buffer;
  try {
    body = readFileSync(file);
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, 'check the path');
  }
  let trigger: TriggerSpec | undefined;
  const triggersPath = resolve(root, String(values.triggers));
  {
    let triggers: ReturnType<typeof readTriggersFile> | undefined;
    try {
      if (!existsSync(triggersPath)) throw new Error(`no triggers file at ${triggersPath}`);
      triggers = readTriggersFile(triggersPath);
    } catch (err) {
      if (triggerId === undefined) throw new CliError(err instanceof Error ? err.message : String(err), 'pass the trigger id, or --triggers FILE');
    }
    if (triggers) {
      trigger = triggerId === undefined ? triggerForSample(root, file, triggers, triggersPath) : triggers.triggers.find((t) => String(t.id) === triggerId);
      if (trigger) {
        triggerId = String(trigger.id);
        const given = new Set(Object.keys(headers).map((h) => h.toLowerCase()));
        for (const [name, value] of Object.entries(demoAuthHeaders(repoDeclaredInputs(), trigger, triggers, body)))
          if (!given.has(name.toLowerCase())) headers[name] = value;
      }
    }
  }
  const url = `${base}/${triggerId}`;
  process.stdout.write(`${method} ${url}${trigger?.name ? ` (${trigger.name})` : ''} ← ${file.startsWith(root) ? file.slice(root.length + 1) : file}\n`);
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: method === 'GET' ? undefined : body, signal: AbortSignal.timeout(30_000) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; errors?: Array<{ code?: string }> } }).cause;
    const code = cause?.code ?? cause?.errors?.[0]?.code;
    throw new CliError(`nothing answers at ${base}${code ? ` (${code})` : ''}`, 'start the simulator with npm start in another terminal, or pass --url');
  }
  const text = await res.text();
  process.stdout.write(`${res.status} ${res.statusText}\n${text}\n`);
  if (res.status === 401 && trigger && authModeOf(trigger) !== 'None') {
    process.stderr.write(
      `send: trigger ${triggerId} expects ${authModeOf(trigger)} authentication; add the header with --header "Name: value" (see its inputs in ${join('samples', 'triggers.json')})\n`,
    );
  }
  return res.ok ? 0 : 1;
});
