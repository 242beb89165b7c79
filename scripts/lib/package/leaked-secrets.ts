import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Values shorter than this are too common to flag (`true`, `info`, port numbers). */
const MIN_SECRET_LENGTH = 8;
/** A PEM private key with its body, not just the marker text a library may contain. */
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----\s*[A-Za-z0-9+/=]{40}/;

/** The values of `<root>/.env` (KEY=value lines), which must never appear in a package. */
export async function readDotEnvValues(root: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(join(root, '.env'), 'utf8');
  } catch {
    return [];
  }
  return text
    .split(/\r?\n/)
    .map((line) => /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=\s*(.*)$/.exec(line)?.[1]?.trim() ?? '')
    .map((value) => value.replace(/^(['"])(.*)\1$/, '$2'))
    .filter((value) => value.length >= MIN_SECRET_LENGTH);
}

/**
 * The files that carry a secret: a value from the project's `.env` or a PEM private key.
 * Reports file names only, never the secret.
 */
export function filesWithSecrets(files: ReadonlyArray<{ path: string; data: Buffer }>, secrets: readonly string[]): string[] {
  const needles = secrets.map((s) => Buffer.from(s, 'utf8'));
  return files.filter((file) => needles.some((n) => file.data.includes(n)) || PRIVATE_KEY.test(file.data.toString('latin1'))).map((file) => file.path);
}
