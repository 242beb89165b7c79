/**
 * The one helper every command-line tool uses: a usage text built from the option list (so
 * `--help` always names every option), argument checking with `util.parseArgs` before anything
 * starts, and one clear line on failure instead of a stack trace.
 *
 * Exit codes: 0 done, 1 the work failed (the line says what to fix), 2 the command line is wrong.
 */
import { parseArgs } from 'node:util';

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** Placeholder shown in the usage, e.g. N, FILE, URL. */
  value?: string;
  help: string;
  default?: string | boolean;
  multiple?: boolean;
  short?: string;
}

export interface CliSpec {
  /** How the user runs it, e.g. `npm run send --`. */
  command: string;
  /** Positional part of the usage line, e.g. `<sample | triggerId [file]>`. */
  args?: string;
  summary: string;
  options: Record<string, OptionSpec>;
  /** Extra lines after the options (examples, notes). */
  notes?: string[];
  /** Allowed number of positionals; default none. */
  positionals?: { min: number; max: number };
}

/** A failure of the work itself: printed as one line, exit 1. `fix` says what to do. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly fix?: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** A wrong command line: printed with the usage line, exit 2. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, undefined, 2);
  }
}

export const EXIT_CODES = 'Exit codes: 0 ok, 1 failure (the message names the fix), 2 wrong usage.';

function optionLine(name: string, o: OptionSpec): string {
  const flag = `--${name}${o.value ? ` ${o.value}` : ''}`;
  const def = o.default !== undefined && o.default !== false ? ` (default ${String(o.default)})` : '';
  return `  ${flag.padEnd(22)} ${o.help}${def}`;
}

export function usageLine(spec: CliSpec): string {
  const flags = Object.entries(spec.options)
    .map(([name, o]) => `[--${name}${o.value ? ` ${o.value}` : ''}]`)
    .join(' ');
  return ['Usage:', spec.command, spec.args, flags, '[--help]'].filter(Boolean).join(' ');
}

export function helpText(spec: CliSpec): string {
  const lines = [usageLine(spec), '', spec.summary, '', 'Options:'];
  for (const [name, o] of Object.entries(spec.options)) lines.push(optionLine(name, o));
  lines.push(optionLine('help', { type: 'boolean', help: 'show this help and exit' }));
  if (spec.notes?.length) lines.push('', ...spec.notes);
  lines.push('', EXIT_CODES);
  return lines.join('\n');
}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  help: boolean;
}

/** parseArgs' own messages are long and mention its API: the first sentence, e.g. `unknown option --bogus`. */
export function parseArgsProblem(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split(/\.\s/)[0]!.replace(/^Unknown option '([^']+)'.*/, 'unknown option $1');
}

/** Parses argv against the spec; throws UsageError for anything unknown or missing. */
export function parseCommandLine(spec: CliSpec, argv: readonly string[]): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string; default?: string | boolean | string[] }> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const [name, o] of Object.entries(spec.options)) {
    options[name] = {
      type: o.type,
      ...(o.multiple ? { multiple: true } : {}),
      ...(o.short ? { short: o.short } : {}),
      ...(o.default !== undefined ? { default: o.multiple ? [] : o.default } : o.multiple ? { default: [] } : {}),
    };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(parseArgsProblem(err));
  }
  const values = parsed.values as ParsedArgs['values'];
  const help = values.help === true;
  const { min, max } = spec.positionals ?? { min: 0, max: 0 };
  if (!help) {
    if (parsed.positionals.length > max) throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[max])}`);
    if (parsed.positionals.length < min) throw new UsageError(`missing ${spec.args ?? 'argument'}`);
  }
  return { values, positionals: parsed.positionals, help };
}

/** An integer option within bounds, or a UsageError naming the option and what it got. */
export function intOption(raw: unknown, name: string, min: number, max: number): number {
  const text = String(raw);
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`);
  return n;
}

/**
 * Options npm took for itself: `npm start --port 8043` (no `--` before the tool's options) makes npm
 * set `npm_config_port` and pass on only `8043`. The names of the spec's options npm took.
 */
export function optionsNpmTook(spec: CliSpec, argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string[] {
  return Object.keys(spec.options).filter(
    (name) => env[`npm_config_${name.replace(/-/g, '_')}`] !== undefined && !argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`)),
  );
}

/** The one line printed for a failure. */
export function failureLine(spec: Pick<CliSpec, 'command'>, err: unknown): string {
  const name = spec.command.replace(/^npm (run )?/, '').replace(/ --$/, '');
  if (err instanceof CliError) return `${name}: ${err.message}${err.fix ? `; ${err.fix}` : ''}`;
  const e = err as { code?: unknown; message?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  return `${name} failed: ${message.split('\n')[0]}${typeof e?.code === 'string' && !message.includes(e.code) ? ` (${e.code})` : ''}`;
}

function report(spec: CliSpec, err: unknown): number {
  process.stderr.write(`${failureLine(spec, err)}\n`);
  if (err instanceof UsageError) process.stderr.write(`${usageLine(spec)}\nRun with --help for details.\n`);
  if (process.env['ALERT_INTAKE_DEBUG'] && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  return err instanceof CliError ? err.exitCode : 1;
}

/**
 * Runs a tool: `--help` prints the help (exit 0); a bad command line prints the problem and the
 * usage line (exit 2); a thrown error prints one line (exit 1, or the CliError's code); otherwise
 * the exit code `main` returns (default 0). Uncaught errors and rejections are reported the same
 * way. Set ALERT_INTAKE_DEBUG=1 to see stack traces.
 */
export async function runCli(
  spec: CliSpec,
  main: (args: ParsedArgs) => Promise<number | undefined> | number | undefined,
  argv: readonly string[] = process.argv.slice(2),
): Promise<void> {
  const fatal = (err: unknown) => {
    process.exitCode = report(spec, err);
    process.exit();
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  try {
    const took = optionsNpmTook(spec, argv);
    if (took.length > 0) {
      const flags = took.map((n) => `--${n}`).join(' ');
      throw new UsageError(`npm took ${flags} for itself; put -- before the tool's options: ${spec.command} ${flags} …`);
    }
    const args = parseCommandLine(spec, argv);
    if (args.help) {
      process.stdout.write(`${helpText(spec)}\n`);
      process.exitCode = 0;
      return;
    }
    const code = await main(args);
    process.exitCode = typeof code === 'number' ? code : 0;
  } catch (err) {
    process.exitCode = report(spec, err);
  }
}
