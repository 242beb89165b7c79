/**
 * How many indicators one alert may report. Each reported indicator is a lookup the playbook makes
 * (ThreatConnect, CAL) and a line in five outputs of that alert's session, so the cap is per alert
 * and shared across a request: an alert alone, or one of up to 20, reports up to 500; a larger batch
 * shares 10,000 equally between its alerts, never fewer than 50 each. A 100-alert batch reports up to
 * 100 per alert — 10,000 lookups, not 50,000. Indicators are reported in order of first appearance,
 * so a lowered cap keeps the first ones.
 */
export const MAX_INDICATORS_PER_ALERT = 500;
export const INDICATORS_PER_REQUEST = 10_000;
export const MIN_INDICATORS_PER_ALERT = 50;

/** The cap for each alert of a request that holds `alerts` alerts (≥ 1). */
export function indicatorCap(alerts: number): number {
  const share = Math.floor(INDICATORS_PER_REQUEST / Math.max(1, alerts));
  return Math.min(MAX_INDICATORS_PER_ALERT, Math.max(MIN_INDICATORS_PER_ALERT, share));
}
