/**
 * The alert pipeline's stages, in order, for the generated diagram. Each stage names the function
 * app/core/pipeline/run-pipeline.ts (or the analysis it runs, analyse-body.ts) calls for it; `checkStagesAgainstSource` fails when a function
 * is missing or the order differs, so the picture cannot drift from the code. The answers come from
 * the reason table (app/core/pipeline/reasons.ts), so their HTTP statuses are the code's own.
 */
import { REASONS, type ReasonCode } from '../../../app/core/pipeline/reasons.js';

export interface Stage {
  label: string;
  note: string;
  /** The call in run-pipeline.ts that is this stage. */
  call: string;
  /** Reason codes this stage may answer with (it stops the request or drops the alert). */
  stops: ReasonCode[];
  /** Other answers, as text (handshake replies that are not in the reason table). */
  replies?: string;
  perAlert?: boolean;
}

export const PIPELINE_STAGES: readonly Stage[] = [
  { label: 'Size limit', note: 'before anything is read', call: 'limits.maxBodyBytes', stops: ['body_too_large'] },
  {
    label: 'Pre-auth handshakes',
    note: 'challenges without credentials',
    call: 'detectPreAuthHandshake',
    stops: [],
    replies: 'Graph validationToken, Okta verification',
  },
  {
    label: 'Authenticate',
    note: 'raw body: secret, HMAC, GitHub, Stripe, Standard Webhooks, Basic',
    call: 'authenticate',
    stops: ['auth_missing', 'auth_invalid', 'auth_stale_timestamp', 'auth_misconfigured'],
  },
  { label: 'Replay check', note: 'signed message id seen before', call: 'claimMessageId', stops: ['auth_replayed'] },
  { label: 'Parse', note: 'JSON, form, text; gzip/deflate; bounded depth', call: 'parseBody', stops: ['unparsable', 'unsupported_encoding'] },
  {
    label: 'Handshakes',
    note: 'SNS subscription, Slack url_verification',
    call: 'detectHandshake',
    stops: ['sns_subscription_confirmed', 'sns_confirmation_failed'],
    replies: 'challenge replies',
  },
  { label: 'Pick the preset', note: "the trigger's, or Auto-detect recognises the source", call: 'presetFor', stops: [] },
  { label: 'Split the batch', note: "the preset's item list (at most 100)", call: 'alertItems', stops: ['no_alerts'] },
  {
    label: 'Map and normalise',
    note: 'preset + expressions; indicators extracted and refanged',
    call: 'normaliseAlert',
    stops: ['mapping_failed'],
    perAlert: true,
  },
  { label: 'Resolved?', note: 'resolved notifications, when the trigger ignores them', call: 'resolvedNotifications', stops: ['resolved'], perAlert: true },
  {
    label: 'Filter',
    note: 'minimum severity, condition, require indicators',
    call: 'filterAlert',
    stops: ['below_min_severity', 'condition_false', 'no_indicators'],
    perAlert: true,
  },
  { label: 'Deduplicate', note: 'same key within the window', call: 'claimDedupe', stops: ['duplicate'], perAlert: true },
  { label: 'Volume guard', note: 'hourly cap per trigger', call: 'countAlert', stops: ['over_hourly_cap'], perAlert: true },
  { label: 'Output variables', note: 'only those the playbook asks for', call: 'buildOutputs', stops: [], perAlert: true },
];

/** The stops of a stage as "413 body_too_large" lines. */
export function stopLines(stage: Stage): string[] {
  const lines = stage.stops.map((r) => `${REASONS[r].status} ${r}`);
  if (stage.replies) lines.push(`reply: ${stage.replies}`);
  return lines;
}

/**
 * The pipeline's code in the order its answers take effect: run-pipeline.ts, with the pure analysis
 * (analyse-body.ts: parse → handshakes → preset → batch → normalise → resolved → filter, run in-line
 * or in the worker) placed where run-pipeline.ts acts on its result, after the replay check.
 */
export function pipelineSource(runPipeline: string, analyseBody: string): string {
  const body = runPipeline.slice(runPipeline.indexOf('export async function runPipeline'));
  const analysis = analyseBody.slice(analyseBody.indexOf('export function analyseBody'));
  const at = body.indexOf("analysis.kind === 'respond'");
  return at < 0 ? body : `${body.slice(0, at)}\n${analysis}\n${body.slice(at)}`;
}

/** Problems when a stage's call is not in the pipeline source, or not in this order. */
export function checkStagesAgainstSource(body: string): string[] {
  const problems: string[] = [];
  let from = 0;
  for (const stage of PIPELINE_STAGES) {
    const at = body.indexOf(stage.call, from);
    if (at < 0) {
      problems.push(
        body.includes(stage.call)
          ? `stage "${stage.label}" (${stage.call}) is out of order in run-pipeline.ts / analyse-body.ts`
          : `stage "${stage.label}": run-pipeline.ts / analyse-body.ts no longer call ${stage.call}`,
      );
      continue;
    }
    from = at + stage.call.length;
  }
  return problems;
}
