/**
 * The alerting tool's own hosts, learnt from the item: the hosts of the links the key rule skipped
 * (walk-item.ts) when the link's key names what it links to (`generatorURL`, `silenceURL`, `html_url`,
 * `incidentWebUrl`), when the preset declares the key metadata (Kibana `context.link`, Splunk
 * `results_link`), when the link is the alert's own link, or when two or more such links share the host
 * (PagerDuty's `self`s). A self-hosted Grafana, Kibana or Splunk has no vendor domain to allow-list; its
 * links also turn up in free text (a rendered message, a description), and there they are dropped too:
 * a URL on a tool host is not reported, nor is the host. One bare `url` (a phishing URL in a generic
 * alert) teaches nothing.
 *
 * A self-hosted tool also tells the customer's own domain: `grafana.acme-corp.com` sits in
 * `acme-corp.com`, and so do the monitored hosts its alerts name (`bastion-01.corp.acme-corp.com`).
 * `ownDomains` gives the registrable domain of each tool host that is a name (not an address), not a
 * shared cloud host (cloud-hosts.ts: a tenant name there is no customer domain), not a vendor's
 * allow-listed console and not single-label; the scanner treats those domains as allow-listed.
 */
import { isCloudHost } from './cloud-hosts.js';
import { isAllowListed, normaliseAllowList } from './host-name.js';
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

/** Second-level labels under a two-letter country code that are public suffixes (`co.uk`, `com.au`). */
const COUNTRY_SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'ac', 'edu', 'ne', 'or', 'go', 'gob', 'mil']);

/** The registrable domain of a host name: its last two labels, three under `co.uk`-like suffixes; null for a single label. */
export function registrableDomain(host: string): string | null {
  const labels = host.split('.');
  if (labels.length < 2 || labels.some((l) => l === '')) return null;
  const tld = labels[labels.length - 1]!;
  const second = labels[labels.length - 2]!;
  const n = tld.length === 2 && COUNTRY_SECOND_LEVEL.has(second) ? 3 : 2;
  return labels.length < n ? null : labels.slice(-n).join('.');
}

/**
 * The customer's own domains: the registrable domains of the tool hosts that are names, not cloud
 * hosts and not already allow-listed (`allowList`, canonical: a vendor's SaaS console such as
 * `console.cloud.google.com` or `security.microsoft.com` is no customer domain, and `google.com` must
 * not hide a phishing form on `docs.google.com`).
 */
export function ownDomains(hosts: ReadonlySet<string>, allowList: readonly string[] = []): string[] {
  const out = new Set<string>();
  for (const h of hosts) {
    if (canonicalAddress(h) || isCloudHost(h) || isAllowListed(h, allowList)) continue;
    const d = registrableDomain(h);
    if (d) out.add(d);
  }
  return [...out];
}
