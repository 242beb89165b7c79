import type { Preset } from './preset.js';
import { at, isRecord, isText } from './shape.js';

/**
 * Suricata EVE JSON `alert` events as a log shipper (Logstash, Vector, Fluent Bit HTTP output) posts
 * them: {timestamp, flow_id, event_type: alert, src_ip, dest_ip, proto, alert: {signature, signature_id,
 * category, severity, metadata}, http | dns | tls | fileinfo …}.
 * https://docs.suricata.io/en/latest/output/eve/eve-json-format.html
 * Title: the rule's `alert.signature`. Severity: the ruleset's `signature_severity` (Emerging Threats:
 * Informational, Minor, Major, Critical), else `alert.severity`, where 1 is the most severe (1 high,
 * 2 medium, 3 low, 4+ informational). EVE carries no alert id: the dedupe key is the flow, the rule and
 * the time. Evidence: the addresses (private ones dropped) and the application-layer records.
 */
export const suricata: Preset = {
  name: 'Suricata EVE',
  docs: 'https://docs.suricata.io/en/latest/output/eve/eve-json-format.html',
  fields: {
    id: [],
    title: ['$.alert.signature'],
    description: ['$.alert.category'],
    timestamp: ['$.timestamp'],
    link: [],
  },
  severity: [
    { path: '$.alert.metadata.signature_severity[0]', scale: 'text' },
    { path: '$.alert.severity', scale: '1-4 rank' },
  ],
  dedupe: ['$.flow_id', '$.alert.signature_id', '$.timestamp'],
  detect: (p) =>
    at(p, 'event_type') === 'alert' &&
    isRecord(at(p, 'alert')) &&
    at(p, 'alert', 'signature_id') !== undefined &&
    (isText(at(p, 'src_ip')) || isText(at(p, 'dest_ip'))),
  source: 'Suricata',
  evidence: ['$.src_ip', '$.dest_ip', '$.http', '$.dns', '$.tls', '$.fileinfo', '$.smtp', '$.email', '$.files'],
  metadata: ['flow_id', 'tx_id', 'pcap_cnt', 'community_id', 'in_iface', 'signature_id'],
  sample: 'samples/suricata.json',
};
