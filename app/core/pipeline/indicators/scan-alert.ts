/**
 * The seam between an alert item and its indicators: which strings of the item are scanned (the
 * alert's evidence, never the alerting tool's own metadata) and where each indicator came from.
 *
 * Contract (callers rely on it):
 * - `scanAlert(item, options)` never throws and runs in time linear in the item's size.
 * - Each indicator carries `field`: the JSON path (`$.a.b[0]['odd key']`) of the first string it was
 *   read from.
 * - `evidence` (JSONPaths on the item): when given, only strings under those paths are scanned.
 * - `metadata` (key names, case-insensitive, or JSONPaths): subtrees never scanned.
 * - Always: the generic key rule (field-rules.ts) skips ids, keys, versions, the tool's links and
 *   people; a bare hex string is a hash only in a hash-named field or an evidence container.
 * - `allowList` already holds the user's list merged with the preset's vendor domains; the tool's
 *   own hosts, learnt from its skipped links and `toolLinks` (tool-hosts.ts), are dropped too, and so
 *   is everything under the customer's own domain those hosts tell (a self-hosted tool's domain).
 * - `reportUrlHosts`: each reported URL's host is also reported as a Host (unless allow-listed,
 *   private or a cloud host), or as an Address when the host is an address.
 * Rules and limits: docs/indicators.md.
 */
import { extractFrom, type Indicator, type IndicatorType } from './extract-indicators.js';
import { normaliseAllowList, normaliseHost } from './host-name.js';
import { formatPath } from './json-path.js';
import { ownDomains, toolHosts } from './tool-hosts.js';
import { type ScanText, walkItem } from './walk-item.js';

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
  /** Links of the tool itself known from the alert's fields (its own console link): their hosts are tool hosts. */
  toolLinks?: readonly string[];
  /** Host names of the affected asset itself (the preset's `assets`): dropped, and their domains as the tool hosts'. */
  ownHosts?: readonly string[];
}

export interface FoundIndicator extends Indicator {
  field: string;
}

export function scanAlert(item: unknown, options: ScanOptions): FoundIndicator[] {
  try {
    const { texts, links } = walkItem(item, options);
    for (const value of options.toolLinks ?? []) if (value) links.push({ value, named: true });
    const hosts = toolHosts(links);
    for (const raw of options.ownHosts ?? []) {
      const h = normaliseHost(raw.trim(), 'text');
      if (h) hosts.add(h);
    }
    const allowList = [...options.allowList, ...ownDomains(hosts, normaliseAllowList(options.allowList))];
    // Up to maxIndicators indicators may come from one text: its path is written out once.
    let last: ScanText | undefined;
    let field = '';
    return extractFrom(texts, { ...options, allowList, toolHosts: hosts }).map(({ type, value, source }) => {
      if (source !== last) {
        last = source;
        field = formatPath(source.path);
      }
      return { type, value, field };
    });
  } catch {
    // Defensive: the walk and the scanners do not throw on any JSON value; a getter-laden object might.
    return [];
  }
}
