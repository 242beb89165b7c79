/** Every profile under test/profiles, played in-process against the alert app (memory KV). */
import { test } from 'node:test';
import { assertOutcome, loadProfiles } from '../helpers/profile.js';
import { runProfileInProcess } from '../helpers/run-profile-in-process.js';

for (const profile of loadProfiles()) {
  test(`profile ${profile.file}`, async () => {
    const outcomes = await runProfileInProcess(profile);
    assertOutcome(profile, outcomes[0]!, profile.expect);
    if (profile.expectRepeat) assertOutcome(profile, outcomes.at(-1)!, profile.expectRepeat, ' (repeat)');
  });
}
