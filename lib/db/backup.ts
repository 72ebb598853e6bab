import { execFile, spawn } from "node:child_process";
import { createReadStream, createWriteStream } from "node:fs";
import { open } from "node:fs/promises";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import pg from "pg";
import { migrate, readMigrations } from "./migrate";

/**
 * Backups of the whole database, consistent at one instant:
 *
 *   - with pg_dump, when one at least as new as the server is installed (custom format,
 *     restored by pg_restore);
 *   - otherwise (the embedded package ships no pg_dump) a logical dump taken by this app:
 *     every table read in one REPEATABLE READ, READ ONLY transaction, one JSON object a
 *     row, exactly as PostgreSQL's row_to_json writes it. It restores into an empty
 *     database of the same schema version with no client tools and no superuser.
 *
 * Logical format, one line each: `@claimdesk-backup {header}`, then for each table
 * `@table <name>`, its rows, `@end <name> <rows>`; last `@complete {counts}` (a backup
 * without it was cut short and is refused).
 */
export const LOGICAL_MAGIC = "@claimdesk-backup ";
const PG_DUMP_MAGIC = "PGDMP";
const BATCH_ROWS = 1000;

export interface BackupResult {
  method: "pg_dump" | "logical";
  counts: Record<string, number>;
}

type Log = (line: string) => void;

const run = promisify(execFile);

/** pg_dump's major version, or null when it is missing. */
async function pgDumpMajor(): Promise<number | null> {
  try {
    const { stdout } = await run("pg_dump", ["--version"]);
    const match = /(\d+)(?:\.\d+)?/.exec(stdout);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** A URL for pg_dump/pg_restore with the password moved to PGPASSWORD (not in `ps`). */
function clientTarget(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return { url: parsed.toString(), env: { ...process.env, PGPASSWORD: password } };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The app's tables, parents before children (by foreign keys between different tables). */
async function tablesInOrder(client: pg.Client): Promise<string[]> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'
      ORDER BY 1`,
  );
  const { rows: edges } = await client.query<{ child: string; parent: string }>(
    `SELECT DISTINCT c.relname AS child, p.relname AS parent
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public' AND k.conrelid <> k.confrelid`,
  );
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (ordered.includes(name)) return;
    if (visiting.has(name)) throw new Error(`foreign keys form a cycle through ${name}`);
    visiting.add(name);
    for (const edge of edges) if (edge.child === name) visit(edge.parent);
    visiting.delete(name);
    ordered.push(name);
  };
  for (const { name } of tables) visit(name);
  return ordered;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Primary-key columns of a table, for a stable row order. */
async function primaryKey(client: pg.Client, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT a.attname AS name FROM pg_index i
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
      WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY a.attnum`,
    [quote(table)],
  );
  return rows.map((r) => r.name);
}

async function write(stream: NodeJS.WritableStream, text: string) {
  if (!stream.write(text)) await once(stream, "drain");
}

export async function backupDatabase(
  url: string,
  file: string,
  { method = "auto", log = () => {} }: { method?: "auto" | "logical"; log?: Log } = {},
): Promise<BackupResult> {
  if (method === "auto") {
    const dumpMajor = await pgDumpMajor();
    const serverMajor = await withClient(url, async (c) =>
      Math.floor(
        Number((await c.query("SHOW server_version_num")).rows[0].server_version_num) / 10000,
      ),
    );
    if (dumpMajor !== null && dumpMajor >= serverMajor) {
      log(`pg_dump ${dumpMajor} for server ${serverMajor}`);
      const target = clientTarget(url);
      await run(
        "pg_dump",
        ["--format=custom", "--no-owner", "--file", file, "--dbname", target.url],
        { maxBuffer: 16 * 1024 * 1024, env: target.env },
      );
      return { method: "pg_dump", counts: await rowCounts(url) };
    }
    log(
      dumpMajor === null
        ? "no pg_dump installed: taking a logical dump"
        : `pg_dump ${dumpMajor} is older than the server (${serverMajor}): taking a logical dump`,
    );
  }
  return withClient(url, async (client) => {
    const out = createWriteStream(file, { mode: 0o600 });
    const counts: Record<string, number> = {};
    try {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      const migrations = (
        await client.query<{ name: string }>(
          `SELECT migration_name AS name FROM "_prisma_migrations"
            WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY 1`,
        )
      ).rows.map((r) => r.name);
      const tables = await tablesInOrder(client);
      const header = { version: 1, takenAt: new Date().toISOString(), migrations, tables };
      await write(out, `${LOGICAL_MAGIC}${JSON.stringify(header)}\n`);
      for (const table of tables) {
        const order = (await primaryKey(client, table)).map(quote).join(", ");
        await client.query(
          `DECLARE backup_rows NO SCROLL CURSOR FOR
             SELECT row_to_json(t)::text AS line FROM ${quote(table)} t ORDER BY ${order}`,
        );
        await write(out, `@table ${table}\n`);
        let count = 0;
        for (;;) {
          const { rows } = await client.query<{ line: string }>(
            `FETCH ${BATCH_ROWS} FROM backup_rows`,
          );
          if (rows.length === 0) break;
          await write(out, rows.map((r) => r.line).join("\n") + "\n");
          count += rows.length;
        }
        await client.query("CLOSE backup_rows");
        await write(out, `@end ${table} ${count}\n`);
        counts[table] = count;
        log(`${table}: ${count} rows`);
      }
      await write(out, `@complete ${JSON.stringify(counts)}\n`);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      out.end();
      await once(out, "close");
    }
    return { method: "logical" as const, counts };
  });
}

export class RestoreError extends Error {}

/** Rows in every table of the app (the migrations table aside). */
export async function rowCounts(url: string): Promise<Record<string, number>> {
  return withClient(url, countRows);
}

async function fileMagic(file: string): Promise<string> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(LOGICAL_MAGIC.length);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString("latin1");
  } finally {
    await handle.close();
  }
}

/**
 * Loads a backup into an empty database, in one transaction: all of it or nothing. A
 * logical backup needs the schema version it was taken at (its migrations are applied
 * first); pg_dump's format brings its own schema and needs a database with no tables.
 */
export async function restoreDatabase(
  url: string,
  file: string,
  { log = () => {} }: { log?: Log } = {},
): Promise<BackupResult> {
  const magic = await fileMagic(file);
  if (magic.startsWith(PG_DUMP_MAGIC)) {
    const tables = await withClient(url, async (c) =>
      Number(
        (await c.query(`SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'`)).rows[0]
          .n,
      ),
    );
    if (tables > 0)
      throw new RestoreError("A pg_dump backup restores only into a database with no tables.");
    await new Promise<void>((resolve, reject) => {
      const target = clientTarget(url);
      const child = spawn(
        "pg_restore",
        ["--no-owner", "--single-transaction", "--exit-on-error", "--dbname", target.url, file],
        { stdio: ["ignore", "inherit", "inherit"], env: target.env },
      );
      child.on("error", reject);
      child.on("exit", (code) =>
        code === 0 ? resolve() : reject(new RestoreError(`pg_restore failed (exit code ${code})`)),
      );
    });
    return { method: "pg_dump", counts: await rowCounts(url) };
  }
  if (magic !== LOGICAL_MAGIC) throw new RestoreError(`${file} is not a ClaimDesk backup.`);
  return restoreLogical(url, file, log);
}

