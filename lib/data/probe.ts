import pg from "pg";
import { settings } from "@/lib/settings";

/**
 * A cheap check, before a request is served, that the database answers: during an outage
 * every request gets a clear 503 at once instead of failing half-way through a page. A
 * success is trusted for a second, a failure never, so the app is back as soon as
 * Postgres is.
 */
const TRUST_MS = 1_000;

let pool: pg.Pool | null = null;
let lastSuccess = 0;

function probePool(): pg.Pool {
  if (!pool) {
    pool = new pg.Pool({
      connectionString: settings().DATABASE_URL,
      max: 1,
      connectionTimeoutMillis: 2_000,
      idleTimeoutMillis: 10_000,
    });
    // A server restart kills idle connections; the pool drops them and connects anew.
    pool.on("error", () => {});
  }
  return pool;
}

export async function databaseAnswers(): Promise<boolean> {
  if (Date.now() - lastSuccess < TRUST_MS) return true;
  try {
    await probePool().query("SELECT 1");
    lastSuccess = Date.now();
    return true;
  } catch {
    return false;
  }
}
