/**
 * `npm run db:backup -- [file]`: a consistent backup of the whole database (DATABASE_URL,
 * or the embedded one of this checkout) to `file`, by default
 * .data/backups/claimdesk-<date-time>.backup. See lib/db/backup.ts for the two methods.
 */
import { mkdir, stat } from "node:fs/promises";
import path from "node:path";
import { backupDatabase } from "@/lib/db/backup";
import { openScriptDatabase, ScriptDatabaseError } from "@/lib/db/script-database";
import { runMain } from "./run-main";

const ROOT = path.resolve(import.meta.dirname, "..");

async function main(argv: string[]): Promise<number> {
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  const file = path.resolve(
    argv[0] ?? path.join(ROOT, ".data/backups", `claimdesk-${stamp}.backup`),
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
);
