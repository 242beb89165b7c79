/** filter: minimum severity, an optional JMESPath condition over {alert, payload, headers}, "require indicators". */
import type { NameValue } from '../../protocol/messages.js';
import { evaluate } from './expressions.js';
import type { NormalisedAlert } from './normalise.js';
import { severityScore } from './severity.js';
import type { TriggerSettings } from '../trigger/settings.js';

export type FilterResult = { pass: true } | { pass: false; reason: 'below_min_severity' | 'condition_false' | 'no_indicators'; detail: string };

export function filterAlert(alert: NormalisedAlert, payload: unknown, headers: readonly NameValue[], settings: TriggerSettings): FilterResult {
  if (alert.severity_score < severityScore(settings.minSeverity)) {
    return { pass: false, reason: 'below_min_severity', detail: `severity ${alert.severity} is below ${settings.minSeverity}` };
  }
  if (settings.condition) {
    const headerMap = Object.fromEntries(headers.map((h) => [h.name.toLowerCase(), h.value]));
    const { idFromPayload: _ignored, ...visible } = alert;
    const v = evaluate(settings.condition, { alert: visible, payload, headers: headerMap });
    const truthy =
      v !== undefined &&
      v !== null &&
      v !== false &&
      v !== '' &&
      !(Array.isArray(v) && v.length === 0) &&
      !(typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);
    if (!truthy) return { pass: false, reason: 'condition_false', detail: 'the filter condition is false for this alert' };
  }
  if (settings.requireIndicators && alert.indicators.length === 0) return { pass: false, reason: 'no_indicators', detail: 'the alert carries no indicator' };
  return { pass: true };
}
