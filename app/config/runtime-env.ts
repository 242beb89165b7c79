/** The only place the service entry reads its process environment and arguments. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface RuntimeEnv {
  env: Record<string, string | undefined>;
  argv: readonly string[];
  /** The app directory: install.json is read from here. */
  appDir: string;
}

/**
 * The platform starts an app in its folder (TcEx reads install.json from the working directory);
 * when the working directory has no install.json, the entry's own folder is the app folder (the
 * package: app.mjs beside install.json).
 */
export function appDirOf(cwd: string, entry: string | undefined): string {
  if (existsSync(join(cwd, 'install.json')) || entry === undefined) return cwd;
  const beside = dirname(resolve(cwd, entry));
  return existsSync(join(beside, 'install.json')) ? beside : cwd;
}

export function readRuntimeEnv(): RuntimeEnv {
  return {
    env: process.env,
    argv: process.argv.slice(2),
    appDir: appDirOf(process.cwd(), process.argv[1]),
  };
}
