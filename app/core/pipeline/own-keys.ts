/**
 * The own enumerable keys of an object, remembered for wide ones. A JSON object of thousands of
 * members is a dictionary-mode object in V8: each `Object.keys` or `for…in` over it collects and
 * sorts every key again (~150 ns a key: 10 ms for 65,000), and the pipeline reads an alert's objects
 * several times (title, accounts, indicators, `$..` descents). A wide object's keys are taken once
 * and kept with the object (a WeakMap: they go with it). Parsed alerts are never modified after
 * parsing, so the kept keys stay exact; a caller must not modify the array it is given.
 *
 * While no wide object is alive (counted with a FinalizationRegistry), nothing is looked up: a
 * document of small objects costs exactly `Object.keys`.
 */
export const WIDE_OBJECT_KEYS = 256;

const kept = new WeakMap<object, readonly string[]>();
let alive = 0;
const registry = new FinalizationRegistry<undefined>(() => {
  alive--;
});

export function ownKeys(o: object): readonly string[] {
  if (alive > 0) {
    const hit = kept.get(o);
    if (hit !== undefined) return hit;
  }
  const keys = Object.keys(o);
  if (keys.length >= WIDE_OBJECT_KEYS) {
    kept.set(o, keys);
    registry.register(o, undefined);
    alive++;
  }
  return keys;
}
