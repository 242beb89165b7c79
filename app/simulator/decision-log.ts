/**
 * The service's own account of a request, read back from its trigger log: the runtime writes one
 * `feature=webhook, event=decision … requestKey=<key> … detail="…" fires=N` line per request, and
 * its detail names every alert of a batch that was not fired (filtered, duplicate, …) with the
 * reason. The platform protocol carries none of this (a FireEvent says only that one alert fired),
 * so the simulator reads it here to account for every item in the terminal.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';

const TAIL_BYTES = 256 * 1024;

export interface LoggedDecision {
  detail?: string;
  fires?: number;
}

function tail(path: string): string {
  let fd: number | undefined;
  try {
    const size = statSync(path).size;
    const length = Math.min(size, TAIL_BYTES);
    const buf = Buffer.alloc(length);
    fd = openSync(path, 'r');
    readSync(fd, buf, 0, length, size - length);
    return buf.toString('utf8');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Parses one decision line's fields; undefined when the line is not about `requestKey`. */
export function parseDecisionLine(line: string, requestKey: string): LoggedDecision | undefined {
  if (!/feature=(?:webhook|pipeline), event=decision /.test(line) || !line.includes(`requestKey=${requestKey}`)) return undefined;
  const out: LoggedDecision = {};
  const quoted = /\bdetail=("(?:[^"\\]|\\.)*")/.exec(line);
  const bare = /\bdetail=([^\s"]+)/.exec(line);
  if (quoted) {
    try {
      out.detail = JSON.parse(quoted[1]!) as string;
    } catch {
      out.detail = quoted[1]!.slice(1, -1);
    }
  } else if (bare) out.detail = bare[1]!;
  const fires = /\bfires=(\d+)/.exec(line);
  if (fires) out.fires = Number(fires[1]);
  return out;
}

/** The decision the service logged for `requestKey` in `trigger-id-<id>.log`, if it is there yet. */
export function readLoggedDecision(logDir: string, triggerId: number, requestKey: string): LoggedDecision | undefined {
  const lines = tail(join(logDir, `trigger-id-${triggerId}.log`)).split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const found = parseDecisionLine(lines[i]!, requestKey);
    if (found) return found;
  }
  return undefined;
}

/**
 * Waits (polling, at most `waitMs`) until the decision line is logged and `firesSeen()` reached its
 * fire count; resolves with what was found (undefined when the log level hides info lines).
 */
export async function awaitLoggedDecision(
  logDir: string,
  triggerId: number,
  requestKey: string,
  firesSeen: () => number,
  waitMs: number,
): Promise<LoggedDecision | undefined> {
  const deadline = Date.now() + waitMs;
  let found: LoggedDecision | undefined;
  for (;;) {
    found = readLoggedDecision(logDir, triggerId, requestKey) ?? found;
    if (found && firesSeen() >= (found.fires ?? 0)) return found;
    if (Date.now() >= deadline) return found;
    await new Promise((r) => setTimeout(r, 25));
  }
}
