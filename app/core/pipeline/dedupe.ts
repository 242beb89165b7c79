/**
 * deduplicate: a claim per key in the KV store with a TTL (survives restarts, shared by replicas).
 * The claim is taken before the fire and released when the fire does not happen, so a retried
 * alert is never dropped as a duplicate of one that was not delivered.
 */
import type { KvStore } from '../ports.js';
import { asText, sha256, type NormalisedAlert } from './normalise.js';
import { evaluate } from './expressions.js';
import { itemDigest } from './item-digest.js';
import type { TriggerSettings } from '../trigger/settings.js';
import type { Preset } from '../presets/preset.js';

/**
 * The key expression's value, else the preset's dedupe parts (e.g. Grafana's fingerprint + startsAt),
 * else the payload's per-alert id, else a hash of the alert item.
 */
export function dedupeKeyOf(alert: NormalisedAlert, item: unknown, settings: TriggerSettings, preset: Preset = settings.preset): string {
  if (settings.dedupeKey) {
    const v = asText(evaluate(settings.dedupeKey, item));
    if (v !== '') return v;
  }
  if (preset.dedupe) {
    const parts = preset.dedupe.map((source) => evaluate({ language: 'JSONPath', source }, item));
    if (parts.some((v) => v !== undefined && v !== null && v !== '')) {
      return parts.map((v) => (v !== null && typeof v === 'object' ? `sha256:${sha256(JSON.stringify(v)).slice(0, 16)}` : asText(v))).join('|');
    }
  }
  if (alert.idFromPayload) return alert.id;
  return `sha256:${itemDigest(item)}`;
}

export const dedupeStoreKey = (triggerId: number, key: string) => `alert_intake:dedupe:${triggerId}:${sha256(key)}`;

/** True when this call claimed the key (first sighting in the window). */
export async function claimDedupe(kv: KvStore, triggerId: number, key: string, windowMinutes: number): Promise<boolean> {
  if (windowMinutes <= 0) return true;
  return kv.setIfAbsent(dedupeStoreKey(triggerId, key), '1', windowMinutes * 60);
}

export async function releaseDedupe(kv: KvStore, triggerId: number, key: string): Promise<void> {
  await kv.del(dedupeStoreKey(triggerId, key));
}

/** Replay protection for signed message ids (Standard Webhooks, GitHub delivery, HMAC message id). */
export async function claimMessageId(kv: KvStore, triggerId: number, messageId: string, toleranceSeconds: number): Promise<boolean> {
  return kv.setIfAbsent(`alert_intake:replay:${triggerId}:${sha256(messageId)}`, '1', Math.max(600, toleranceSeconds * 2));
}
