import { mkdtemp, mkdir, chmod, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  resetEmbeddedPostgres,
  startEmbeddedPostgres,
  untraversableParents,
} from "@/lib/db/embedded";
import { query } from "../support/databases";

const ROOT = path.resolve(import.meta.dirname, "../..");
const scratch: string[] = [];

afterAll(async () => {
  for (const dir of scratch) await resetEmbeddedPostgres(dir);
});

async function scratchDir() {
  await mkdir(path.join(ROOT, ".data"), { recursive: true });
  const dir = await mkdtemp(path.join(ROOT, ".data", "embedded-test-"));
  scratch.push(dir);
  return dir;
}

describe("the embedded PostgreSQL", () => {
  it("keeps its data across a stop and a start", async () => {
    const dataDir = await scratchDir();
    const first = await startEmbeddedPostgres({ dataDir });
    expect(first.created).toBe(true);
    await query(first.url, `CREATE TABLE kept (v TEXT); INSERT INTO kept VALUES ('still here')`);
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir });
    try {
      expect(second.created).toBe(false);
      expect(second.recovered).toBe(false);
      expect(await query(second.url, `SELECT v FROM kept`)).toEqual([{ v: "still here" }]);
    } finally {
      await second.stop();
    }
  });

  it("takes over a server left running by a killed app, with its data", async () => {
    const dataDir = await scratchDir();
    const orphaned = await startEmbeddedPostgres({ dataDir });
    await query(orphaned.url, `CREATE TABLE kept (v INT); INSERT INTO kept VALUES (42)`);
    // The app dies without stopping the server: the next start must find and reuse it.
    const next = await startEmbeddedPostgres({ dataDir });
    try {
      expect(next.recovered).toBe(true);
      expect(next.url).toBe(orphaned.url);
      expect(await query(next.url, `SELECT v FROM kept`)).toEqual([{ v: 42 }]);
    } finally {
      await next.stop();
    }
  });

  it("uses a UTF-8 database that stores any text exactly", async () => {
    const dataDir = await scratchDir();
    const db = await startEmbeddedPostgres({ dataDir });
    try {
      const text = "Nebenzia said «нет» — 🙂 and العربية";
      expect(await query(db.url, `SELECT $1::text AS t, lower('ÉCOLE') AS l`, [text])).toEqual([
        { t: text, l: "école" },
      ]);
    } finally {
      await db.stop();
    }
  });
});

describe("finding folders the postgres user cannot enter", () => {
  it("names a parent folder without the execute bit for others", async () => {
    const dir = await scratchDir();
    await chmod(dir, 0o755); // mkdtemp makes it 0700
    const locked = path.join(dir, "locked");
    await mkdir(path.join(locked, "inner"), { recursive: true });
    await chmod(locked, 0o700);
    try {
      // uid/gid of nobody in particular: neither owner nor group of the folders.
      expect(
        await untraversableParents(path.join(locked, "inner", "pg"), { uid: 54321, gid: 54321 }),
      ).toContain(locked);
      expect(
        await untraversableParents(path.join(dir, "pg"), { uid: 54321, gid: 54321 }),
      ).not.toContain(dir);
    } finally {
      await chmod(locked, 0o755);
      await rm(locked, { recursive: true });
    }
  });

  it("has nothing to check when not running as root", async () => {
    expect(await untraversableParents("/root/anything", {})).toEqual([]);
  });
});
