/**
 * The service logger (protocol §7) on winston: `<path>/<file>` rotating by size, tcex-like lines
 * `<iso time> - tcex - <LEVEL> - <message> key=value …`, levels TRACE(5)…CRITICAL, LoggingChange,
 * and a per-trigger file `trigger-id-<id>.log` next to it. Every line is redacted before winston
 * sees it, so no transport (file, console) can receive a secret, at any level.
 */
import { join } from 'node:path';
import winston from 'winston';
import type { LogFields, Logger } from '../../core/ports.js';
import type { Redactor } from './redact.js';
import { RotatingFileTransport } from './rotating-file-transport.js';

export type LevelName = 'trace' | 'debug' | 'info' | 'warning' | 'error' | 'critical';

/** winston numbering: lower is more severe. */
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

const lineFormat = winston.format.printf((info) => {
  const level = String(info.level).toUpperCase().padStart(8);
  return `${new Date().toISOString()} - tcex - ${level} - ${String(info.message)}`;
});

function sink(transports: winston.transport[], level: LevelName): winston.Logger {
  return winston.createLogger({ levels: LEVELS, level, format: lineFormat, transports, exitOnError: false });
}

export function createLogger(options: CreateLoggerOptions): ServiceLogger {
  let level: LevelName = parseLevel(options.level) ?? 'info';
  const redactor = options.secrets;
  const mainFile = new RotatingFileTransport({
    filename: join(options.path, options.file),
    maxBytes: options.maxBytes,
    backupCount: options.backupCount,
  });
  const mainTransports: winston.transport[] = [mainFile];
  if (options.console) mainTransports.push(new winston.transports.Console());
  const main = sink(mainTransports, level);
  const triggers = new Map<number, { sink: winston.Logger; file: RotatingFileTransport | null; logFile: string }>();

  function emit(sinks: winston.Logger[], name: LevelName, message: string, fields: LogFields): void {
    if (LEVELS[name] > LEVELS[level]) return;
    let line: string;
    try {
      line = renderLine(message, fields, redactor);
    } catch {
      line = redactor.redactText(message);
    }
    for (const s of sinks) s.log(name, line);
  }

  function make(sinks: winston.Logger[], bound: LogFields): Logger & { critical: ServiceLogger['critical'] } {
    const at = (name: LevelName) => (message: string, fields?: LogFields) =>
      emit(sinks, name, message, fields ? { ...bound, ...fields } : bound);
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

  const root = make([main], {});
  return {
    ...root,
    get level() {
      return level;
    },
    setLevel(requested: string): boolean {
      const parsed = parseLevel(requested);
      if (!parsed) return false;
      level = parsed;
      main.level = parsed;
      for (const t of triggers.values()) t.sink.level = parsed;
      return true;
    },
    forTrigger(triggerId: number) {
      let entry = triggers.get(triggerId);
      if (!entry) {
        const logFile = `trigger-id-${triggerId}.log`;
        let file: RotatingFileTransport | null = null;
        try {
          file = new RotatingFileTransport({
            filename: join(options.path, logFile),
            maxBytes: TRIGGER_MAX_BYTES,
            backupCount: TRIGGER_BACKUPS,
          });
        } catch (err) {
          root.warn('feature=logger, event=trigger-log-unavailable', { triggerId, error: (err as Error).message });
        }
        entry = { sink: sink(file ? [file] : [], level), file, logFile };
        if (!file) entry.sink.silent = true;
        triggers.set(triggerId, entry);
      }
      return { logger: make([main, entry.sink], { triggerId }), logFile: entry.logFile };
    },
    closeTrigger(triggerId: number): void {
      const entry = triggers.get(triggerId);
      if (!entry) return;
      triggers.delete(triggerId);
      // Loggers handed out earlier may still be used: their lines now go to the main file only.
      entry.file?.close();
    },
    close(): void {
      for (const entry of triggers.values()) entry.file?.close();
      triggers.clear();
      mainFile.close();
    },
  };
}
