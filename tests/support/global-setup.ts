import path from "node:path";
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import pg from "pg";
import {
  resetEmbeddedPostgres,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated database the tests share. */
    databaseUrl: string;
    /** A connection to the same server's `postgres` database, for tests that need their own database. */
    adminDatabaseUrl: string;
  }
}

/**
 * One real Postgres for the run: the embedded server in .data/test by default, or a fresh
 * database on the server named by DATABASE_URL.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedPostgres | null = null;
  let adminUrl: string;
  let databaseUrl: string;
  let dropDatabase: string | null = null;

  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    const name = `claimdesk_test_${randomBytes(4).toString("hex")}`;
    url.pathname = "/postgres";
    adminUrl = url.toString();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = name;
  } else {
    const dataDir = path.resolve(import.meta.dirname, "../../.data/test");
    await resetEmbeddedPostgres(dataDir);
    embedded = await startEmbeddedPostgres({ dataDir, database: "claimdesk_test" });
    databaseUrl = embedded.url;
    adminUrl = databaseUrl.replace(/\/claimdesk_test$/, "/postgres");
  }
  await migrate(databaseUrl);
  project.provide("databaseUrl", databaseUrl);
  project.provide("adminDatabaseUrl", adminUrl);

  return async () => {
    if (dropDatabase) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dropDatabase} WITH (FORCE)`);
      await admin.end();
    }
    await embedded?.stop();
  };
}
