/**
 * `npm run db:restore -- <file>`: loads a backup made by `npm run db:backup` into an empty
 * database (DATABASE_URL, or the embedded one of CLAIMDESK_DATA_DIR / .data), all of it
 * or nothing. To restore beside the current data:
 *   CLAIMDESK_DATA_DIR=.data-restored npm run db:restore -- backup-file
 *   CLAIMDESK_DATA_DIR=.data-restored npm start
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { RestoreError, restoreDatabase } from "@/lib/db/backup";
import { openScriptDatabase, ScriptDatabaseError } from "@/lib/db/script-database";
import { parseCommandLine, runMain, UsageError } from "./run-main";

const ROOT = path.resolve(import.meta.dirname, "..");

const USAGE = "npm run db:restore -- <file>";

async function main(argv: string[]): Promise<number> {
  const { positionals } = parseCommandLine(argv, {}, { positionals: true });
  if (positionals.length > 1) throw new UsageError("name one backup file");
  const file = positionals[0];
  if (!file || !existsSync(file)) {
    console.error(
      `db:restore: ${file ? `${file} does not exist` : "name the backup file: npm run db:restore -- <file>"}`,
    );
    return 2;
  }
  const db = await openScriptDatabase(ROOT, { migrations: false });
  try {
    const started = performance.now();
    const result = await restoreDatabase(db.url, path.resolve(file), {
      log: (line) => console.error(`db:restore: ${line}`),
    });
    const rows = Object.values(result.counts).reduce((a, b) => a + b, 0);
    console.log(
      `db:restore: ${rows} rows in ${Object.keys(result.counts).length} tables restored ` +
        `(${result.method}, ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

runMain(
  "db:restore",
  () => main(process.argv.slice(2)),
  (error) =>
    error instanceof RestoreError || error instanceof ScriptDatabaseError
      ? error.message
      : String(error),
  USAGE,
);
