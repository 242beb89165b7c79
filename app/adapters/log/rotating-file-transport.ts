/**
 * A winston transport writing formatted lines synchronously to a file that rotates by size like
 * Python's RotatingFileHandler: `<file>` → `<file>.1` → … → `<file>.<backupCount>`.
 * Synchronous appends keep lines in order and never lose the last ones on exit.
 * Write failures are swallowed after the first report on stderr: logging must never crash the service.
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import winston from 'winston';
import type TransportStream from 'winston-transport';

/** winston re-exports winston-transport's class at runtime as `Transport`; its typings name it differently. */
const TransportBase = (winston as unknown as { Transport: typeof TransportStream }).Transport;

const MESSAGE = Symbol.for('message');

export interface RotatingFileOptions {
  filename: string;
  maxBytes: number;
  backupCount: number;
}

export class RotatingFileTransport extends TransportBase {
  private fd: number | null;
  private size: number;
  private failed = false;
  private readonly options: RotatingFileOptions;

  /** Opens (creating the directory) now, so a bad path fails at construction with a clear error. */
  constructor(options: RotatingFileOptions) {
    super();
    this.options = options;
    mkdirSync(dirname(options.filename), { recursive: true });
    this.fd = openSync(options.filename, 'a');
    this.size = statSync(options.filename).size;
  }

  override log(info: Record<string | symbol, unknown>, next: () => void): void {
    const text = info[MESSAGE];
    if (typeof text === 'string') this.writeLine(`${text}\n`);
    next();
  }

  writeLine(line: string): void {
    if (this.fd === null) return;
    const bytes = Buffer.from(line, 'utf8');
    try {
      if (this.options.maxBytes > 0 && this.size > 0 && this.size + bytes.length > this.options.maxBytes) this.rotate();
      if (this.fd === null) return;
      writeSync(this.fd, bytes);
      this.size += bytes.length;
    } catch (err) {
      if (!this.failed) process.stderr.write(`log file write failed: ${(err as Error).message}\n`);
      this.failed = true;
    }
  }

  private rotate(): void {
    const { filename, backupCount } = this.options;
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    if (backupCount > 0) {
      rmSync(`${filename}.${backupCount}`, { force: true });
      for (let i = backupCount - 1; i >= 1; i -= 1) {
        try {
          renameSync(`${filename}.${i}`, `${filename}.${i + 1}`);
        } catch {
          // that backup does not exist yet
        }
      }
      renameSync(filename, `${filename}.1`);
      this.fd = openSync(filename, 'a');
    } else {
      this.fd = openSync(filename, 'w');
    }
    this.size = 0;
  }

  override close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
