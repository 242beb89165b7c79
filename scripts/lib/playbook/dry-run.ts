/**
 * The packager's dry run: every shipped playbook template (templates/*.pbx, components are played
 * through their callers) played on every shipped sample (samples/*.json, trigger inputs from
 * samples/triggers.json, requests signed as the trigger expects). A failed run is an error finding
 * naming the template, the sample and the job.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../validate/finding.js';
import { UsageError } from './errors.js';
import { readAlert, readInstall, readIntelOrDefault, readTemplate } from './load.js';
import { play } from './play.js';
import { alertRequest } from './triggers/request.js';
import { NO_INPUTS, readTriggerInputs, type TriggerInputsSpec } from './triggers/trigger-inputs.js';

const jsonFiles = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];

export function shippedSamples(root: string): string[] {
  return jsonFiles(join(root, 'samples'))
    .filter((f) => f !== 'triggers.json')
    .map((f) => `samples/${f}`);
}

export function shippedPlaybooks(root: string): string[] {
  return readdirSafe(join(root, 'templates'))
    .filter((f) => /\.pbx$/i.test(f))
    .sort()
    .map((f) => `templates/${f}`);
}

function readdirSafe(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}

/** Trigger inputs for a sample: its preset's trigger in samples/triggers.json, else that preset's defaults, else the template's own. */
export function sampleInputs(root: string, sample: string): TriggerInputsSpec {
  const triggers = join(root, 'samples/triggers.json');
  if (!existsSync(triggers)) return NO_INPUTS;
  try {
    return readTriggerInputs(triggers, join(root, sample));
  } catch (err) {
    if (err instanceof UsageError) return NO_INPUTS;
    throw err;
  }
}

export async function dryRunTemplates(root: string): Promise<Finding[]> {
  const samples = shippedSamples(root);
  const findings: Finding[] = [];
  if (samples.length === 0) return findings;
  const install = readInstall(root);
  for (const template of shippedPlaybooks(root)) {
    const report = (message: string, hint: string) => findings.push({ file: template, jsonPath: '$', rule: 'PB1', severity: 'error', message, hint });
    let doc: unknown;
    try {
      doc = readTemplate(join(root, template));
    } catch (err) {
      report(`dry run: ${err instanceof Error ? err.message : String(err)}`, 'export the template again');
      continue;
    }
    for (const sample of samples) {
      try {
        const intel = readIntelOrDefault(undefined, root);
        const result = await play({
          doc,
          request: alertRequest(readAlert(join(root, sample)), []),
          triggerInputs: sampleInputs(root, sample),
          intel,
          install,
          sign: true,
        });
        if (!result.ok)
          report(
            `dry run on ${sample} failed: ${result.errors[0]}`,
            `play it: npm run playbook -- "${template}" ${sample} --trigger-inputs samples/triggers.json --sign`,
          );
      } catch (err) {
        report(`dry run on ${sample} could not run: ${err instanceof Error ? err.message : String(err)}`, 'fix the input files named');
      }
    }
  }
  return findings;
}
