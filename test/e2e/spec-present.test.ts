/**
 * Makes a missing protocol spec visible in the test summary: without ../shared the e2e tests still
 * run but cannot check messages against services-specification.json (under CI=true they fail).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { SPEC_PATH } from './harness/spec.js';

const missing = existsSync(SPEC_PATH) ? false : `${SPEC_PATH} not found: e2e messages are not checked against the spec`;

test('the e2e tests check every message against services-specification.json', { skip: process.env.CI === 'true' ? false : missing }, () => {
  assert.ok(existsSync(SPEC_PATH), `${SPEC_PATH} is missing (../shared must sit beside the repo)`);
});
