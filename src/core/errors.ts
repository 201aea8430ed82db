/** Errors that end a run, each with its exit code. Problems with single files are `ScanError`s in the report instead. */

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
export const EXIT_FAILURE = 3;

/** A bad command line (unknown option value, missing file): exit 2. */
export class UsageError extends Error {
  readonly exitCode = EXIT_USAGE;
  override name = 'UsageError';
}

/** A bad configuration or baseline file: exit 2, naming the file and, when known, the line. */
export class ConfigError extends Error {
  readonly exitCode = EXIT_USAGE;
  override name = 'ConfigError';

  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly detail: string,
  ) {
    super(`${file}${line !== null ? `:${line}` : ''}: ${detail}`);
  }
}
