/** Case-insensitive header lookup over the platform's [{name, value}] list (repeated names kept). */
import type { NameValue } from '../../protocol/messages.js';

export function headerValues(headers: readonly NameValue[], name: string): string[] {
  const wanted = name.toLowerCase();
  return headers.filter((h) => h.name.toLowerCase() === wanted).map((h) => h.value);
}

/** The first value of a header, or undefined. */
export function headerValue(headers: readonly NameValue[], name: string): string | undefined {
  return headerValues(headers, name)[0];
}
