/**
 * The end of every command-line script: run `main`, exit with the code it returns, or
 * print one line "<name>: <what went wrong>" (no stack trace) and exit 1.
 */
export function runMain(
  name: string,
  main: () => Promise<number>,
  describe: (error: unknown) => string = (error) =>
    error instanceof Error ? error.message : String(error),
): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`${name}: ${describe(error)}`);
      process.exit(1);
    },
  );
}
