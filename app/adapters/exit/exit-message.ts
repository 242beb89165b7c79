/**
 * The exit message (protocol §7): the last 255 characters of the message plus a newline, written
 * to `<tc_out_path>/message.tc`, or to `./message.tc` when that directory is not writable.
 * Never throws: the process is exiting anyway.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const EXIT_MESSAGE_FILE = 'message.tc';
export const EXIT_MESSAGE_MAX_CHARS = 255;

/** The last 255 characters (code points, as Python slices), plus a newline. */
export function exitMessageText(message: string): string {
  const chars = Array.from(message);
  return `${chars.slice(-EXIT_MESSAGE_MAX_CHARS).join('')}\n`;
}

/** Returns the path written, or null when neither location was writable. */
export function writeExitMessage(outPath: string | null | undefined, message: string, cwd = process.cwd()): string | null {
  const text = exitMessageText(message);
  const candidates = [...(outPath ? [join(outPath, EXIT_MESSAGE_FILE)] : []), join(cwd, EXIT_MESSAGE_FILE)];
  for (const path of candidates) {
    try {
      writeFileSync(path, text, 'utf8');
      return path;
    } catch {
      // try the next location
    }
  }
  return null;
}
