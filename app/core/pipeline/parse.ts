/**
 * parse: raw bytes → a typed body. JSON (depth-limited, prototype-safe), form-urlencoded (a JSON
 * `payload=` field becomes the JSON body), text/*, gzip/deflate content-encoding with a bounded
 * decompressed size, AWS SNS Notification envelopes unwrapped. Anything else stays binary. Never throws.
 */
import { gunzipSync, inflateSync, inflateRawSync } from 'node:zlib';
import type { NameValue } from '../../protocol/messages.js';
import { headerValue } from './headers.js';

export type ParsedBody =
  | { kind: 'json'; value: unknown; text: string }
  | { kind: 'form'; value: Record<string, string | string[]>; text: string }
  | { kind: 'text'; value: string; text: string }
  | { kind: 'binary'; bytes: Buffer }
  | { kind: 'empty' };

export interface SnsEnvelope {
  type: string;
  messageId: string;
  topicArn: string;
  subject?: string;
  subscribeUrl?: string;
}

export type ParseResult =
  | { ok: true; body: ParsedBody; sns?: SnsEnvelope }
  | { ok: false; reason: 'body_too_large' | 'unparsable' | 'unsupported_encoding'; detail: string };

export interface ParseLimits {
  maxBytes: number;
  maxDecodedBytes: number;
  maxDepth: number;
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Nesting depth of a JSON text, counted without parsing (so a hostile text cannot blow the stack). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) max = Math.max(max, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/** JSON.parse that drops keys able to reach an object's prototype. */
export function safeJsonParse(text: string): unknown {
  return JSON.parse(text, (key, value: unknown) => (UNSAFE_KEYS.has(key) ? undefined : value));
}

function decodeUtf8(bytes: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function decompress(body: Buffer, encoding: string, limit: number): { ok: true; bytes: Buffer } | { ok: false; reason: 'body_too_large' | 'unsupported_encoding' | 'unparsable'; detail: string } {
  const enc = encoding.trim().toLowerCase();
  if (enc === '' || enc === 'identity') return { ok: true, bytes: body };
  try {
    if (enc === 'gzip' || enc === 'x-gzip') return { ok: true, bytes: gunzipSync(body, { maxOutputLength: limit }) };
    if (enc === 'deflate') {
      try {
        return { ok: true, bytes: inflateSync(body, { maxOutputLength: limit }) };
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw err;
        return { ok: true, bytes: inflateRawSync(body, { maxOutputLength: limit }) };
      }
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || (err instanceof RangeError)) {
      return { ok: false, reason: 'body_too_large', detail: `the body decompresses to more than ${limit} bytes` };
    }
    return { ok: false, reason: 'unparsable', detail: `the body is not valid ${enc} data` };
  }
  return { ok: false, reason: 'unsupported_encoding', detail: `content-encoding ${enc.slice(0, 40)} is not supported (gzip, deflate)` };
}

function parseJsonText(text: string, limits: ParseLimits): { ok: true; value: unknown } | { ok: false; detail: string } {
  if (jsonDepth(text) > limits.maxDepth) return { ok: false, detail: `JSON nested deeper than ${limits.maxDepth} levels` };
  try {
    return { ok: true, value: safeJsonParse(text) };
  } catch (err) {
    return { ok: false, detail: `invalid JSON: ${err instanceof Error ? err.message.slice(0, 120) : 'parse error'}` };
  }
}

function unwrapSns(value: unknown, limits: ParseLimits): { body: ParsedBody; sns: SnsEnvelope } | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.Type !== 'string' || typeof v.TopicArn !== 'string' || typeof v.MessageId !== 'string') return null;
  const sns: SnsEnvelope = {
    type: v.Type,
    messageId: v.MessageId,
    topicArn: v.TopicArn,
    ...(typeof v.Subject === 'string' ? { subject: v.Subject } : {}),
    ...(typeof v.SubscribeURL === 'string' ? { subscribeUrl: v.SubscribeURL } : {}),
  };
  if (v.Type !== 'Notification' || typeof v.Message !== 'string') return { body: { kind: 'json', value, text: JSON.stringify(value) }, sns };
  const inner = parseJsonText(v.Message, limits);
  return inner.ok && inner.value !== null && typeof inner.value === 'object'
    ? { body: { kind: 'json', value: inner.value, text: v.Message }, sns }
    : { body: { kind: 'text', value: v.Message, text: v.Message }, sns };
}

export function parseBody(body: Buffer | null, headers: NameValue[], limits: ParseLimits): ParseResult {
  if (body === null || body.length === 0) return { ok: true, body: { kind: 'empty' } };
  if (body.length > limits.maxBytes) return { ok: false, reason: 'body_too_large', detail: `the body is ${body.length} bytes; the limit is ${limits.maxBytes}` };
  const decoded = decompress(body, headerValue(headers, 'Content-Encoding') ?? '', limits.maxDecodedBytes);
  if (!decoded.ok) return decoded;
  const bytes = decoded.bytes;
  const contentType = (headerValue(headers, 'Content-Type') ?? '').toLowerCase();
  const text = decodeUtf8(bytes);
  if (text === null) return { ok: true, body: { kind: 'binary', bytes } };

  const trimmed = text.trimStart();
  const looksJson = trimmed.startsWith('{') || trimmed.startsWith('[');
  if (contentType.includes('json') || ((contentType === '' || contentType.startsWith('text/plain') || contentType.includes('octet-stream')) && looksJson)) {
    const parsed = parseJsonText(text, limits);
    if (!parsed.ok) {
      if (contentType.includes('json')) return { ok: false, reason: 'unparsable', detail: parsed.detail };
      return { ok: true, body: { kind: 'text', value: text, text } };
    }
    const sns = unwrapSns(parsed.value, limits);
    if (sns) return { ok: true, body: sns.body, sns: sns.sns };
    return { ok: true, body: { kind: 'json', value: parsed.value, text } };
  }
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    const form: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
    for (const [k, v] of new URLSearchParams(text)) {
      if (UNSAFE_KEYS.has(k)) continue;
      const prev = form[k];
      form[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    const payload = form.payload;
    if (typeof payload === 'string') {
      const parsed = parseJsonText(payload, limits);
      if (parsed.ok) return { ok: true, body: { kind: 'json', value: parsed.value, text: payload } };
    }
    return { ok: true, body: { kind: 'form', value: form, text } };
  }
  if (contentType.startsWith('text/') || contentType === '' || contentType.includes('xml')) return { ok: true, body: { kind: 'text', value: text, text } };
  return { ok: true, body: { kind: 'binary', bytes } };
}