async function restoreLogical(url: string, file: string, log: Log): Promise<BackupResult> {
  const lines = createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  const first = (await iterator.next()).value as string;
  const header = JSON.parse(first.slice(LOGICAL_MAGIC.length)) as {
    migrations: string[];
    tables: string[];
  };
  const known = (await readMigrations()).map((m) => m.name);
  const missing = header.migrations.filter((name) => !known.includes(name));
  if (missing.length > 0 || header.migrations.length !== known.length) {
    throw new RestoreError(
      `This backup is of schema version ${header.migrations.at(-1)}; this ClaimDesk has ${known.at(-1)}. ` +
        "Restore it with the version of ClaimDesk that took it, then upgrade.",
    );
  }
  await migrate(url);

  return withClient(url, async (client) => {
    const nonEmpty = Object.entries(await countRows(client)).filter(([, n]) => n > 0);
    if (nonEmpty.length > 0) {
      throw new RestoreError(
        `The database is not empty (${nonEmpty.map(([t, n]) => `${t}: ${n} rows`).join(", ")}); restore into an empty one.`,
      );
    }
    const counts: Record<string, number> = {};
    await client.query("BEGIN");
    try {
      let table: string | null = null;
      let loader: TableLoader | null = null;
      let complete = false;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        const line = next.value;
        if (line.startsWith("@table ")) {
          table = line.slice(7);
          loader = await TableLoader.open(client, table);
        } else if (line.startsWith("@end ")) {
          const expected = Number(line.split(" ")[2]);
          const loaded = await loader!.finish();
          if (loaded !== expected)
            throw new RestoreError(`${table}: ${loaded} rows read, the backup lists ${expected}`);
          counts[table!] = loaded;
          log(`${table}: ${loaded} rows`);
          table = null;
          loader = null;
        } else if (line.startsWith("@complete ")) {
          complete = true;
        } else if (loader) {
          await loader.add(line);
        } else if (line.trim()) {
          throw new RestoreError("The backup file is damaged (a row outside any table).");
        }
      }
      if (!complete) throw new RestoreError("The backup file is incomplete (it was cut short).");
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }
    return { method: "logical" as const, counts };
  });
}

