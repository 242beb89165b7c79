/**
 * TCPB - IndicatorCreate v1.1: creates `resource_values` (one value, or a list) of `resource_type`
 * in `owner` with threat rating (0–5), confidence (0–100), `tags` (comma-separated) and
 * `attributes` (type → value). Recorded as an effect, and added to the intel so later look-ups in
 * the same play see it. A bad type, rating or confidence fails the job.
 */
import { AppFailure } from '../errors.js';
import { INDICATOR_TYPES } from '../intel.js';
import { asText } from '../params.js';
import type { AppImpl } from './app.js';

function bounded(text: string, name: string, max: number, integer: boolean): number {
  const n = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n > max || (integer && !Number.isInteger(n))) {
    throw new AppFailure(`${name} ${JSON.stringify(text)} must be ${integer ? 'an integer' : 'a number'} from 0 to ${max}`);
  }
  return n;
}

export const indicatorCreate: AppImpl = ({ params, run, intel, label }) => {
  const owner = params.text('owner', { required: true }).trim();
  const type = params.text('resource_type', { required: true }).trim();
  if (!INDICATOR_TYPES.includes(type))
    throw new AppFailure(`resource_type ${JSON.stringify(type)} is not a ThreatConnect indicator type (${INDICATOR_TYPES.join(', ')})`);
  const rawValues = params.value('resource_values');
  const values = (Array.isArray(rawValues) ? rawValues.map(asText) : asText(rawValues).split(/\r?\n/)).map((v) => v.trim()).filter(Boolean);
  if (values.length === 0) throw new AppFailure('resource_values resolved to no indicator value');
  const ratingText = params.text('rating');
  const confidenceText = params.text('confidence');
  const rating = ratingText.trim() === '' ? 0 : bounded(ratingText, 'rating', 5, false);
  const confidence = confidenceText.trim() === '' ? 0 : bounded(confidenceText, 'confidence', 100, true);
  const tags = params
    .text('tags')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const attributes = params.kvList('attributes').map((a) => ({ type: a.key, value: asText(a.value) }));
  params.value('associations');
  for (const value of values) {
    const { existed } = intel.store(type, value, owner, rating, confidence);
    run.created.push({ type, value, owner, rating, confidence, tags, attributes, updated: existed, job: label });
  }
  return { outputs: [], note: `${values.length} indicator(s) ${values.join(', ')} in ${owner}` };
};
