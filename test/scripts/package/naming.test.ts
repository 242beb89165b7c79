import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appFolderKey, summariseName } from '../../../scripts/lib/package/app-folder-key.js';
import { submissionFolderName } from '../../../scripts/lib/package/submission-folder-name.js';
import { parseInstallFacts } from '../../../scripts/lib/package/install-facts.js';
import { PackagingError } from '../../../scripts/lib/package/packaging-error.js';
import { packageDate, ZIP_EPOCH } from '../../../scripts/lib/package/package-date.js';

const base = { displayName: 'Alert Intake', programVersion: '1.0.0', programLanguage: 'PYTHON', programMain: 'run', runtimeLevel: 'WebhookTriggerService' };

test('the folder key is the TCVW_-_ prefix, the summarised display name and the major version', () => {
  assert.equal(appFolderKey(parseInstallFacts(base)), 'TCVW_-_alert_intake_v1');
  assert.equal(summariseName('  ACME Threat-Monitor (ES) '), 'acme_threat_monitor_es');
});

test('minor and patch releases keep the folder key; a major release changes it', () => {
  const key = (programVersion: string) => appFolderKey(parseInstallFacts({ ...base, programVersion }));
  assert.equal(key('1.4.2'), key('1.0.0'));
  assert.equal(key('1.0.0-rc.1'), 'TCVW_-_alert_intake_v1');
  assert.equal(key('2.0.0'), 'TCVW_-_alert_intake_v2');
});

test('the runtime level picks the prefix case-insensitively; an unknown level is a clear error', () => {
  assert.equal(appFolderKey(parseInstallFacts({ ...base, runtimeLevel: 'webhooktriggerservice' })), 'TCVW_-_alert_intake_v1');
  assert.equal(appFolderKey(parseInstallFacts({ ...base, runtimeLevel: 'Playbook' })), 'TCPB_-_alert_intake_v1');
  assert.throws(
    () => appFolderKey(parseInstallFacts({ ...base, runtimeLevel: 'Organization' })),
    (e: unknown) => e instanceof PackagingError && /runtimeLevel/.test(e.message),
  );
});

test('bad install.json facts are reported, never crash', () => {
  for (const doc of [null, [], 'x', { ...base, programVersion: 'one' }, { ...base, displayName: '' }, { ...base, programMain: 7 }]) {
    assert.throws(() => parseInstallFacts(doc), PackagingError);
  }
});

test('the submission folder is the display name without characters file systems reject', () => {
  assert.equal(submissionFolderName({ displayName: 'Alert Intake' }), 'Alert Intake');
  assert.equal(submissionFolderName({ displayName: 'A/B: "C"?' }), 'A B C');
});

test('zip timestamps: SOURCE_DATE_EPOCH when valid, else 1980-01-01; even seconds, zip range', () => {
  assert.equal(packageDate(undefined).getTime(), ZIP_EPOCH.getTime());
  assert.equal(packageDate('garbage').getTime(), ZIP_EPOCH.getTime());
  assert.equal(packageDate('0').getTime(), ZIP_EPOCH.getTime());
  assert.equal(packageDate('1700000001').toISOString(), '2023-11-14T22:13:20.000Z');
});
