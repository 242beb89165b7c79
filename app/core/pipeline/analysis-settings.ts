/**
 * Trigger settings as they travel to the analysis worker: plain data. The preset (which holds
 * functions) goes by name and is looked up again on the other side; the authentication settings
 * (secrets) do not go at all — the analysis never authenticates.
 */
import { presetByName } from '../presets/index.js';
import type { TriggerSettings } from '../trigger/settings.js';

export type AnalysisSettings = Omit<TriggerSettings, 'preset' | 'auth'> & { presetName: string };

export function toAnalysisSettings(settings: TriggerSettings): AnalysisSettings {
  const { preset, auth: _auth, ...rest } = settings;
  return { ...rest, presetName: preset.name };
}

/** The settings again, with the same preset object as this thread's own (Auto-detect is compared by identity). */
export function fromAnalysisSettings(wire: AnalysisSettings): TriggerSettings {
  const { presetName, ...rest } = wire;
  const preset = presetByName(presetName);
  if (!preset) throw new Error(`unknown preset ${JSON.stringify(presetName.slice(0, 60))}`);
  return { ...rest, preset, auth: { mode: 'none' } };
}
