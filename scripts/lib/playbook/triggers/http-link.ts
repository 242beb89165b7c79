/**
 * Plays the HTTP Link (WebHook) trigger as ThreatConnect does: the request body becomes
 * `trg.http.body` (String, or base64 when declared Binary), its headers and query parameters
 * `trg.http.header` / `trg.http.queryparam` (KeyValueArray). With basic auth enabled, a request
 * without the right credentials is answered 401 and runs nothing.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Masker } from '../mask.js';
import { isSensitiveHeader } from '../mask.js';
import { arr, isObj, jsonField, type TriggerDef } from '../model.js';
import type { Output } from '../scope.js';
import type { TriggerOutcome } from './outcome.js';
import type { AlertRequest } from './request.js';

function declaredType(trigger: TriggerDef, name: string, fallback: string): string {
  const d = arr(jsonField(trigger.raw.outputVariables))
    .filter(isObj)
    .find((o) => o.name === name);
  return typeof d?.type === 'string' ? d.type : fallback;
}

function basicAuthOk(trigger: TriggerDef, request: AlertRequest): boolean {
  if (trigger.raw.httpBasicAuthEnable !== true) return true;
  const expected = Buffer.from(
    `Basic ${Buffer.from(`${String(trigger.raw.httpBasicAuthUsername ?? '')}:${String(trigger.raw.httpBasicAuthPassword ?? '')}`).toString('base64')}`,
  );
  const given = Buffer.from(request.headers.find((h) => h.name.toLowerCase() === 'authorization')?.value ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function playHttpLinkTrigger(trigger: TriggerDef, request: AlertRequest, masker: Masker): TriggerOutcome {
  masker.add(trigger.raw.httpBasicAuthPassword);
  for (const h of request.headers) if (isSensitiveHeader(h.name)) masker.add(h.value);
  if (!basicAuthOk(trigger, request)) {
    return {
      kind: 'responded',
      status: 401,
      reason: 'auth_failed',
      detail: 'the HTTP Link trigger requires basic authentication and the request did not carry the right credentials',
      body: '',
    };
  }
  const bodyType = declaredType(trigger, 'trg.http.body', 'String');
  const variables: Output[] = [
    { name: 'trg.http.body', type: bodyType, value: bodyType === 'Binary' ? request.body.toString('base64') : request.body.toString('utf8') },
    { name: 'trg.http.header', type: 'KeyValueArray', value: request.headers.map((h) => ({ key: h.name, value: h.value })) },
    { name: 'trg.http.queryparam', type: 'KeyValueArray', value: request.query.map((q) => ({ key: q.name, value: q.value })) },
  ];
  return { kind: 'fired', fires: [{ variables, notes: {} }], detail: 'the HTTP Link trigger fires once per request' };
}
