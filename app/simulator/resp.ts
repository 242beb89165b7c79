/**
 * RESP2 (the Redis wire protocol) request parsing and reply encoding, for the simulator's
 * in-memory key-value server. Parsing is incremental and bounded; it never throws on bad input,
 * it reports a protocol error instead.
 */
export type RespReply = null | number | string | Buffer | Error | RespReply[] | { status: string };

export const LIMITS = {
  /** Largest bulk string accepted (a request body staged in the store can be large). */
  maxBulkBytes: 64 * 1024 * 1024,
  maxArrayItems: 1024 * 1024,
  maxInlineBytes: 64 * 1024,
};

export type ParseStep =
  | { kind: 'command'; args: Buffer[]; next: number }
  /** `need`: the buffer length (from index 0) that must be reached before parsing can progress. */
  | { kind: 'incomplete'; need: number }
  | { kind: 'error'; message: string };

const CRLF = Buffer.from('\r\n');

function readLine(buf: Buffer, from: number): { line: string; next: number } | null {
  const end = buf.indexOf(CRLF, from);
  if (end < 0) return null;
  return { line: buf.toString('latin1', from, end), next: end + 2 };
}

/** Parses one command starting at `offset`. */
export function parseCommand(buf: Buffer, offset: number): ParseStep {
  const more = (need = buf.length + 1): ParseStep => ({ kind: 'incomplete', need });
  if (offset >= buf.length) return more();
  if (buf[offset] !== 0x2a /* '*' */) {
    // Inline command (e.g. typed by hand): space-separated words up to CRLF.
    const line = readLine(buf, offset);
    if (!line) {
      return buf.length - offset > LIMITS.maxInlineBytes ? { kind: 'error', message: 'inline command too long' } : more();
    }
    const words = line.line.trim().split(/\s+/).filter(Boolean);
    return { kind: 'command', args: words.map((w) => Buffer.from(w, 'latin1')), next: line.next };
  }
  const header = readLine(buf, offset);
  if (!header) return buf.length - offset > 32 ? { kind: 'error', message: 'invalid multibulk length' } : more();
  const count = Number(header.line.slice(1));
  if (!Number.isInteger(count) || count < 0 || count > LIMITS.maxArrayItems) return { kind: 'error', message: 'invalid multibulk length' };
  const args: Buffer[] = [];
  let pos = header.next;
  for (let i = 0; i < count; i++) {
    if (pos >= buf.length) return more();
    if (buf[pos] !== 0x24 /* '$' */) return { kind: 'error', message: `expected '$', got '${String.fromCharCode(buf[pos] ?? 0)}'` };
    const lenLine = readLine(buf, pos);
    if (!lenLine) return buf.length - pos > 32 ? { kind: 'error', message: 'invalid bulk length' } : more();
    const len = Number(lenLine.line.slice(1));
    if (!Number.isInteger(len) || len < 0 || len > LIMITS.maxBulkBytes) return { kind: 'error', message: 'invalid bulk length' };
    if (lenLine.next + len + 2 > buf.length) return more(lenLine.next + len + 2);
    if (buf[lenLine.next + len] !== 0x0d || buf[lenLine.next + len + 1] !== 0x0a) return { kind: 'error', message: 'bulk string not terminated' };
    args.push(buf.subarray(lenLine.next, lenLine.next + len));
    pos = lenLine.next + len + 2;
  }
  return { kind: 'command', args, next: pos };
}

export function encodeReply(reply: RespReply): Buffer {
  if (reply === null) return Buffer.from('$-1\r\n');
  if (typeof reply === 'number') return Buffer.from(`:${reply}\r\n`);
  if (reply instanceof Error) return Buffer.from(`-${reply.message.replace(/[\r\n]+/g, ' ')}\r\n`);
  if (Buffer.isBuffer(reply)) return Buffer.concat([Buffer.from(`$${reply.length}\r\n`), reply, CRLF]);
  if (typeof reply === 'string') return encodeReply(Buffer.from(reply, 'utf8'));
  if (Array.isArray(reply)) return Buffer.concat([Buffer.from(`*${reply.length}\r\n`), ...reply.map(encodeReply)]);
  return Buffer.from(`+${reply.status}\r\n`);
}

export const OK: RespReply = { status: 'OK' };
