import { genericJson } from './generic-json.js';
import type { Preset } from './preset.js';

/**
 * Auto-detect (the default): at each request the source is recognised from the payload's shape and
 * headers (each vendor preset's `detect`, in a fixed order); Generic JSON when none matches. The
 * choice is reported in `alert_intake.results.alert.preset`. Its own fields are Generic JSON's.
 */
export const AUTO_DETECT: Preset = {
  ...genericJson,
  name: 'Auto-detect',
  docs: 'docs/presets.md#auto-detect',
  sample: 'samples/generic.json',
};
