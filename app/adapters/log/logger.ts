/**
 * The service logger (protocol §7): `<path>/<file>` rotating by size, tcex-like lines
 * `<iso time> - tcex - <LEVEL> - <message> key=value …`, levels TRACE(5)…CRITICAL, LoggingChange,
 * and a per-trigger file `trigger-id-<id>.log` next to it. Every line is redacted before any sink
 * sees it, so no sink (file, console) can receive a secret, at any level; a line whose level is off
 * costs one comparison (nothing merged, rendered or redacted). Why not winston: docs/performance.md.
 */
import { join } from 'node:path';
import type { LogFields, Logger } from '../../core/ports.js';
import { isSensitiveKey, MASK, type Redactor } from './redact.js';
import { RotatingFile } from './rotating-file.js';

export type LevelName = 'trace' | 'debug' | 'info' | 'warning' | 'error' | 'critical';

/** Lower is more severe. */
const LEVELS: Record<LevelName, number> = { critical: 0, error: 1, warning: 2, info: 3, debug: 4, trace: 5 };

/** Per-trigger files are small (TX2: 1 MB, 1 backup). */
const TRIGGER_MAX_BYTES = 1_048_576;
const TRIGGER_BACKUPS = 1;
/** One rendered field value is cut beyond this, so a stray body cannot flood the log. */
const MAX_FIELD_CHARS = 4096;

export interface CreateLoggerOptions {
  path: string;
  file: string;
  level: string;
  maxBytes: number;
  backupCount: number;
  console?: boolean;
  secrets: Redactor;
}

export interface ServiceLogger extends Logger {
  critical(message: string, fields?: LogFields): void;
  /** LoggingChange: case-insensitive name (`warn` = `warning`). Unknown → false, level kept. */
  setLevel(level: string): boolean;
  readonly level: LevelName;
  /** A logger writing to the main file and to `<path>/trigger-id-<id>.log`; `logFile` is relative to `path`. */
  forTrigger(triggerId: number): { logger: Logger; logFile: string };
  /** Closes a trigger's file (DeleteConfig). */
  closeTrigger(triggerId: number): void;
  close(): void;
}

/** Normalises a level name; undefined when unknown. */
export function parseLevel(level: string): LevelName | undefined {
  const name = level.trim().toLowerCase();
  const normalised = name === 'warn' ? 'warning' : name;
  return normalised in LEVELS ? (normalised as LevelName) : undefined;
}

