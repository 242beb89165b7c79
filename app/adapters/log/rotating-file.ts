/**
 * A log file that rotates by size like Python's RotatingFileHandler: `<file>` → `<file>.1` → … →
 * `<file>.<backupCount>`, no file above maxBytes (a single longer line gets a file of its own).
 *
 * Writes are batched and asynchronous: lines queue in memory and go out in one positional write
 * FLUSH_DELAY_MS after the first of them (at once when FLUSH_BYTES are queued), one write in flight
 * at a time, so lines keep their order. Nothing is lost at exit:
 * `flushSync()` (also run from `process.on('exit')` for every open file) writes what is queued and
 * writes again what was in flight, at the same offset — a positional write is idempotent. Memory is
 * bounded: beyond MAX_QUEUED_BYTES lines are dropped and counted, and the count is logged once the
 * disk catches up. Write failures are reported once on stderr and never thrown.
 */
import { closeSync, constants, fstatSync, mkdirSync, openSync, renameSync, rmSync, write, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export interface RotatingFileOptions {
  filename: string;
  maxBytes: number;
  backupCount: number;
}

/** A batch waits at most this long; under load one write carries hundreds of lines. */
export const FLUSH_DELAY_MS = 50;
/** ...or until this much is queued. */
export const FLUSH_BYTES = 64 * 1024;

/** A slow disk cannot make the queue grow past this; further lines are counted as dropped. */
export const MAX_QUEUED_BYTES = 8 * 1024 * 1024;

interface InFlight {
  fd: number;
  position: number;
  data: Buffer;
}

const open = new Set<RotatingFile>();
let exitHookInstalled = false;

function flushAllAtExit(): void {
  for (const file of open) file.flushSync();
}

export class RotatingFile {
  private fd: number | null;
  /** Bytes of the current file, counting what is in flight. */
  private size: number;
  private queue: string[] = [];
  private queueBytes: number[] = [];
  private queuedTotal = 0;
  private dropped = 0;
  private inFlight: InFlight | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closing = false;
  private failed = false;
  private readonly options: RotatingFileOptions;

  /** Opens (creating the directory) now, so a bad path fails at construction with a clear error. */
  constructor(options: RotatingFileOptions) {
    this.options = options;
    mkdirSync(dirname(options.filename), { recursive: true });
    this.fd = openSync(options.filename, constants.O_WRONLY | constants.O_CREAT, 0o644);
    this.size = fstatSync(this.fd).size;
    open.add(this);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.on('exit', flushAllAtExit);
    }
  }

  /** Queues one line (with its newline). */
  write(line: string): void {
    if (this.closing || this.fd === null) return; // closed, or a failed rotation left no file
    const bytes = Buffer.byteLength(line, 'utf8');
    if (this.queuedTotal + bytes > MAX_QUEUED_BYTES) {
      this.dropped += 1;
      return;
    }
    this.queue.push(line);
    this.queueBytes.push(bytes);
    this.queuedTotal += bytes;
    if (this.inFlight === null) this.schedule();
  }

  private schedule(): void {
    if (this.queuedTotal >= FLUSH_BYTES) this.flush();
    else if (this.timer === null) this.timer = setTimeout(() => this.flush(), FLUSH_DELAY_MS).unref();
  }

  /** Takes the lines that fit the current file (rotating first when the next one does not). */
  private take(): Buffer | null {
    if (this.dropped > 0 && this.queuedTotal < MAX_QUEUED_BYTES / 2) {
      const note = `${new Date().toISOString()} - tcex -  WARNING - feature=logger, event=lines-dropped count=${this.dropped} reason=disk-too-slow\n`;
      this.dropped = 0;
      this.queue.push(note);
      this.queueBytes.push(Buffer.byteLength(note));
      this.queuedTotal += Buffer.byteLength(note);
    }
    const first = this.queueBytes[0];
    if (first === undefined || this.fd === null) return null;
    const { maxBytes } = this.options;
    if (maxBytes > 0 && this.size > 0 && this.size + first > maxBytes) this.rotate();
    let count = 0;
    let bytes = 0;
    for (const b of this.queueBytes) {
      if (count > 0 && maxBytes > 0 && this.size + bytes + b > maxBytes) break;
      count += 1;
      bytes += b;
    }
    const data = Buffer.from(count === this.queue.length ? this.queue.join('') : this.queue.slice(0, count).join(''), 'utf8');
    this.queue.splice(0, count);
    this.queueBytes.splice(0, count);
    this.queuedTotal -= bytes;
    return data;
  }

  private flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.inFlight !== null || this.fd === null) return;
    let data: Buffer | null;
    try {
      data = this.take();
    } catch (err) {
      this.fail(err);
      return;
    }
    if (data === null) return;
    const job: InFlight = { fd: this.fd, position: this.size, data };
    this.inFlight = job;
    this.size += data.length;
    write(job.fd, data, 0, data.length, job.position, (err) => {
      if (err) this.fail(err);
      if (this.inFlight === job) this.inFlight = null;
      // Rotated or closed while this write was out: its descriptor is ours to close now.
      if (job.fd !== this.fd) this.release(job.fd);
      if (!this.closing && this.queue.length > 0) this.schedule();
    });
  }

  /** Writes everything now: what was in flight (again, same offset) and what is queued. */
  flushSync(): void {
    try {
      const job = this.inFlight;
      if (job !== null) writeSync(job.fd, job.data, 0, job.data.length, job.position);
      for (let data = this.take(); data !== null; data = this.take()) {
        if (this.fd === null) break;
        writeSync(this.fd, data, 0, data.length, this.size);
        this.size += data.length;
      }
    } catch (err) {
      this.fail(err);
    }
  }

  private rotate(): void {
    const { filename, backupCount } = this.options;
    const old = this.fd;
    this.fd = null;
    // An async write may still target the old descriptor: it is closed once that write returns.
    if (old !== null && this.inFlight?.fd !== old) closeSync(old);
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
    }
    this.fd = openSync(filename, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC, 0o644);
    this.size = 0;
  }

  private release(fd: number): void {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
  }

  private fail(err: unknown): void {
    if (!this.failed) process.stderr.write(`log file write failed: ${(err as Error).message}\n`);
    this.failed = true;
  }

  /** Flushes synchronously, then closes; later writes are ignored. */
  close(): void {
    if (this.closing) return;
    this.flushSync();
    this.closing = true;
    if (this.timer !== null) clearTimeout(this.timer);
    open.delete(this);
    const fd = this.fd;
    this.fd = null;
    if (fd !== null && this.inFlight?.fd !== fd) this.release(fd);
  }
}
