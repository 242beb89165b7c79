/**
 * The alerting tool's own hosts, learnt from the item: the hosts of the links the key rule skipped
 * (walk-item.ts) when the link's key names what it links to (`generatorURL`, `silenceURL`, `html_url`,
 * `incidentWebUrl`) or when two or more such links share the host (PagerDuty's `self`s). A self-hosted
 * Grafana, Kibana or Splunk has no vendor domain to allow-list; its links also turn up in free text
 * (a rendered message, a description), and there they are dropped too: a URL on a tool host is not
 * reported, nor is the host. One bare `url` (a phishing URL in a generic alert) teaches nothing.
 */
import { canonicalAddress } from './ip-address.js';
import type { ToolLink } from './walk-item.js';

const MAX_LINK = 4096;

function hostOf(link: string): string | null {
  if (link.length > MAX_LINK || !link.includes('://')) return null;
  try {
    const h = new URL(link.trim()).hostname.toLowerCase();
    return h ? (canonicalAddress(h) ?? h.replace(/\.$/, '')) : null;
  } catch {
    return null;
  }
}

export function toolHosts(links: readonly ToolLink[]): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const { value, named } of links) {
    const h = hostOf(value);
    if (!h) continue;
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    if (named || n >= 2) out.add(h);
  }
  return out;
}
