import pg from "pg";
import { describeDatabaseError } from "./describe-error";

/**
 * Connects once to the server of a URL and runs `SELECT 1`; throws an Error whose message
 * says what went wrong in words (lib/db/describe-error.ts), never the password.
 */
export async function checkConnection(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    throw new Error(describeDatabaseError(error, url));
  } finally {
    await client.end().catch(() => {});
  }
}
