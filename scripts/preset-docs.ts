/** `node build/scripts/preset-docs.js`: prints the per-preset reference tables for docs/presets.md. */
import { presetReference } from './lib/corpus/preset-docs.js';

console.log(presetReference());
