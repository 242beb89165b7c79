/**
 * Reads the start-up parameters (protocol §1.2–1.3): the encrypted params file named by
 * TC_APP_PARAM_FILE (key TC_APP_PARAM_KEY), deleted after a successful read, then optional
 * `--name value` / `--name=value` arguments on top. Logs nothing: the logger does not exist yet.
 * Pure apart from the injected file functions.
 */
import { readFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { decryptParams } from './param-crypto.js';
import { LEGACY_ALIASES, LOG_LEVEL_NAMES, PARAM_SPECS, TEMP_DIR_PARAMS, isPlatformKey, type ParamSpec, type ServiceParams } from './service-params.js';

export interface LoadParamsOptions {
  env: Record<string, string | undefined>;
  /** Command-line arguments without the node binary and script (process.argv.slice(2)). */
  argv?: readonly string[];
  readFile?: (path: string) => Buffer;
  unlink?: (path: string) => void;
  /** App inputs whose values are secrets (install.json `encrypt: true`). */
  secretKeys?: Iterable<string>;
  /** Default for the path parameters; the system temp dir when omitted. */
  tempDir?: string;
}

export interface LoadedParams {
  params: ServiceParams;
  /** The merged, uncoerced key/values (file, then arguments; legacy names mapped). Holds secrets. */
  raw: Record<string, unknown>;
  /** `<field>: <message>`; empty when the params are usable. */
  errors: string[];
  /** Every secret value seen, for the log redactor. */
  secrets: string[];
  /** Token renewal poll interval: TC_TOKEN_SLEEP_INTERVAL seconds (default 150) in ms. */
  tokenRenewIntervalMs: number;
}

export const DEFAULT_TOKEN_SLEEP_SECONDS = 150;

function tokenInterval(env: Record<string, string | undefined>, errors: string[]): number {
  const text = env['TC_TOKEN_SLEEP_INTERVAL'];
  if (text === undefined || text.trim() === '') return DEFAULT_TOKEN_SLEEP_SECONDS * 1000;
  const seconds = Number(text);
  if (Number.isFinite(seconds) && seconds > 0) return Math.round(seconds * 1000);
  errors.push('TC_TOKEN_SLEEP_INTERVAL: must be a positive number of seconds');
  return DEFAULT_TOKEN_SLEEP_SECONDS * 1000;
}

/** App input names that look like credentials are treated as secrets even when not marked. */
const SECRET_NAME = /(secret|passw(or)?d|token|api[_-]?key|signature)/i;
const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 'on', 't']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', 'off', 'f']);

/** Parses `--name value`, `--name=value` and bare `--flag` (= "true"). Anything else is ignored. */
export function parseArgs(argv: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--') || arg.length < 3) continue;
    const eq = arg.indexOf('=');
    if (eq > 2) {
      out[arg.slice(2, eq)] = arg.slice(eq + 1);
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      out[arg.slice(2)] = next;
      i += 1;
    } else {
      out[arg.slice(2)] = 'true';
    }
  }
  return out;
}

type Coerced = { ok: true; value: string | number | boolean | null } | { ok: false; message: string };

function coerce(value: unknown, spec: ParamSpec): Coerced {
  if (value === null || value === undefined || value === '') return { ok: true, value: spec.default };
  switch (spec.kind) {
    case 'string':
      if (typeof value === 'string') return { ok: true, value };
      if (typeof value === 'number' || typeof value === 'boolean') return { ok: true, value: String(value) };
      return { ok: false, message: 'must be a string' };
    case 'int': {
      const n = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
      if (typeof n === 'number' && Number.isSafeInteger(n)) return { ok: true, value: n };
      return { ok: false, message: 'must be an integer' };
    }
    case 'bool': {
      if (typeof value === 'boolean') return { ok: true, value };
      const word = String(value).trim().toLowerCase();
      if ((typeof value === 'string' || typeof value === 'number') && TRUE_WORDS.has(word)) return { ok: true, value: true };
      if ((typeof value === 'string' || typeof value === 'number') && FALSE_WORDS.has(word)) return { ok: true, value: false };
      return { ok: false, message: 'must be a boolean (true/false, 1/0, yes/no)' };
    }
    case 'level': {
      const word = typeof value === 'string' ? value.trim().toLowerCase() : '';
      const level = word === 'warn' ? 'warning' : word;
      if ((LOG_LEVEL_NAMES as readonly string[]).includes(level)) return { ok: true, value: level };
      return { ok: false, message: `must be one of ${LOG_LEVEL_NAMES.join(', ')}` };
    }
  }
}

