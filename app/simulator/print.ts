/** One readable block per event for the terminal; secrets masked, long values cut. */
import { createRedactor } from '../adapters/log/redact.js';
import type { SimEvent } from './events.js';

const redactor = createRedactor();
const MAX_VALUE = 160;
const SENSITIVE_NAME = /(secret|passw|token|authorization|cookie|signature)/i;

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}… (${text.length} chars)` : text;
}

export function formatEvent(e: SimEvent): string {
  const head = `── #${e.seq} ${e.method} ${e.path} → trigger ${e.triggerId}: ${e.decision.toUpperCase()} (${e.status}) in ${e.durationMs} ms`;
  const lines = [head];
  if (e.reason) lines.push(`   reason: ${e.reason}${e.detail ? ` — ${e.detail}` : ''}`);
  for (const fire of e.fires) {
    lines.push(`   session ${fire.sessionId}`);
    const names = Object.keys(fire.outputs).sort();
    if (names.length === 0) lines.push('     (no output variables requested or produced)');
    for (const name of names) {
      const o = fire.outputs[name]!;
      const value = SENSITIVE_NAME.test(name) ? '***' : redactor.redactValue(o.value);
      lines.push(`     ${name} (${o.type}) = ${show(value)}`);
    }
  }
  if (e.decision !== 'fired' && e.responseBody) lines.push(`   body: ${show(e.responseBody)}`);
  return lines.join('\n');
}
