/** Folders that never ship (tcex-cli's default excludes plus our build and test folders). */
const FORBIDDEN_FOLDERS = new Set([
  '.git',
  '.github',
  '.idea',
  '.vscode',
  '__pycache__',
  'node_modules',
  'test',
  'tests',
  'target',
  'build',
  'dist',
  'log',
  'logs',
  '.sim',
]);
/** File names that never ship. */
const FORBIDDEN_NAMES = new Set(['package.json', 'package-lock.json', 'tcex.json', 'app_inputs.json', 'message.tc', '.gitignore', '.DS_Store']);
/** Endings that never ship: source maps, archives, logs, TypeScript sources, private keys. */
const FORBIDDEN_ENDINGS = ['.map', '.zip', '.log', '.ts', '.pem', '.key'];

/** Why a package path must not ship, or null when it may. Paths are forward-slash, relative. */
export function forbiddenReason(path: string): string | null {
  const parts = path.split('/').filter((p) => p !== '');
  const name = parts[parts.length - 1] ?? '';
  const folder = parts.slice(0, -1).find((p) => FORBIDDEN_FOLDERS.has(p));
  if (folder !== undefined) return `inside ${folder}/`;
  if (name === '.env' || name.startsWith('.env.')) return 'an environment file (.env)';
  if (FORBIDDEN_NAMES.has(name)) return `${name} is excluded from packages`;
  const ending = FORBIDDEN_ENDINGS.find((e) => name.toLowerCase().endsWith(e));
  if (ending !== undefined) return `${ending} files are excluded from packages`;
  return null;
}

/** Every path that must not ship, with the reason: `path: reason`. */
export function forbiddenPaths(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    const reason = forbiddenReason(path);
    return reason === null ? [] : [`${path}: ${reason}`];
  });
}
