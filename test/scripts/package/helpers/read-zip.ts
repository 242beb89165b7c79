/**
 * Reads what packaging wrote with yauzl, an independent zip reader (the writer is archiver), so a
 * test of the zip checks the format, not our own idea of it. Entries in central-directory order.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import yauzl from 'yauzl';

/** One entry of a zip as its central directory describes it, with the inflated bytes. */
export interface ZipEntryRead {
  path: string;
  data: Buffer;
  mode: number;
  isDirectory: boolean;
  dosTime: number;
  dosDate: number;
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(err);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.once('end', () => resolve(Buffer.concat(chunks)));
      stream.once('error', reject);
    });
  });
}

export function readZip(bytes: Buffer): Promise<ZipEntryRead[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true }, (err, zip) => {
      if (err) return reject(err);
      const entries: ZipEntryRead[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        const isDirectory = entry.fileName.endsWith('/');
        readEntry(zip, entry).then((data) => {
          entries.push({
            path: entry.fileName,
            data,
            mode: (entry.externalFileAttributes >>> 16) & 0o7777,
            isDirectory,
            dosTime: entry.lastModFileTime,
            dosDate: entry.lastModFileDate,
          });
          zip.readEntry();
        }, reject);
      });
      zip.once('end', () => resolve(entries));
      zip.once('error', reject);
      zip.readEntry();
    });
  });
}

/** Extracts a zip into dir, keeping the executable bits. */
export async function extractZip(zip: Buffer, dir: string): Promise<void> {
  for (const entry of await readZip(zip)) {
    const target = join(dir, entry.path);
    if (entry.isDirectory) {
      await mkdir(target, { recursive: true });
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, entry.data);
    await chmod(target, entry.mode || 0o644);
  }
}
