/** The HTTP request an alert source would send: the alert file as the body, plus headers. */
import type { NameValue } from '../../../../app/protocol/messages.js';

export interface AlertRequest {
  method: string;
  headers: NameValue[];
  query: NameValue[];
  body: Buffer;
}

export function alertRequest(body: Buffer, headers: NameValue[], query: NameValue[] = []): AlertRequest {
  const hasType = headers.some((h) => h.name.toLowerCase() === 'content-type');
  return { method: 'POST', headers: hasType ? headers : [{ name: 'Content-Type', value: 'application/json' }, ...headers], query, body };
}
