/** One event as the page shows it: decision, reason, timing, fired variables and the request — secrets masked. */
import { isSensitiveKey, MASK, type Redactor } from '../../adapters/log/redact.js';
import type { SimEvent } from '../events.js';
import type { PlatformRequest } from '../simulator-types.js';
import { maskHeaders } from './secrets.js';
import { kindOf, reasonOf } from './stats.js';

const BODY_PREVIEW = 8192;

export interface VariableView {
  name: string;
  type: string;
  value: unknown;
}

export interface EventView {
  seq: number;
  at: string;
  triggerId: number;
  triggerName?: string;
  method: string;
  path: string;
  decision: string;
  status: number;
  /** The reason code the counters use (fired, below_min_severity, auth_invalid …). */
  reason: string;
  kind: string;
  detail?: string;
  durationMs: number;
  fires: Array<{ sessionId: string; variables: VariableView[] }>;
  responseBody?: string;
  request?: { contentType: string; headers: Array<{ name: string; value: string }>; bodyBytes: number; body: string; truncated: boolean };
  replayable: boolean;
  /** Set on a replay: the event it replays. */
  replayOf?: number;
}

export function viewEvent(
  e: SimEvent,
  request: PlatformRequest | undefined,
  r: Redactor,
  extra: { triggerName?: string; replayable: boolean; replayOf?: number; outputOrder: readonly string[] },
): EventView {
  const order = new Map(extra.outputOrder.map((n, i) => [n, i]));
  const reason = reasonOf(e);
  const view: EventView = {
    seq: e.seq,
    at: e.at,
    triggerId: e.triggerId,
    ...(extra.triggerName ? { triggerName: extra.triggerName } : {}),
    method: e.method,
    path: r.redactText(e.path),
    decision: e.decision,
    status: e.status,
    reason,
    kind: kindOf(reason),
    ...(e.detail ? { detail: r.redactText(e.detail) } : {}),
    durationMs: e.durationMs,
    fires: e.fires.map((f) => ({
      sessionId: f.sessionId,
      variables: Object.entries(f.outputs)
        .sort(([a], [b]) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9) || a.localeCompare(b))
        .map(([name, o]) => ({ name, type: o.type, value: isSensitiveKey(name) ? MASK : r.redactValue(o.value) })),
    })),
    ...(e.responseBody ? { responseBody: r.redactText(e.responseBody) } : {}),
    replayable: extra.replayable,
    ...(extra.replayOf !== undefined ? { replayOf: extra.replayOf } : {}),
  };
  if (request) {
    const text = request.body.subarray(0, BODY_PREVIEW).toString('utf8');
    view.request = {
      contentType: request.headers.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? '',
      headers: maskHeaders(request.headers, r),
      bodyBytes: request.body.length,
      body: r.redactText(text),
      truncated: request.body.length > BODY_PREVIEW,
    };
  }
  return view;
}
