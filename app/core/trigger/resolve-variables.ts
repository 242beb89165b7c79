/**
 * Resolves ThreatConnect variables in a trigger's inputs (protocol §3.4 step 3): every value that
 * is exactly `&{TC|Vault:TEXT|KEYCHAIN|FILE:<key>}` is replaced by the value of
 * `GET /internal/variable/runtime/<provider>/<key>` (`{"data": …}`), signed with the trigger's
 * token. FILE values are base64 → Buffer; KEYCHAIN values are returned in `secrets`. Elements of
 * list inputs are resolved the same way. A failure throws an error naming the input, never its value.
 */
import type { TcApi } from '../ports.js';

export const TC_VARIABLE = /^&\{(TC|Vault):(TEXT|KEYCHAIN|FILE):([^}]+)\}$/;

export interface ResolvedInputs {
  inputs: Record<string, unknown>;
  /** Resolved KEYCHAIN values, for the log redactor. */
  secrets: string[];
}

interface TcVariable {
  provider: string;
  type: 'TEXT' | 'KEYCHAIN' | 'FILE';
  key: string;
}

export function parseTcVariable(value: unknown): TcVariable | undefined {
  if (typeof value !== 'string') return undefined;
  const m = TC_VARIABLE.exec(value.trim());
  if (!m) return undefined;
  return { provider: m[1] as string, type: m[2] as TcVariable['type'], key: m[3] as string };
}

async function fetchVariable(variable: TcVariable, tcApi: TcApi, triggerId: number, input: string): Promise<string | Buffer> {
  const path = `/internal/variable/runtime/${encodeURIComponent(variable.provider)}/${encodeURIComponent(variable.key)}`;
  const fail = (why: string) => new Error(`input "${input}": cannot resolve its ${variable.type} variable (${why})`);
  let status: number;
  let body: string;
  try {
    ({ status, body } = await tcApi.get(path, triggerId));
  } catch (err) {
    throw fail(err instanceof Error ? err.message : 'request failed');
  }
  if (status !== 200) throw fail(`API status ${status}`);
  let data: unknown;
  try {
    data = (JSON.parse(body) as { data?: unknown } | null)?.data;
  } catch {
    throw fail('API response is not JSON');
  }
  if (data === undefined || data === null) throw fail('no value stored under that key');
  const text = typeof data === 'string' ? data : typeof data === 'number' || typeof data === 'boolean' ? String(data) : null;
  if (text === null) throw fail('value is not text');
  if (variable.type !== 'FILE') return text;
  if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(text)) throw fail('FILE value is not base64');
  return Buffer.from(text, 'base64');
}

export async function resolveTcVariables(inputs: Record<string, unknown>, tcApi: TcApi, triggerId: number): Promise<ResolvedInputs> {
  const secrets: string[] = [];
  const resolveOne = async (value: unknown, input: string): Promise<unknown> => {
    const variable = parseTcVariable(value);
    if (!variable) return value;
    const resolved = await fetchVariable(variable, tcApi, triggerId, input);
    if (variable.type === 'KEYCHAIN' && typeof resolved === 'string') secrets.push(resolved);
    return resolved;
  };
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(inputs)) {
    out[name] = Array.isArray(value) ? await Promise.all(value.map((v) => resolveOne(v, name))) : await resolveOne(value, name);
  }
  return { inputs: out, secrets };
}
