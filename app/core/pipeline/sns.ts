/**
 * AWS SNS HTTP(S) envelopes (Notification, SubscriptionConfirmation, UnsubscribeConfirmation). SNS
 * posts them as `text/plain`; recognised by shape (Type, MessageId, TopicArn strings), whatever the
 * content type. A Notification's Message is the alert: JSON when it parses as an object or array, else text.
 */
import { looksLikeJson, parseJsonText } from './safe-json.js';

export interface SnsEnvelope {
  type: string;
  messageId: string;
  topicArn: string;
  subject?: string;
  subscribeUrl?: string;
}

export const SNS_TYPES: ReadonlySet<string> = new Set(['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation']);

export function snsEnvelope(value: unknown): SnsEnvelope | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.Type !== 'string' || !SNS_TYPES.has(v.Type) || typeof v.MessageId !== 'string' || typeof v.TopicArn !== 'string') return null;
  if (!v.TopicArn.startsWith('arn:')) return null;
  return {
    type: v.Type,
    messageId: v.MessageId,
    topicArn: v.TopicArn,
    ...(typeof v.Subject === 'string' ? { subject: v.Subject } : {}),
    ...(typeof v.SubscribeURL === 'string' ? { subscribeUrl: v.SubscribeURL } : {}),
  };
}

export type SnsMessage = { kind: 'json'; value: unknown; text: string } | { kind: 'text'; value: string; text: string } | { kind: 'empty' };

/** A Notification's Message as a body. */
export function snsMessage(envelope: unknown, maxDepth: number): SnsMessage {
  const message = (envelope as Record<string, unknown>).Message;
  if (typeof message !== 'string' || message === '') return { kind: 'empty' };
  if (looksLikeJson(message)) {
    const inner = parseJsonText(message, maxDepth);
    if (inner.ok) return { kind: 'json', value: inner.value, text: message };
  }
  return { kind: 'text', value: message, text: message };
}
