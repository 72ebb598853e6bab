/**
 * `npm run db:backup -- [file]`: a consistent backup of the whole database (DATABASE_URL,
 * or the embedded one of this checkout) to `file`, by default
 * .data/backups/claimdesk-<date-time>.backup. See lib/db/backup.ts for the two methods.
 */
import { mkdir, stat } from "node:fs/promises";
import path from "node:path";
import { backupDatabase } from "@/lib/db/backup";
import { openScriptDatabase, ScriptDatabaseError } from "@/lib/db/script-database";
import { parseCommandLine, runMain, UsageError } from "./run-main";

const ROOT = path.resolve(import.meta.dirname, "..");

const USAGE = "npm run db:backup -- [file]";

async function main(argv: string[]): Promise<number> {
  const { positionals } = parseCommandLine(argv, {}, { positionals: true });
  if (positionals.length > 1) throw new UsageError("name one backup file at most");
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  const file = path.resolve(
    positionals[0] ?? path.join(ROOT, ".data/backups", `claimdesk-${stamp}.backup`),
  );
  await mkdir(path.dirname(file), { recursive: true });
  const db = await openScriptDatabase(ROOT);
  try {
    const started = performance.now();
    const result = await backupDatabase(db.url, file, {
      log: (line) => console.error(`db:backup: ${line}`),
    });
    const rows = Object.values(result.counts).reduce((a, b) => a + b, 0);
    const size = (await stat(file)).size;
    console.log(
      `db:backup: ${rows} rows in ${Object.keys(result.counts).length} tables (${result.method}, ` +
        `${(size / 1024 / 1024).toFixed(1)} MB, ${((performance.now() - started) / 1000).toFixed(1)} s) → ${file}`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

runMain(
  "db:backup",
  () => main(process.argv.slice(2)),
  (error) => (error instanceof ScriptDatabaseError ? error.message : String(error)),
  USAGE,
);
