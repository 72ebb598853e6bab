import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "./embedded";
import { describeDatabaseError } from "./describe-error";
import { migrate } from "./migrate";
import { settings } from "@/lib/settings";

export interface ScriptDatabase {
  url: string;
  close(): Promise<void>;
}

export class ScriptDatabaseError extends Error {}

/**
 * The database for a command-line script: DATABASE_URL when set, else the embedded server
 * of this checkout (started for the script and stopped after it, or shared with a running
 * app, which keeps it). Migrations are applied first (unless `migrations: false`, for a
 * restore), so a script never meets an old schema.
 */
export async function openScriptDatabase(
  root: string,
  { migrations = true }: { migrations?: boolean } = {},
): Promise<ScriptDatabase> {
  const { DATABASE_URL, CLAIMDESK_DATA_DIR } = settings();
  if (DATABASE_URL) {
    const url = DATABASE_URL;
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    client.on("error", () => {});
    try {
      await client.connect();
    } catch (error) {
      throw new ScriptDatabaseError(describeDatabaseError(error, url));
    } finally {
      await client.end().catch(() => {});
    }
    if (migrations) await migrate(url);
    return { url, close: async () => {} };
  }
  const dataDir = path.resolve(root, CLAIMDESK_DATA_DIR);
  const embedded = await startEmbeddedPostgres({ dataDir });
  if (migrations) await migrate(embedded.url);
  return {
    url: embedded.url,
    // A server that was already running belongs to the app: leave it up.
    close: async () => (embedded.recovered ? undefined : embedded.stop()),
  };
}
