import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../../scripts/lib/validate/finding.js';

const here = dirname(fileURLToPath(import.meta.url));
/** build/test/scripts/validate → repo root. */
export const REPO = resolve(here, '../../../..');
export const FIXTURES = resolve(REPO, 'test/fixtures/validate');

export const fixture = <T = Record<string, unknown>>(name: string): T => JSON.parse(readFileSync(resolve(FIXTURES, name), 'utf8')) as T;
export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
export const errorRules = (findings: Finding[]) => [...new Set(findings.filter((f) => f.severity === 'error').map((f) => f.rule))].sort();
export const allRules = (findings: Finding[]) => [...new Set(findings.map((f) => f.rule))].sort();