async function countRows(client: pg.Client): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tablesInOrder(client)) {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM ${quote(table)}`);
    counts[table] = rows[0].n as number;
  }
  return counts;
}

/**
 * Inserts one table's rows in batches with json_populate_recordset (the types come from
 * the table itself). Columns that point at rows of the same table are filled in after the
 * whole table is in, so the row order never matters. Serial counters are moved past the
 * restored ids.
 */
class TableLoader {
  private batch: string[] = [];
  private loaded = 0;

  private constructor(
    private readonly client: pg.Client,
    private readonly table: string,
    private readonly columns: string[],
    private readonly selfReferences: string[],
    private readonly key: string[],
  ) {}

  static async open(client: pg.Client, table: string): Promise<TableLoader> {
    const { rows: columns } = await client.query<{ name: string }>(
      `SELECT attname AS name FROM pg_attribute
        WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
        ORDER BY attnum`,
      [quote(table)],
    );
    const { rows: selfRefs } = await client.query<{ name: string }>(
      `SELECT a.attname AS name FROM pg_constraint k
         JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY(k.conkey)
        WHERE k.contype = 'f' AND k.conrelid = $1::regclass AND k.confrelid = k.conrelid`,
      [quote(table)],
    );
    const loader = new TableLoader(
      client,
      table,
      columns.map((c) => c.name),
      selfRefs.map((c) => c.name),
      await primaryKey(client, table),
    );
    if (loader.selfReferences.length > 0) {
      await client.query(
        `CREATE TEMP TABLE restore_links ON COMMIT DROP AS
           SELECT ${[...loader.key, ...loader.selfReferences].map(quote).join(", ")}
             FROM ${quote(table)} WITH NO DATA`,
      );
    }
    return loader;
  }

  async add(line: string) {
    this.batch.push(line);
    if (this.batch.length >= BATCH_ROWS) await this.flush();
  }

  private async flush() {
    if (this.batch.length === 0) return;
    const json = `[${this.batch.join(",")}]`;
    this.batch = [];
    const source = `json_populate_recordset(NULL::${quote(this.table)}, $1::json)`;
    const values = this.columns
      .map((c) => (this.selfReferences.includes(c) ? "NULL" : quote(c)))
      .join(", ");
    const { rowCount } = await this.client.query(
      `INSERT INTO ${quote(this.table)} (${this.columns.map(quote).join(", ")})
       SELECT ${values} FROM ${source}`,
      [json],
    );
    if (this.selfReferences.length > 0) {
      const linked = [...this.key, ...this.selfReferences].map(quote).join(", ");
      await this.client.query(`INSERT INTO restore_links SELECT ${linked} FROM ${source}`, [json]);
    }
    this.loaded += rowCount ?? 0;
  }

  async finish(): Promise<number> {
    await this.flush();
    if (this.selfReferences.length > 0) {
      const set = this.selfReferences.map((c) => `${quote(c)} = l.${quote(c)}`).join(", ");
      const match = this.key.map((c) => `t.${quote(c)} = l.${quote(c)}`).join(" AND ");
      const any = this.selfReferences.map((c) => `l.${quote(c)} IS NOT NULL`).join(" OR ");
      await this.client.query(
        `UPDATE ${quote(this.table)} t SET ${set} FROM restore_links l WHERE ${match} AND (${any})`,
      );
      await this.client.query("DROP TABLE restore_links");
    }
    // Serial columns (e.g. the audit log's id) continue after the restored rows.
    const { rows: serials } = await this.client.query<{ name: string; seq: string | null }>(
      `SELECT attname AS name, pg_get_serial_sequence($1, attname) AS seq FROM pg_attribute
        WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
      [quote(this.table)],
    );
    for (const { name, seq } of serials) {
      if (!seq) continue;
      await this.client.query(
        `SELECT setval($1, coalesce((SELECT max(${quote(name)}) FROM ${quote(this.table)}), 0) + 1, false)`,
        [seq],
      );
    }
    return this.loaded;
  }
}
