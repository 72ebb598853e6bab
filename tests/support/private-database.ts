import { randomBytes } from "node:crypto";
import pg from "pg";
import { migrate } from "@/lib/db/migrate";

/**
 * A migrated database of the test file's own, for tests that count every row of every
 * table: other test files write to the shared database at the same time. Call it from
 * vi.hoisted (before lib/db is imported), since it points DATABASE_URL at the new database.
 */
export async function usePrivateDatabase(adminUrl: string): Promise<{
  url: string;
  drop: () => Promise<void>;
}> {
  const name = `claimdesk_private_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  process.env.DATABASE_URL = url.toString();
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export { rowCounts } from "@/lib/db/backup";
