/**
 * Google Cloud Pub/Sub push envelope: {message: {data: <base64>, attributes, messageId, publishTime},
 * subscription}. The message data is decoded (base64, then JSON when it is JSON, depth-limited and
 * prototype-safe) and becomes the payload; anything else is left as it came.
 * https://cloud.google.com/pubsub/docs/push
 */
import { looksLikeJson, parseJsonText } from './safe-json.js';

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function unwrapPubSub(payload: unknown, maxDepth: number): unknown {
  if (!isRecord(payload) || !isRecord(payload.message) || typeof payload.subscription !== 'string') return payload;
  const data = payload.message.data;
  if (typeof data !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(data)) return payload;
  const text = Buffer.from(data.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  if (!looksLikeJson(text)) return payload;
  const parsed = parseJsonText(text, maxDepth);
  return parsed.ok ? parsed.value : payload;
}
