import { readdir, readFile } from 'node:fs/promises';
import { join, sep } from 'node:path';

/** What a submission ships from `templates/`: exports, component exports, attribute JSON, previews, notes. */
const SHIPPED = /\.(pbx|pbxz|json|png|md)$/i;

/** The template files under `<root>/templates`, sorted, with their path relative to that folder. */
export async function collectTemplates(root: string): Promise<Array<{ path: string; data: Buffer }>> {
  const base = join(root, 'templates');
  let names: string[];
  try {
    names = await readdir(base, { recursive: true });
  } catch {
    return [];
  }
  const files: Array<{ path: string; data: Buffer }> = [];
  for (const name of names.sort()) {
    const path = name.split(sep).join('/');
    if (!SHIPPED.test(path) || path.split('/').some((part) => part.startsWith('.'))) continue;
    try {
      files.push({ path, data: await readFile(join(base, name)) });
    } catch {
      continue; // a folder whose name happens to end like a file
    }
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
