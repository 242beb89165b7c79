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
  /**
   * Indicator provenance. evidence: JSONPaths (on one alert item) whose strings are scanned; absent:
   * the whole item. metadata: key names (case-insensitive, any depth) or JSONPaths whose subtrees are
   * the alerting tool's own ids, links and people: never scanned. allowDomains: the vendor's own
   * domains, merged with the user's allow-list.
   */
  evidence?: string[];
  metadata?: string[];
  allowDomains?: string[];
  /** Sample payload under samples/. */
  sample: string;
}