/** Reads and decrypts the params file; errors never contain the key or the file's content. */
function readParamsFile(
  env: Record<string, string | undefined>,
  readFile: (path: string) => Buffer,
  unlink: (path: string) => void,
  errors: string[],
): Record<string, unknown> {
  const path = env['TC_APP_PARAM_FILE'];
  const key = env['TC_APP_PARAM_KEY'];
  if (!path) return {};
  if (!key) {
    errors.push('TC_APP_PARAM_KEY: not set, the params file cannot be decrypted');
    return {};
  }
  const keyLength = Buffer.byteLength(key, 'utf8');
  if (keyLength !== 16 && keyLength !== 24 && keyLength !== 32) {
    errors.push(`TC_APP_PARAM_KEY: must be 16, 24 or 32 bytes long, got ${keyLength}`);
    return {};
  }
  let bytes: Buffer;
  try {
    bytes = readFile(path);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    errors.push(`TC_APP_PARAM_FILE: cannot read ${path}${typeof code === 'string' ? ` (${code})` : ''}`);
    return {};
  }
  let params: Record<string, unknown>;
  try {
    params = decryptParams(bytes, key);
  } catch {
    errors.push('TC_APP_PARAM_FILE: cannot decrypt the params file (wrong TC_APP_PARAM_KEY or corrupt file)');
    return {};
  }
  try {
    unlink(path);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code !== 'ENOENT') errors.push(`TC_APP_PARAM_FILE: read but could not be deleted${typeof code === 'string' ? ` (${code})` : ''}`);
  }
  return params;
}

/** Legacy TX2 names become the current ones unless the current name is present too. */
function applyAliases(source: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...source };
  for (const [legacy, current] of Object.entries(LEGACY_ALIASES)) {
    if (!(legacy in out)) continue;
    if (out[current] === undefined || out[current] === null) out[current] = out[legacy];
    delete out[legacy];
  }
  return out;
}

export function loadParams(options: LoadParamsOptions): LoadedParams {
  const errors: string[] = [];
  const readFile = options.readFile ?? ((p: string) => readFileSync(p));
  const unlink = options.unlink ?? ((p: string) => unlinkSync(p));
  const fromFile = applyAliases(readParamsFile(options.env, readFile, unlink, errors));
  const fromArgs = applyAliases(parseArgs(options.argv ?? []));
  if (!options.env['TC_APP_PARAM_FILE'] && Object.keys(fromArgs).length === 0) {
    errors.push('TC_APP_PARAM_FILE: not set and no --tc_* arguments given');
  }
  const raw: Record<string, unknown> = { ...fromFile, ...fromArgs };
  const tempDir = options.tempDir ?? tmpdir();

  const typed: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(PARAM_SPECS)) {
    const result = coerce(raw[name], spec);
    if (!result.ok) {
      errors.push(`${name}: ${result.message}`);
      typed[name] = spec.default;
      continue;
    }
    let value = result.value;
    if (value === null && TEMP_DIR_PARAMS.includes(name)) value = tempDir;
    if (value === null && spec.required) errors.push(`${name}: required, not set`);
    typed[name] = value;
  }
  const port = typed['tc_svc_broker_port'];
  if (typeof port === 'number' && (port < 1 || port > 65535)) errors.push('tc_svc_broker_port: must be 1-65535');

  const app: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) if (!isPlatformKey(key)) app[key] = value;

  const secretKeys = new Set(options.secretKeys ?? []);
  const secrets = new Set<string>();
  for (const [name, spec] of Object.entries(PARAM_SPECS)) {
    const v = typed[name];
    if (spec.secret && typeof v === 'string' && v !== '') secrets.add(v);
  }
  const jks = raw['tc_svc_broker_jks_pwd'];
  if (typeof jks === 'string' && jks !== '' && jks !== 'Unused') secrets.add(jks);
  for (const [key, value] of Object.entries(app)) {
    if (typeof value === 'string' && value !== '' && (secretKeys.has(key) || SECRET_NAME.test(key))) secrets.add(value);
  }

  const tokenRenewIntervalMs = tokenInterval(options.env, errors);
  return { params: { ...(typed as Omit<ServiceParams, 'app'>), app }, raw, errors, secrets: [...secrets], tokenRenewIntervalMs };
}
