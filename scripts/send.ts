/**
 * `npm run send -- <triggerId> <file> [--header "Name: value"]… [--url http://127.0.0.1:8042]
 *  [--method POST] [--content-type application/json]`: posts a sample payload to the simulator
 * (or any Alert Intake front) and prints the answer.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const USAGE = 'Usage: npm run send -- <triggerId> <file> [--header "Name: value"] [--url http://127.0.0.1:8042] [--method POST]';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      header: { type: 'string', multiple: true, default: [] },
      url: { type: 'string', default: 'http://127.0.0.1:8042' },
      method: { type: 'string', default: 'POST' },
      'content-type': { type: 'string', default: 'application/json' },
    },
  });
  const [triggerId, file] = positionals;
  if (!triggerId || !/^\d+$/.test(triggerId) || !file) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const body = readFileSync(file);
  const headers: Record<string, string> = { 'Content-Type': values['content-type'] };
  for (const h of values.header) {
    const i = h.indexOf(':');
    if (i <= 0) {
      process.stderr.write(`--header needs "Name: value", got ${JSON.stringify(h)}\n`);
      return 2;
    }
    headers[h.slice(0, i).trim()] = h.slice(i + 1).trim();
  }
  const url = `${values.url.replace(/\/$/, '')}/${triggerId}`;
  let res: Response;
  try {
    res = await fetch(url, { method: values.method, headers, body: values.method === 'GET' ? undefined : body });
  } catch (err) {
    process.stderr.write(`Could not reach ${url}: ${err instanceof Error ? err.message : String(err)} (is \`npm start\` running?)\n`);
    return 1;
  }
  const text = await res.text();
  process.stdout.write(`${res.status} ${res.statusText}\n${text}\n`);
  return res.ok ? 0 : 1;
}

process.exitCode = await main();
