/** Auto-detect: the first vendor preset whose `detect` recognises the payload, else Generic JSON. */
import type { NameValue } from '../../protocol/messages.js';
import { AUTO_DETECT, genericJson, VENDOR_PRESETS, type Preset } from '../presets/index.js';

export function detectPreset(payload: unknown, headers: readonly NameValue[]): Preset {
  for (const p of VENDOR_PRESETS) {
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