/** Plain tokens are shown as they are; anything else is quoted as JSON. */
const PLAIN = /^[^\s"=,]+$/;

function clip(text: string): string {
  return text.length > MAX_FIELD_CHARS ? `${text.slice(0, MAX_FIELD_CHARS)}…(${text.length} chars)` : text;
}

/**
 * One field's text. A plain string appears verbatim, so the whole-line pass covers it; a string
 * that gets quoted is redacted first (JSON escaping could split a secret), structures go through
 * redactValue (sensitive keys, header lists, errors, buffers).
 */
function renderField(key: string, value: unknown, redactor: Redactor): string {
  if (isSensitiveKey(key) && value !== null && value !== '') return MASK;
  if (typeof value === 'string') return clip(PLAIN.test(value) ? value : JSON.stringify(redactor.redactText(value)));
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return JSON.stringify(value);
  return clip(JSON.stringify(redactor.redactValue(value)) ?? String(value));
}

/** Message plus ` key=value` fields, then the whole text redacted once. */
export function renderLine(message: string, fields: LogFields, redactor: Redactor): string {
  let text = message;
  for (const key in fields) {
    const value = fields[key];
    if (value !== undefined) text += ` ${key}=${renderField(key, value, redactor)}`;
  }
  return redactor.redactText(text);
}

/** `CRITICAL`, `   ERROR`, …: the level names padded to eight, as tcex's lines show them. */
const LABELS: Record<LevelName, string> = {
  critical: 'CRITICAL',
  error: '   ERROR',
  warning: ' WARNING',
  info: '    INFO',
  debug: '   DEBUG',
  trace: '   TRACE',
};

/** A sink takes finished lines (newline included): a rotating file, or stdout. */
interface Sink {
  write(line: string): void;
}

const stdoutSink: Sink = { write: (line) => void process.stdout.write(line) };

/** The line's time: one toISOString per millisecond, however many lines share it. */
let stampMs = -1;
let stampText = '';
function timestamp(): string {
  const now = Date.now();
  if (now !== stampMs) {
    stampMs = now;
    stampText = new Date(now).toISOString();
  }
  return stampText;
}

interface LoggerState {
  level: LevelName;
  readonly redactor: Redactor;
}

/**
 * A logger bound to its sinks and fields. Methods live on the prototype, so `child()` (once or
 * twice per event) costs one object; a level that is off returns before anything is merged.
 */
class BoundLogger implements Logger {
  constructor(
    protected readonly state: LoggerState,
    protected readonly sinks: readonly Sink[],
    protected readonly bound: LogFields,
  ) {}

  private at(name: LevelName, message: string, fields: LogFields | undefined): void {
    if (LEVELS[name] > LEVELS[this.state.level]) return;
    const all = fields ? { ...this.bound, ...fields } : this.bound;
    let text: string;
    try {
      text = renderLine(message, all, this.state.redactor);
    } catch {
      text = this.state.redactor.redactText(message);
    }
    const line = `${timestamp()} - tcex - ${LABELS[name]} - ${text}\n`;
    for (const sink of this.sinks) sink.write(line);
  }

  trace(message: string, fields?: LogFields): void {
    this.at('trace', message, fields);
  }
  debug(message: string, fields?: LogFields): void {
    this.at('debug', message, fields);
  }
  info(message: string, fields?: LogFields): void {
    this.at('info', message, fields);
  }
  warn(message: string, fields?: LogFields): void {
    this.at('warning', message, fields);
  }
  error(message: string, fields?: LogFields): void {
    this.at('error', message, fields);
  }
  critical(message: string, fields?: LogFields): void {
    this.at('critical', message, fields);
  }
  child(fields: LogFields): BoundLogger {
    return new BoundLogger(this.state, this.sinks, { ...this.bound, ...fields });
  }
}

class RootLogger extends BoundLogger implements ServiceLogger {
  private readonly triggers = new Map<number, { file: RotatingFile | null; logFile: string }>();

  constructor(
    state: LoggerState,
    private readonly mainFile: RotatingFile,
    private readonly path: string,
    sinks: readonly Sink[],
  ) {
    super(state, sinks, {});
  }

  get level(): LevelName {
    return this.state.level;
  }

  setLevel(requested: string): boolean {
    const parsed = parseLevel(requested);
    if (!parsed) return false;
    this.state.level = parsed;
    return true;
  }

  forTrigger(triggerId: number): { logger: Logger; logFile: string } {
    let entry = this.triggers.get(triggerId);
    if (!entry) {
      const logFile = `trigger-id-${triggerId}.log`;
      let file: RotatingFile | null = null;
      try {
        file = new RotatingFile({ filename: join(this.path, logFile), maxBytes: TRIGGER_MAX_BYTES, backupCount: TRIGGER_BACKUPS });
      } catch (err) {
        this.warn('feature=logger, event=trigger-log-unavailable', { triggerId, error: (err as Error).message });
      }
      entry = { file, logFile };
      this.triggers.set(triggerId, entry);
    }
    // A closed file ignores further lines: loggers handed out earlier then write to the main file only.
    const sinks = entry.file ? [...this.sinks, entry.file] : this.sinks;
    return { logger: new BoundLogger(this.state, sinks, { triggerId }), logFile: entry.logFile };
  }

  closeTrigger(triggerId: number): void {
    const entry = this.triggers.get(triggerId);
    if (!entry) return;
    this.triggers.delete(triggerId);
    entry.file?.close();
  }

  close(): void {
    for (const entry of this.triggers.values()) entry.file?.close();
    this.triggers.clear();
    this.mainFile.close();
  }
}

export function createLogger(options: CreateLoggerOptions): ServiceLogger {
  const mainFile = new RotatingFile({
    filename: join(options.path, options.file),
    maxBytes: options.maxBytes,
    backupCount: options.backupCount,
  });
  const state: LoggerState = { level: parseLevel(options.level) ?? 'info', redactor: options.secrets };
  return new RootLogger(state, mainFile, options.path, options.console ? [mainFile, stdoutSink] : [mainFile]);
}
