/** A problem that stops packaging: what went wrong, in which file, and what to do about it. */
export class PackagingError extends Error {
  readonly file: string;
  readonly hint: string;

  constructor(file: string, message: string, hint = '') {
    super(message);
    this.name = 'PackagingError';
    this.file = file;
    this.hint = hint;
  }
}
