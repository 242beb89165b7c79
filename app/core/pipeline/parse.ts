/**
 * parse: raw bytes → a typed body. Pure, never throws.
 * - size: the raw body over `maxBytes` → body_too_large; Content-Encoding undone with the decoded size
 *   bounded by `maxDecodedBytes` (decompress.ts);
 * - text: decoded strictly (UTF-8 unless the Content-Type names another charset); bytes that do not
 *   decode are kept as `binary`, never an error;
 * - JSON types (`application/json`, `*+json`): depth-limited, prototype-safe (safe-json.ts); invalid → unparsable;
 * - form-urlencoded: a record, or the JSON of its `payload=` field (Slack-style senders); a body that is
 *   JSON as a whole (what `curl -d '{…}'` sends) is read as JSON;
 * - `text/*`, XML and a missing Content-Type: JSON when it looks like JSON and parses, else text;
 * - anything else: JSON when it looks like JSON and parses, else binary;
 * - an AWS SNS envelope is recognised by shape; a Notification is unwrapped (body = its Message).
 */
import { TextDecoder } from 'node:util';
import type { NameValue } from '../../protocol/messages.js';
import { decompress } from './decompress.js';
import { parseForm } from './form.js';
import { headerValue } from './headers.js';
import { looksLikeJson, parseJsonText } from './safe-json.js';
import { snsEnvelope, snsMessage, type SnsEnvelope } from './sns.js';

export type { SnsEnvelope } from './sns.js';

export type ParsedBody =
  | { kind: 'json'; value: unknown; text: string }
  | { kind: 'form'; value: Record<string, string | string[]>; text: string }
  | { kind: 'text'; value: string; text: string }
  | { kind: 'binary'; bytes: Buffer }
  | { kind: 'empty' };

export type ParseResult =
  | { ok: true; body: ParsedBody; sns?: SnsEnvelope }
  | { ok: false; reason: 'body_too_large' | 'unparsable' | 'unsupported_encoding'; detail: string };

export interface ParseLimits {
  maxBytes: number;
  maxDecodedBytes: number;
  maxDepth: number;
}

interface MediaType {
  type: string;
  charset: string | undefined;
}

export function mediaType(contentType: string | undefined): MediaType {
  const [type = '', ...params] = (contentType ?? '').split(';');
  let charset: string | undefined;
  for (const p of params) {
    const m = /^\s*charset\s*=\s*"?([^";\s]+)"?\s*$/i.exec(p);
    if (m) charset = m[1]!.toLowerCase();
  }
  return { type: type.trim().toLowerCase(), charset };
}

const UTF8_LABELS = new Set(['utf-8', 'utf8', 'us-ascii', 'ascii', 'unicode-1-1-utf-8']);

/** Strict text decoding; null when the bytes are not valid in the charset. */
export function decodeText(bytes: Buffer, charset: string | undefined): string | null {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset && !UTF8_LABELS.has(charset) ? charset : 'utf-8', { fatal: true });
  } catch {
    decoder = new TextDecoder('utf-8', { fatal: true }); // unknown charset label: try UTF-8
  }
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

const isJsonType = (t: string) => t === 'application/json' || t === 'text/json' || t === 'application/x-json' || t.endsWith('+json');
const isFormType = (t: string) => t === 'application/x-www-form-urlencoded';
const isTextual = (t: string) => t === '' || t.startsWith('text/') || t === 'application/xml' || t.endsWith('+xml');

function jsonBody(value: unknown, text: string, maxDepth: number): ParseResult {
  const sns = snsEnvelope(value);
  if (!sns) return { ok: true, body: { kind: 'json', value, text } };
  if (sns.type !== 'Notification') return { ok: true, body: { kind: 'json', value, text }, sns };
  return { ok: true, body: snsMessage(value, maxDepth), sns };
}

export function parseBody(body: Buffer | null, headers: NameValue[], limits: ParseLimits): ParseResult {
  if (body === null || body.length === 0) return { ok: true, body: { kind: 'empty' } };
  if (body.length > limits.maxBytes)
    return { ok: false, reason: 'body_too_large', detail: `the body is ${body.length} bytes; the limit is ${limits.maxBytes}` };
  const decoded = decompress(body, headerValue(headers, 'Content-Encoding'), limits.maxDecodedBytes);
  if (!decoded.ok) return decoded;
  const bytes = decoded.bytes;
  if (bytes.length === 0) return { ok: true, body: { kind: 'empty' } };
  if (bytes.length > limits.maxDecodedBytes) return { ok: false, reason: 'body_too_large', detail: `the body is more than ${limits.maxDecodedBytes} bytes` };

  const media = mediaType(headerValue(headers, 'Content-Type'));
  const text = decodeText(bytes, media.charset);
  if (text === null) return { ok: true, body: { kind: 'binary', bytes } };

  if (isJsonType(media.type)) {
    const parsed = parseJsonText(text, limits.maxDepth);
    return parsed.ok ? jsonBody(parsed.value, text, limits.maxDepth) : { ok: false, reason: 'unparsable', detail: parsed.detail };
  }
  if (isFormType(media.type)) {
    // `curl -d '{…}'` labels a JSON body as a form: a body that is JSON as a whole is read as JSON.
    if (looksLikeJson(text)) {
      const parsed = parseJsonText(text, limits.maxDepth);
      if (parsed.ok) return jsonBody(parsed.value, text, limits.maxDepth);
      return {
        ok: false,
        reason: 'unparsable',
        detail: `the body was sent as application/x-www-form-urlencoded but looks like JSON and is not valid JSON (${parsed.detail}); send application/json`,
      };
    }
    const form = parseForm(text);
    const payload = form.payload;
    if (typeof payload === 'string' && looksLikeJson(payload)) {
      const parsed = parseJsonText(payload, limits.maxDepth);
      if (parsed.ok) return { ok: true, body: { kind: 'json', value: parsed.value, text: payload } };
    }
    return { ok: true, body: { kind: 'form', value: form, text } };
  }
  // SNS posts JSON as text/plain, and many senders mislabel JSON: try it when it looks like JSON.
  if (looksLikeJson(text)) {
    const parsed = parseJsonText(text, limits.maxDepth);
    if (parsed.ok) return jsonBody(parsed.value, text, limits.maxDepth);
  }
  if (isTextual(media.type)) return { ok: true, body: { kind: 'text', value: text, text } };
  return { ok: true, body: { kind: 'binary', bytes } };
}
