/**
 * One `cartella` sub-command. Commands print JSON lines where a program would read them and
 * return the process exit code: 0 ok, 1 failure, 2 usage error.
 */
export interface CliCommand {
  /** The word after `cartella`, e.g. `validate`. */
  name: string;
  /** One line for `cartella --help`. */
  summary: string;
  /** Full usage text for `cartella <name> --help`. */
  usage: string;
  run(argv: string[]): Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Thrown by argument parsing; main prints the message and the command's usage, exit 2. */
export class UsageError extends Error {}

export function printJsonLine(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
