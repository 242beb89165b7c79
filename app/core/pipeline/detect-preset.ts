/** Auto-detect: the first vendor preset whose `detect` recognises the payload, else Generic JSON. */
import type { NameValue } from '../../protocol/messages.js';
import { AUTO_DETECT, genericJson, VENDOR_PRESETS, type Preset } from '../presets/index.js';
import { createDetectionIndex } from './detect-index.js';

/** Only the detectors that can match a payload are tried (detect-index.ts), in the same order. */
const index = createDetectionIndex(VENDOR_PRESETS);

export function detectPreset(payload: unknown, headers: readonly NameValue[]): Preset {
  for (const p of index.candidates(payload, headers)) {
    try {
      if (p.detect?.(payload, headers)) return p;
    } catch {
      // A detector never decides by throwing; try the next one.
    }
  }
  return genericJson;
}

/** The preset for this request: the trigger's own, or the detected one under Auto-detect. */
export const presetFor = (configured: Preset, payload: unknown, headers: readonly NameValue[]): Preset =>
  configured === AUTO_DETECT ? detectPreset(payload, headers) : configured;
