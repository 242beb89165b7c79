/**
 * Trigger configurations the protocol tests send in CreateConfig: one place to change when the
 * app's inputs change. The protocol tests only need "a config the app accepts" and "one it refuses".
 */
export const OUTPUT_KEYS = {
  raw: 'alert_intake.response.json.raw!String',
  title: 'alert_intake.results.alert.title!String',
  indicators: 'alert_intake.results.indicators!StringArray',
} as const;

export function outVariables(id: number, keys: readonly string[] = [OUTPUT_KEYS.raw, OUTPUT_KEYS.title]): string {
  return keys.map((k) => `#Trigger:${id}:${k}`).join(',');
}

/** Accepted: generic JSON, no authentication. */
export function acceptedConfig(id: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { source_preset: 'Generic JSON', auth_mode: 'None', tc_playbook_out_variables: outVariables(id), ...extra };
}

/** Refused at CreateConfig: an unknown source preset. */
export function refusedConfig(id: number): Record<string, unknown> {
  return { source_preset: 'No Such Preset', auth_mode: 'None', tc_playbook_out_variables: outVariables(id) };
}

/** A body the accepted config fires on. */
export const ALERT_BODY = JSON.stringify({ id: 'alert-1', title: 'Suspicious login', severity: 'high', message: 'login from 8.8.8.8' });
