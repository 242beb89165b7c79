import archiver from 'archiver';
import { PassThrough } from 'node:stream';

/** One file of a zip: a forward-slash path, its bytes and whether it is executable. */
export interface ZipFile {
  path: string;
  data: Buffer;
  executable?: boolean;
}

const FILE_MODE = 0o644;
const EXEC_MODE = 0o755;
const DIR_MODE = 0o755;

/** Every parent folder of the given paths (`a/b/c` → `a/`, `a/b/`), for explicit directory entries. */
function parentFolders(paths: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const path of paths) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i += 1) folders.add(`${parts.slice(0, i).join('/')}/`);
  }
  return [...folders];
}

function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Builds a reproducible zip in memory with archiver: entries (folders included) sorted by byte order
 * of their path, every timestamp set to `mtime` (stored as UTC DOS time), fixed Unix modes, no comment.
 * The same files, mtime and level on the same Node version give the same bytes.
 */
export async function writeZip(files: readonly ZipFile[], mtime: Date, level = 9): Promise<Buffer> {
  const seen = new Set<string>();
  for (const file of files) {
    if (file.path.startsWith('/') || file.path.split('/').includes('..') || file.path.endsWith('/')) {
      throw new Error(`unsafe zip path: ${file.path}`);
    }
    if (seen.has(file.path)) throw new Error(`duplicate zip path: ${file.path}`);
    seen.add(file.path);
  }
  const archive = archiver('zip', { zlib: { level }, forceLocalTime: false });
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    archive.on('error', reject);
    archive.on('warning', reject);
  });
  archive.pipe(sink);
  const entries = [
    ...parentFolders(files.map((f) => f.path)).map((path) => ({ path, data: null, mode: DIR_MODE })),
    ...files.map((f) => ({ path: f.path, data: f.data, mode: f.executable ? EXEC_MODE : FILE_MODE })),
  ].sort((a, b) => byPath(a.path, b.path));
  for (const entry of entries) {
    if (entry.data === null) archive.append(Buffer.alloc(0), { name: entry.path, date: mtime, mode: entry.mode, type: 'directory' } as archiver.EntryData);
    else archive.append(entry.data, { name: entry.path, date: mtime, mode: entry.mode });
  }
  await archive.finalize();
  await done;
  return Buffer.concat(chunks);
}
