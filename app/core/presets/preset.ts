/** A source preset: where each normalised field lives in that source's payload (JSONPath). */
import type { NumericScale } from '../pipeline/severity.js';

export interface Preset {
  name: string;
  /** JSONPath to the list of alerts in a batch payload; absent: the payload (or a root array) is the alert list. */
  items?: string;
  /** Candidate JSONPath expressions per field, tried in order, evaluated on one alert item. */
  fields: {
    id: string[];
    title: string[];
    severity: string[];
    description: string[];
    timestamp: string[];
    link: string[];
    source?: string[];
  };
  /** The source name used when the payload does not say. */
  source: string;
  numericSeverity: NumericScale;
  /** Sample payload under samples/. */
  sample: string;
}
