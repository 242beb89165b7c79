/**
 * Every shipped playbook template played on every shipped sample (trigger inputs from
 * samples/triggers.json, requests signed as the trigger expects), with the effects asserted
 * exactly: each indicator the App Service extracted and ThreatConnect does not know is created
 * (rating 1, confidence 50, the configured owner, tag, Source attribute); each known one is
 * skipped with its reason; one notification per alert with indicators; none otherwise.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shippedPlaybooks, shippedSamples, sampleInputs } from '../../../scripts/lib/playbook/dry-run.js';
import { Masker } from '../../../scripts/lib/playbook/mask.js';
import { readPlaybook } from '../../../scripts/lib/playbook/model.js';
import type { PlayResult } from '../../../scripts/lib/playbook/play.js';
import type { IntelFile } from '../../../scripts/lib/playbook/intel.js';
import { readInstall } from '../../../scripts/lib/playbook/load.js';
import { alertRequest } from '../../../scripts/lib/playbook/triggers/request.js';
import { playServiceTrigger } from '../../../scripts/lib/playbook/triggers/service-trigger.js';
import type { Fire } from '../../../scripts/lib/playbook/triggers/outcome.js';
import { parseManifest } from '../../../app/config/manifest.js';
import { defaultIntel, HTTP_LINK, playSample, ROOT, SERVICE, template } from './helpers.js';

const OWNER = 'Alert Intake Suspicious Indicators';
type Effects = PlayResult['effects'];

const strip = (e: Effects) => ({
  created: e.created.map(({ job: _j, ...rest }) => rest),
  skipped: e.skipped,
  notifications: e.notifications.map(({ job: _j, ...rest }) => rest),
});

/** What the trigger fired for a sample: the real pipeline's outputs, as the playbook receives them. */
async function fires(sample: string): Promise<Fire[]> {
  const doc = template(SERVICE);
  const def = readPlaybook(doc);
  // Ask for the normalised alert too (the template itself does not use it).
  const asking = { ...def.raw, note: '#Trigger:100:alert_intake.results.alert.json!String' };
  const outcome = await playServiceTrigger(
    asking,
    def.triggers[0]!,
    alertRequest(readFileSync(join(ROOT, sample)), []),
    sampleInputs(ROOT, sample),
    parseManifest(readInstall(ROOT), 'install.json'),
    new Masker(),
    { sign: true },
  );
  return outcome.kind === 'fired' ? outcome.fires : [];
}

/** The effects a careful analyst expects from the fired alerts, given what ThreatConnect knows. */
function expected(fired: Fire[], intel: IntelFile): ReturnType<typeof strip> {
  const known = intel.indicators.map((k) => ({ ...k }));
  const out: ReturnType<typeof strip> = { created: [], skipped: [], notifications: [] };
  for (const fire of fired) {
    const v = (name: string) => fire.variables.find((x) => x.name === name)?.value;
    const values = (v('alert_intake.results.indicators') ?? []) as string[];
    const types = (v('alert_intake.results.indicators.types') ?? []) as string[];
    if (values.length === 0) continue;
    const [id, title, source, severity] = ['id', 'title', 'source', 'severity'].map((f) => v(`alert_intake.results.alert.${f}`) as string);
    let stored = 0;
    values.forEach((value, i) => {
      const type = types[i]!;
      const matches = known.filter((k) => k.summary.toLowerCase() === value.toLowerCase());
      if (matches.length > 0) {
        const cals = matches.map((m) => m.calScore).filter((c): c is number => c !== undefined);
        const cal = cals.length ? String(Math.max(...cals)) : 'none';
        out.skipped.push({
          type,
          value,
          reason: `${type} ${value} is already known to ThreatConnect (${matches.length} match(es) in ${matches.map((m) => m.owner).join(', ')}; highest CAL score ${cal}): not stored.`,
        });
        return;
      }
      stored += 1;
      known.push({ id: 0, type, summary: value, owner: OWNER, rating: 1, confidence: 50 });
      out.created.push({
        type,
        value,
        owner: OWNER,
        rating: 1,
        confidence: 50,
        tags: ['Alert Intake'],
        attributes: [{ type: 'Source', value: `Alert Intake: ${source} alert ${id} "${title}"` }],
        updated: false,
      });
    });
    out.notifications.push({
      type: 'Alert Intake',
      priority: 'Medium',
      recipients: 'Entire Organization',
      message: `${severity} alert "${title}" (${id}) from ${source}: ${values.length} indicator(s) checked, ${stored} stored as suspicious in ${OWNER} with tag Alert Intake, ${values.length - stored} already known to ThreatConnect.`,
    });
  }
  return out;
}

const samples = shippedSamples(ROOT);

test('the shipped templates and samples are found', () => {
  assert.deepEqual(shippedPlaybooks(ROOT).sort(), [HTTP_LINK, SERVICE].sort());
  assert.ok(samples.length >= 10, `samples: ${samples.join(', ')}`);
});

for (const sample of samples) {
  test(`App Service template on ${sample}: the unknown indicators are stored, the known ones skipped, the organization notified`, async () => {
    const fired = await fires(sample);
    const result = await playSample(template(SERVICE), sample);
    assert.equal(result.ok, true, result.errors.join('\n'));
    assert.equal(result.trigger.outcome, fired.length > 0 ? 'fired' : 'responded', result.trigger.detail);
    assert.deepEqual(strip(result.effects), expected(fired, defaultIntel()));
    for (const run of result.runs) {
      const empty = run.trace.some((s) => s.name === 'Any Indicators?' && s.branch === 'Fail');
      assert.deepEqual(
        run.endedAt.map((e) => e.replace(/^.*› /, '')),
        [empty ? 'job 7 "No Indicators: Log and End"' : 'job 6 "Notify Organization"'],
      );
    }
  });

  test(`HTTP Link template on ${sample}: a vendor payload carries no "indicators" list, so the run ends at the log branch`, async () => {
    const result = await playSample(template(HTTP_LINK), sample);
    assert.equal(result.ok, true, result.errors.join('\n'));
    assert.deepEqual(strip(result.effects), { created: [], skipped: [], notifications: [] });
    assert.deepEqual(
      result.runs.map((r) => r.endedAt.map((e) => e.replace(/^.*› /, ''))),
      [['job 7 "No Indicators: Log and End"']],
    );
  });

  test(`HTTP Link template given the App Service's normalised alert for ${sample} does what the App Service template does`, async () => {
    const fired = await fires(sample);
    for (const fire of fired) {
      const json = fire.variables.find((x) => x.name === 'alert_intake.results.alert.json');
      assert.ok(json, 'the service wrote the normalised alert');
      const viaLink = await playSample(template(HTTP_LINK), sample, { body: Buffer.from(String(json.value)) });
      assert.equal(viaLink.ok, true, viaLink.errors.join('\n'));
      assert.deepEqual(strip(viaLink.effects), expected([fire], defaultIntel()));
    }
  });
}
