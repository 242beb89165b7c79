/** The only place the service entry reads its process environment and arguments. */
export interface RuntimeEnv {
  env: Record<string, string | undefined>;
  argv: readonly string[];
  /** The app directory: install.json is read from here (the platform starts apps in it). */
  appDir: string;
}

export function readRuntimeEnv(): RuntimeEnv {
  return {
    env: process.env,
    argv: process.argv.slice(2),
    appDir: process.cwd(),
  };
}
