/** A source preset: where each normalised field lives in that source's documented payload (JSONPath). */
import type { NameValue } from '../../protocol/messages.js';
import type { Severity, SeverityScale } from '../pipeline/severity.js';
import type { AlertStatus } from '../pipeline/status.js';

export interface SeverityCandidate {
  path: string;
  /** How this field's values read; a value the scale does not know falls through to the next candidate. */
  scale: SeverityScale;
}

export interface Preset {
  name: string;
  /** Earlier names of this preset still accepted in `source_preset`. */
  aliases?: string[];
  /** The vendor documentation the field map follows. */
  docs: string;
  /** JSONPaths to the list of alerts in a batch payload, tried in order; absent: the payload (or a root array) is the alert list. */
  items?: string[];
  /** Candidate JSONPath expressions per field, tried in order, evaluated on one alert item. */
  fields: {
    id: string[];
    title: string[];
    description: string[];
    timestamp: string[];
    link: string[];
    source?: string[];
  };
  /** A per-alert id computed from the item when no id field holds one (e.g. the alert id at the end of a URL). */
  deriveId?: (item: unknown) => string | undefined;
  severity: SeverityCandidate[];
  /** The severity when no candidate yields one (default medium). */
  defaultSeverity?: Severity;
  /** Lifecycle fields (values such as resolved, incident.acknowledged) and this vendor's own words. */
  status?: { paths: string[]; map?: Record<string, AlertStatus>; otherwise?: AlertStatus };
  /**
   * The dedupe key's parts (JSONPaths, joined); absent: the per-alert id. Never a rule, monitor or
   * search id alone: those repeat across distinct alerts.
   */
  dedupe?: string[];
  /** Recognises this source's payload (Auto-detect); payload is after envelope unwrapping. */
  detect?: (payload: unknown, headers: readonly NameValue[]) => boolean;
  /** The source name used when the payload does not say. */
  source: string;
  /**
   * Indicator provenance. evidence: JSONPaths (on one alert item) whose strings are scanned; absent:
   * the whole item. metadata: key names (case-insensitive, any depth) or JSONPaths whose subtrees are
   * the alerting tool's own ids, links and people: never scanned. allowDomains: the vendor's own
   * domains, merged with the user's allow-list.
   */
  evidence?: string[];
  metadata?: string[];
  allowDomains?: string[];
  /**
   * The `link` field is the tool's own console or API link (default): its host is a tool host and
   * tells the customer's own domain (tool-hosts.ts). false: a link candidate may be the evidence
   * itself (Generic JSON reads a bare `url`).
   */
  toolLink?: boolean;
  /**
   * JSONPaths naming the affected asset itself (Opsgenie `alert.entity`, Datadog `hostname`): never
   * scanned; a host name there is the customer's own, and so is its registrable domain (tool-hosts.ts).
   */
  assets?: string[];
  /** Top-level keys whose string value may be JSON text (parsed before mapping and scanning). */
  jsonText?: string[];
  /** Sample payload under samples/. */
  sample: string;
}
