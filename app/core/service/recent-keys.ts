/**
 * The request keys of the most recent webhook events, oldest forgotten first: MQTT QoS 1 delivers
 * at least once, so after a broker restart the platform's WebhookEvent can arrive twice; the second copy is
 * recognised here and not processed (or answered) again. Bounded by `max` entries.
 */
export interface RecentKeys {
  /** True when `key` was seen among the last `max` keys; remembers it either way. */
  seen(key: string): boolean;
  readonly size: number;
}

export function createRecentKeys(max: number): RecentKeys {
  const keys = new Set<string>();
  return {
    seen(key) {
      if (keys.has(key)) return true;
      keys.add(key);
      if (keys.size > max) keys.delete(keys.values().next().value!);
      return false;
    },
    get size() {
      return keys.size;
    },
  };
}
