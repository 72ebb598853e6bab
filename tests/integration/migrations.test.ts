import { mkdtemp, mkdir, readFile, writeFile, cp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  MIGRATIONS_DIR,
  MigrationError,
  migrate,
  migrationChecksum,
  readMigrations,
} from "@/lib/db/migrate";
import { query, withEmptyDatabase } from "../support/databases";
import {
  actualShape,
  datamodelFromPrisma,
  diffShapes,
  expectedShape,
} from "../support/schema-drift";

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  applied_steps_count: number;
  logs: string | null;
}

const rowsOf = (url: string) =>
  query<MigrationRow>(
    url,
    `SELECT migration_name, checksum, finished_at, applied_steps_count, logs FROM "_prisma_migrations" ORDER BY started_at`,
  );

describe("the migration runner", () => {
  it("records each migration as Prisma does: name, sha256 of the file, finished, one step", async () => {
    await withEmptyDatabase(async (url) => {
      const files = await readMigrations();
      const result = await migrate(url);
      expect(result.applied).toEqual(files.map((f) => f.name));
      const rows = await rowsOf(url);
      expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
      for (const [i, row] of rows.entries()) {
        const sql = await readFile(
          path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"),
          "utf8",
        );
        expect(row.checksum).toBe(migrationChecksum(sql));
        expect(row.checksum).toBe(files[i]!.checksum);
        expect(row.finished_at).toBeInstanceOf(Date);
        expect(row.applied_steps_count).toBe(1);
      }
    });
  });

  it("applies nothing the second time", async () => {
    await withEmptyDatabase(async (url) => {
      await migrate(url);
      const again = await migrate(url);
      expect(again.applied).toEqual([]);
      expect(again.alreadyApplied.length).toBeGreaterThan(0);
      expect((await rowsOf(url)).length).toBe(again.alreadyApplied.length);
    });
  });

  it("applies each migration once when four instances start together", async () => {
    await withEmptyDatabase(async (url) => {
      const results = await Promise.all([migrate(url), migrate(url), migrate(url), migrate(url)]);
      const appliedCounts = results.map((r) => r.applied.length);
      const total = (await readMigrations()).length;
      expect(appliedCounts.filter((n) => n === total)).toHaveLength(1);
      expect(appliedCounts.filter((n) => n === 0)).toHaveLength(3);
      expect(await rowsOf(url)).toHaveLength(total);
    });
  });

  it("leaves nothing half-applied when a migration fails, records the failure and refuses to go on", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "claimdesk-migrations-"));
    await mkdir(path.join(dir, "20990101000000_ok"));
    await writeFile(
      path.join(dir, "20990101000000_ok", "migration.sql"),
      `CREATE TABLE "Ok" ("id" INTEGER);`,
    );
    await mkdir(path.join(dir, "20990102000000_broken"));
    await writeFile(
      path.join(dir, "20990102000000_broken", "migration.sql"),
      `CREATE TABLE "Half" ("id" INTEGER);\nSELECT * FROM "NoSuchTable";`,
    );
    await withEmptyDatabase(async (url) => {
      await expect(migrate(url, { dir })).rejects.toThrow(/20990102000000_broken failed/);
      const tables = await query<{ table_name: string }>(
        url,
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
      );
      expect(tables.map((t) => t.table_name)).toEqual(["Ok", "_prisma_migrations"]);
      const rows = await rowsOf(url);
      expect(rows.find((r) => r.migration_name === "20990102000000_broken")).toMatchObject({
        finished_at: null,
        logs: expect.stringContaining("NoSuchTable"),
      });
      await expect(migrate(url, { dir })).rejects.toBeInstanceOf(MigrationError);
    });
  });

  it("reports a migration whose file changed after it was applied", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "claimdesk-migrations-"));
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    await withEmptyDatabase(async (url) => {
      await migrate(url, { dir });
      const [first] = await readMigrations(dir);
      await writeFile(path.join(dir, first!.name, "migration.sql"), first!.sql + "\n-- edited\n");
      expect((await migrate(url, { dir })).modified).toEqual([first!.name]);
    });
  });

  it("produces a database the drift check tells apart from schema.prisma once a column is dropped", async () => {
    await withEmptyDatabase(async (url) => {
      await migrate(url);
      await query(url, `ALTER TABLE "Evidence" DROP COLUMN "publisher"`);
      const schema = await readFile(path.resolve(MIGRATIONS_DIR, "../schema.prisma"), "utf8");
      expect(
        diffShapes(expectedShape(datamodelFromPrisma(schema)), await actualShape(url)),
      ).toEqual(["column Evidence.publisher is missing from the migrations"]);
    });
  });
});

describe("the audit log", () => {
  it("accepts inserts and rejects UPDATE, DELETE and TRUNCATE in the database itself", async () => {
    await withEmptyDatabase(async (url) => {
      await migrate(url);
      await query(
        url,
        `INSERT INTO "AuditEvent" ("actorLabel", "action", "entity", "entityId") VALUES ('test', 'x.create', 'X', '1')`,
      );
      await expect(query(url, `UPDATE "AuditEvent" SET "action" = 'forged'`)).rejects.toThrow(
        /append-only/,
      );
      await expect(query(url, `DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
      await expect(query(url, `TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
      const rows = await query<{ action: string }>(url, `SELECT "action" FROM "AuditEvent"`);
      expect(rows).toEqual([{ action: "x.create" }]);
    });
  });
});
