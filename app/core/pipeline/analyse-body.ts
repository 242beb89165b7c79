/**
 * The pure, CPU-heavy part of the pipeline for one request: decode and parse the body → handshakes
 * that need the body → envelope unwrapping and preset → alert items → normalise (indicators) →
 * filter → dedupe key. No port, no KV, no clock of its own: what goes in and what comes out is plain
 * data (structured-clonable), so it runs in-line for small bodies and in the analysis worker for
 * large ones (analysis-pool.ts). The KV steps (replay, dedupe, volume, fire) stay with run-pipeline.ts.
 */
import type { NameValue } from '../../protocol/messages.js';
import type { WebhookResult } from '../app.js';
import { dedupeKeyOf } from './dedupe.js';
import { presetFor } from './detect-preset.js';
import { seedItemDigest } from './item-digest.js';
import { indicatorCap } from './indicators/indicator-budget.js';
import { itemRawTaker, rawPerItem } from './item-raw.js';
import { filterAlert } from './filter.js';
import { detectHandshake } from './handshake.js';
import { alertItems, normaliseAlert, type NormalisedAlert } from './normalise.js';
import { parseBody } from './parse.js';
import { noteJsonText } from './plain-path.js';
import { unwrapPubSub } from './pubsub.js';
import { answer, type ReasonCode } from './reasons.js';
import type { PipelineLimits } from './run-pipeline.js';
import type { TriggerSettings } from '../trigger/settings.js';

export interface AnalysisRequest {
  method: string;
  headers: NameValue[];
  queryParams: NameValue[];
}

/** One alert item's outcome before the KV steps: dropped for a reason, or a candidate to fire. */
/**
 * A candidate's `raw` is its own element of the payload as JSON (null: over the budget, no raw
 * output) when the request's raw output is per item (item-raw.ts); absent, the whole body.
 */
export type Verdict = { kind: 'dropped'; reason: ReasonCode; detail: string } | { kind: 'candidate'; alert: NormalisedAlert; key: string; raw?: string | null };

export type Respond = Extract<WebhookResult, { kind: 'respond' }>;

export type Analysis =
  /** Answered without any KV step: unparsable, a handshake reply, nothing to map, no alerts. */
  | { kind: 'respond'; result: Respond }
  | { kind: 'sns_subscription'; subscribeUrl: string; topicArn: string }
  /** `items` alert items were found; one verdict each, in order. */
  | { kind: 'alerts'; items: number; verdicts: Verdict[] };

const respond = (reason: ReasonCode, detail: string): Analysis => ({ kind: 'respond', result: { kind: 'respond', ...answer(reason, detail) } });

export function analyseBody(body: Buffer, req: AnalysisRequest, settings: TriggerSettings, limits: PipelineLimits, now: number): Analysis {
  const parsed = parseBody(body, req.headers, { maxBytes: limits.maxBodyBytes, maxDecodedBytes: limits.maxDecodedBytes, maxDepth: limits.maxDepth });
  if (!parsed.ok) return respond(parsed.reason, parsed.detail);

  const handshake = detectHandshake(req, parsed);
  if (handshake?.kind === 'reply') {
    return {
      kind: 'respond',
      result: {
        kind: 'respond',
        statusCode: handshake.statusCode,
        headers: handshake.headers,
        body: handshake.body,
        reason: 'handshake',
        detail: handshake.detail,
      },
    };
  }
  if (handshake?.kind === 'sns_subscription') return { kind: 'sns_subscription', subscribeUrl: handshake.subscribeUrl, topicArn: handshake.topicArn };

  const b = parsed.body;
  const received = b.kind === 'json' || b.kind === 'form' || b.kind === 'text' ? b.value : undefined;
  if (received === undefined) return respond('mapping_failed', b.kind === 'empty' ? 'the request has no body to map' : 'the body is binary; nothing to map');
  const payload = unwrapPubSub(received, limits.maxDepth);
  const preset = presetFor(settings.preset, payload, req.headers);

  const items = alertItems(payload, preset, settings.alertList, limits.maxAlerts);
  if (items.length === 0) return respond('no_alerts', 'the payload holds no alert');
  if (b.kind === 'json' && items.length === 1 && items[0] === received) seedItemDigest(received, b.text);
  // Items selected from the parsed body (not built by a JMESPath alert list) are objects of its text.
  if (b.kind === 'json' && payload === received && settings.alertList?.language !== 'JMESPath') noteJsonText(b.text, [received, ...items]);

  const rawOf = rawPerItem(body.length, items.length) ? itemRawTaker(body.length) : undefined;
  const maxIndicators = indicatorCap(items.length);
  const verdicts: Verdict[] = items.map((item): Verdict => {
    const n = normaliseAlert(item, settings, now, preset, maxIndicators);
    if (!n.ok) return { kind: 'dropped', reason: 'mapping_failed', detail: n.detail };
    if (n.alert.status !== 'firing' && settings.resolvedNotifications === 'ignore') {
      return {
        kind: 'dropped',
        reason: 'resolved',
        detail: `alert ${n.alert.id} is a ${n.alert.status} notification (${preset.name}); Resolved Notifications is Ignore`,
      };
    }
    const f = filterAlert(n.alert, payload, req.headers, settings);
    if (!f.pass) return { kind: 'dropped', reason: f.reason, detail: f.detail };
    const key = dedupeKeyOf(n.alert, item, settings, preset);
    return rawOf ? { kind: 'candidate', alert: n.alert, key, raw: rawOf(item) } : { kind: 'candidate', alert: n.alert, key };
  });
  return { kind: 'alerts', items: items.length, verdicts };
}
