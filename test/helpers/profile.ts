/**
 * Profiles: one JSON file per case — trigger inputs, a request, the expected decision and outputs —
 * played either in-process against the alert app or through the simulator against the real
 * service process. The format follows ThreatConnect's profile idea (inputs + request + outputs with
 * operators), adapted to webhook decisions.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { signRequest, type SignOptions } from '../../app/core/pipeline/auth/sign.js';
import type { NameValue } from '../../app/protocol/messages.js';

export type Op = 'eq' | 'ne' | 'jeq' | 'contains' | 'regex' | 'ge' | 'le' | 'len' | 'exists' | 'absent';
export interface Check {
  op: Op;
  value?: unknown;
}

export interface Profile {
  name: string;
  file: string;
  trigger: { inputs: Record<string, unknown>; outputs?: string[] };
  request: {
    method?: string;
    path?: string;
    query?: Array<[string, string]>;
    headers?: Array<[string, string]>;
    body?: unknown;
    bodyText?: string;
    bodyBase64?: string;
    bodyFile?: string;
    /** signRequest's options as a profile file writes them: the mode by name, the clock as an offset. */
    sign?: Omit<SignOptions, 'mode' | 'body' | 'nowSeconds'> & { mode: string; offsetSeconds?: number };
    repeat?: number;
  };
  expect: Expectation;
  expectRepeat?: Expectation;
}

export interface Expectation {
  status: number;
  decision: 'fired' | 'responded';
  fires?: number;
  body?: Record<string, Check>;
  outputs?: Record<string, Check>;
  outputsByFire?: Array<Record<string, Check>>;
}

/** What a runner observed for one request. */
export interface Outcome {
  status: number;
  decision: 'fired' | 'responded';
  body: unknown;
  fires: Array<Record<string, unknown>>;
}

export const REPO = resolve(new URL('.', import.meta.url).pathname, '../../..');
export const PROFILE_DIR = join(REPO, 'test/profiles');

export function loadProfiles(): Profile[] {
  return readdirSync(PROFILE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ ...(JSON.parse(readFileSync(join(PROFILE_DIR, f), 'utf8')) as Omit<Profile, 'file'>), file: f }));
}

export interface BuiltRequest {
  method: string;
  path: string;
  query: NameValue[];
  headers: NameValue[];
  body: Buffer;
}

export function buildRequest(p: Profile): BuiltRequest {
  const r = p.request;
  const body =
    r.bodyFile !== undefined
      ? readFileSync(join(REPO, r.bodyFile))
      : r.bodyBase64 !== undefined
        ? Buffer.from(r.bodyBase64, 'base64')
        : r.bodyText !== undefined
          ? Buffer.from(r.bodyText, 'utf8')
          : r.body !== undefined
            ? Buffer.from(JSON.stringify(r.body))
            : Buffer.alloc(0);
  const headers: NameValue[] = (r.headers ?? [['Content-Type', 'application/json']]).map(([name, value]) => ({ name, value }));
  if (r.sign) {
    const { offsetSeconds = 0, ...sign } = r.sign;
    headers.push(...signRequest({ ...sign, mode: sign.mode as SignOptions['mode'], body, nowSeconds: Date.now() / 1000 + offsetSeconds }));
  }
  return { method: r.method ?? 'POST', path: r.path ?? '', query: (r.query ?? []).map(([name, value]) => ({ name, value })), headers, body };
}

function check(actual: unknown, c: Check, where: string): void {
  const msg = `${where}: ${c.op} ${JSON.stringify(c.value)} vs ${JSON.stringify(actual)?.slice(0, 300)}`;
  switch (c.op) {
    case 'eq':
      assert.equal(actual, c.value, msg);
      break;
    case 'ne':
      assert.notEqual(actual, c.value, msg);
      break;
    case 'jeq':
      assert.deepEqual(actual, c.value, msg);
      break;
    case 'contains':
      assert.ok(
        typeof actual === 'string'
          ? actual.includes(String(c.value))
          : Array.isArray(actual) && actual.some((x) => JSON.stringify(x) === JSON.stringify(c.value)),
        msg,
      );
      break;
    case 'regex':
      assert.match(String(actual), new RegExp(String(c.value)), msg);
      break;
    case 'ge':
      assert.ok(Number(actual) >= Number(c.value), msg);
      break;
    case 'le':
      assert.ok(Number(actual) <= Number(c.value), msg);
      break;
    case 'len':
      assert.equal((actual as { length?: number } | undefined)?.length, c.value, msg);
      break;
    case 'exists':
      assert.ok(actual !== undefined && actual !== null, msg);
      break;
    case 'absent':
      assert.ok(actual === undefined, msg);
      break;
  }
}

export function assertOutcome(p: Profile, outcome: Outcome, e: Expectation, label = ''): void {
  const where = `${p.file}${label}`;
  assert.equal(outcome.status, e.status, `${where}: status (body ${JSON.stringify(outcome.body)?.slice(0, 300)})`);
  assert.equal(outcome.decision, e.decision, `${where}: decision`);
  if (e.fires !== undefined) assert.equal(outcome.fires.length, e.fires, `${where}: number of fires`);
  for (const [k, c] of Object.entries(e.body ?? {})) check((outcome.body as Record<string, unknown> | null)?.[k], c, `${where} body.${k}`);
  for (const [k, c] of Object.entries(e.outputs ?? {})) check(outcome.fires[0]?.[k], c, `${where} output ${k}`);
  (e.outputsByFire ?? []).forEach((checks, i) => {
    for (const [k, c] of Object.entries(checks)) check(outcome.fires[i]?.[k], c, `${where} fire ${i} output ${k}`);
  });
}
