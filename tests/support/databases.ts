import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import pg from "pg";

/** Creates an empty database on the test server, runs `fn` with its URL, then drops it. */
export async function withEmptyDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const adminUrl = inject("adminDatabaseUrl");
  const name = `claimdesk_scratch_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

export async function query<R extends pg.QueryResultRow = pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
