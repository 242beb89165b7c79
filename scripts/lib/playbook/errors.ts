/** The three ways a play stops or branches on an error. */
import { CliError } from '../../../app/cli/command-line.js';

/** The playbook cannot run as written (undefined variable, unknown app, broken wiring): the run stops, naming the job. */
export class PlaybookError extends Error {
  constructor(
    message: string,
    /** "Template › job 5 "Enrich…" › job 2 "Decide…"": where it happened. */
    readonly where: string,
  ) {
    super(`${where}: ${message}`);
    this.name = 'PlaybookError';
  }
}

/** An app ended with an error (as a real app exits non-zero): its Fail edge is taken, or the run stops. */
export class AppFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AppFailure';
  }
}

/** A variable the job reads was never produced on this path. */
export class UndefinedVariable extends Error {
  constructor(
    readonly variable: string,
    why: string,
    /** not-run: the producer exists but did not run on this path (a branch not taken). */
    readonly kind: 'not-run' | 'missing' = 'missing',
  ) {
    super(`undefined variable ${variable}: ${why}`);
    this.name = 'UndefinedVariable';
  }
}

/** Bad command-line input or an unreadable input file: one line naming the fix, exit 2. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, undefined, 2);
    this.name = 'UsageError';
  }
}
