/** The repository root, from a compiled script's location (build/scripts/… → two or three levels up). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'app'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}
