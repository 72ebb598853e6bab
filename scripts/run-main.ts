import { parseArgs, type ParseArgsConfig } from "node:util";

/**
 * The end of every command-line script: run `main`, exit with the code it returns, or
 * print one line "<name>: <what went wrong>" (no stack trace) and exit 1 (2, with the
 * usage, for a command line that does not parse).
 */
export function runMain(
  name: string,
  main: () => Promise<number>,
  describe: (error: unknown) => string = (error) =>
    error instanceof Error ? error.message : String(error),
  usage?: string,
): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof UsageError) {
        console.error(`${name}: ${error.message}${usage ? `\nusage: ${usage}` : ""}`);
        process.exit(2);
      }
      console.error(`${name}: ${describe(error)}`);
      process.exit(1);
    },
  );
}

/** A command line that does not parse: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/**
 * `node:util` parseArgs, strict: an unknown or mistyped flag, a missing value or a stray
 * positional is an error that names it, printed with `usage` (exit code 2), never ignored.
 */
export function parseCommandLine<T extends ParseArgsConfig["options"]>(
  argv: string[],
  options: T,
  { positionals = false }: { positionals?: boolean } = {},
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: positionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
