/**
 * The service logger (protocol §7): `<path>/<file>` rotating by size, tcex-like lines
 * `<iso time> - tcex - <LEVEL> - <message> key=value …`, levels TRACE(5)…CRITICAL, LoggingChange,
 * and a per-trigger file `trigger-id-<id>.log` next to it. Every line is redacted before any sink
 * sees it, so no sink (file, console) can receive a secret, at any level; a line whose level is off
 * costs one comparison (nothing merged, rendered or redacted). Why not winston: docs/performance.md.
 */
import { join } from 'node:path';
import type { LogFields, Logger } from '../../core/ports.js';
import type { Redactor } from './redact.js';
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

function renderValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = /^[^\s"=,]+$/.test(value) ? value : JSON.stringify(value);
  else if (value === undefined) text = 'undefined';
  else text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_FIELD_CHARS ? `${text.slice(0, MAX_FIELD_CHARS)}…(${text.length} chars)` : text;
}

/** Message plus ` key=value` fields, redacted (structure first, then the whole text). */
export function renderLine(message: string, fields: LogFields, redactor: Redactor): string {
  const safeFields = redactor.redactValue(fields) as Record<string, unknown>;
  const parts = Object.entries(safeFields).map(([k, v]) => `${k}=${renderValue(v)}`);
  const text = parts.length > 0 ? `${message} ${parts.join(' ')}` : message;
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

export function createLogger(options: CreateLoggerOptions): ServiceLogger {
  let level: LevelName = parseLevel(options.level) ?? 'info';
  const redactor = options.secrets;
  const mainFile = new RotatingFile({
    filename: join(options.path, options.file),
    maxBytes: options.maxBytes,
    backupCount: options.backupCount,
  });
  const main: Sink[] = options.console ? [mainFile, stdoutSink] : [mainFile];
  const triggers = new Map<number, { file: RotatingFile | null; logFile: string }>();

  function emit(sinks: readonly Sink[], name: LevelName, message: string, fields: LogFields): void {
    let text: string;
    try {
      text = renderLine(message, fields, redactor);
    } catch {
      text = redactor.redactText(message);
    }
    const line = `${new Date().toISOString()} - tcex - ${LABELS[name]} - ${text}\n`;
    for (const s of sinks) s.write(line);
  }

  function make(sinks: readonly Sink[], bound: LogFields): Logger & { critical: ServiceLogger['critical'] } {
    const at = (name: LevelName) => (message: string, fields?: LogFields) => {
      if (LEVELS[name] > LEVELS[level]) return;
      emit(sinks, name, message, fields ? { ...bound, ...fields } : bound);
    };
    return {
      trace: at('trace'),
      debug: at('debug'),
      info: at('info'),
      warn: at('warning'),
      error: at('error'),
      critical: at('critical'),
      child: (fields: LogFields) => make(sinks, { ...bound, ...fields }),
    };
  }

  const root = make(main, {});
  return {
    ...root,
    get level() {
      return level;
    },
    setLevel(requested: string): boolean {
      const parsed = parseLevel(requested);
      if (!parsed) return false;
      level = parsed;
      return true;
    },
    forTrigger(triggerId: number) {
      let entry = triggers.get(triggerId);
      if (!entry) {
        const logFile = `trigger-id-${triggerId}.log`;
        let file: RotatingFile | null = null;
        try {
          file = new RotatingFile({
            filename: join(options.path, logFile),
            maxBytes: TRIGGER_MAX_BYTES,
            backupCount: TRIGGER_BACKUPS,
          });
        } catch (err) {
          root.warn('feature=logger, event=trigger-log-unavailable', { triggerId, error: (err as Error).message });
        }
        entry = { file, logFile };
        triggers.set(triggerId, entry);
      }
      // A closed file ignores further lines: loggers handed out earlier then write to the main file only.
      return { logger: make(entry.file ? [...main, entry.file] : main, { triggerId }), logFile: entry.logFile };
    },
    closeTrigger(triggerId: number): void {
      const entry = triggers.get(triggerId);
      if (!entry) return;
      triggers.delete(triggerId);
      entry.file?.close();
    },
    close(): void {
      for (const entry of triggers.values()) entry.file?.close();
      triggers.clear();
      mainFile.close();
    },
  };
}
