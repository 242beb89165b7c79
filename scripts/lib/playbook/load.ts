/** Reading the command's input files; an unreadable file is a usage error naming it. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../repo-root.js';
import { UsageError } from './errors.js';
import { readIntel, type IntelFile } from './intel.js';

export const DEFAULT_INTEL = 'scripts/lib/playbook/default-intel.json';

export function readTemplate(path: string): unknown {
  if (/\.pbxz$/i.test(path)) throw new UsageError(`${path}: a .pbxz is a zip; unzip it and give its playbook.pbx`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`${path}: cannot read the template; give the path of an exported .pbx file`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (err) {
    throw new UsageError(`${path}: the template is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
}

export function readAlert(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    throw new UsageError(`${path}: cannot read the alert file; give the path of a payload such as samples/generic.json`);
  }
}

export function readInstall(root = repoRoot()): unknown {
  try {
    return JSON.parse(readFileSync(join(root, 'install.json'), 'utf8')) as unknown;
  } catch {
    return {};
  }
}

export function readIntelOrDefault(path: string | undefined, root = repoRoot()): IntelFile {
  if (path !== undefined) return readIntel(path);
  const own = join(root, DEFAULT_INTEL);
  return readIntel(existsSync(own) ? own : join(repoRoot(), DEFAULT_INTEL));
}
