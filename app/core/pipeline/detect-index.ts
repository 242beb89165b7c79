/**
 * Auto-detect without trying every preset: which vendor `detect` functions can possibly match a
 * payload, learnt once from the detectors themselves.
 *
 * At start-up each detector runs once on a recording stand-in — an object that has no own keys and
 * notes every top-level key the detector asks about — and on an empty header list that notes whether
 * it is touched. A detector is deterministic and sees the payload only through such reads, so on any
 * plain-object payload that has none of the keys it asked about as its own, it makes the same reads
 * and gives the same answer as on the stand-in: false. Such a detector is skipped; all others are
 * tried in the original order. Detectors that cannot be indexed are always tried: those that list the
 * keys, throw, or match the stand-in; those that read headers when the request has any; and every
 * detector when the payload is not a plain object (an array, a text).
 */
import type { NameValue } from '../../protocol/messages.js';
import { ownKeys } from './own-keys.js';

interface Detector {
  detect?: (payload: unknown, headers: readonly NameValue[]) => boolean;
}

interface Learnt {
  /** Top-level keys the detector read (own-key checks, gets, `in`). */
  keys: Set<string>;
  readsHeaders: boolean;
  /** It listed the keys, threw, or matched the stand-in: no key set can rule it out. */
  always: boolean;
}

function learn(detect: NonNullable<Detector['detect']>): Learnt {
  const keys = new Set<string>();
  let always = false;
  let readsHeaders = false;
  const note = (key: string | symbol) => {
    if (typeof key === 'string') keys.add(key);
  };
  const payload = new Proxy(
    {},
    {
      get: (target, key) => (note(key), Reflect.get(target, key)),
      has: (target, key) => (note(key), Reflect.has(target, key)),
      getOwnPropertyDescriptor: (target, key) => (note(key), Reflect.getOwnPropertyDescriptor(target, key)),
      ownKeys: (target) => ((always = true), Reflect.ownKeys(target)),
    },
  );
  const headers = new Proxy([] as NameValue[], {
    get: (target, key) => ((readsHeaders = true), Reflect.get(target, key)),
    has: (target, key) => ((readsHeaders = true), Reflect.has(target, key)),
    ownKeys: (target) => ((readsHeaders = true), Reflect.ownKeys(target)),
  });
  try {
    if (detect(payload, headers)) always = true;
  } catch {
    always = true;
  }
  return { keys, readsHeaders, always };
}

export interface DetectionIndex<P> {
  /** The presets whose detector may match, in the original order (a shared array: do not modify). */
  candidates(payload: unknown, headers: readonly NameValue[]): readonly P[];
}

const MAX_REMEMBERED_SETS = 256;

export function createDetectionIndex<P extends Detector>(presets: readonly P[]): DetectionIndex<P> {
  const withDetect = presets.filter((p) => p.detect !== undefined);
  if (withDetect.length > 30) throw new Error('the detection index holds at most 30 detectors');
  const byKey = new Map<string, number>();
  let alwaysMask = 0;
  let headersMask = 0;
  withDetect.forEach((p, i) => {
    const bit = 1 << i;
    const learnt = learn(p.detect!);
    if (learnt.always) alwaysMask |= bit;
    if (learnt.readsHeaders) headersMask |= bit;
    for (const key of learnt.keys) byKey.set(key, (byKey.get(key) ?? 0) | bit);
  });
  const all = (1 << withDetect.length) - 1;
  const remembered = new Map<number, readonly P[]>();
  const presetsOf = (mask: number): readonly P[] => {
    let list = remembered.get(mask);
    if (!list) {
      list = withDetect.filter((_, i) => (mask & (1 << i)) !== 0);
      if (remembered.size < MAX_REMEMBERED_SETS) remembered.set(mask, list);
    }
    return list;
  };
  return {
    candidates(payload, headers) {
      if (payload === null || typeof payload !== 'object' || Array.isArray(payload) || Object.getPrototypeOf(payload) !== Object.prototype)
        return presetsOf(all);
      let mask = alwaysMask | (headers.length > 0 ? headersMask : 0);
      for (const key of ownKeys(payload)) mask |= byKey.get(key) ?? 0;
      return presetsOf(mask);
    },
  };
}
