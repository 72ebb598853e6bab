import "server-only";
import pg from "pg";
import { to as copyTo, type CopyToStreamQuery } from "pg-copy-streams";
import type { Publisher } from "@/lib/domain/export/claim-review";
import { csvHeader } from "@/lib/domain/export/csv";
import type { ExportFormat } from "@/lib/domain/export/types";
import { CopyBinaryReader, CsvRowEnds } from "@/lib/db/copy-binary";
import type { ExportFilter } from "@/lib/validation/export";
import { prisma } from "@/lib/db";
import { log } from "@/lib/log";
import { settings } from "@/lib/settings";
import { encodedExportSql } from "./export-sql";

/**
 * Exports have connections of their own (CLAIMDESK_EXPORT_CONNECTIONS, 2 by default): a
 * download holds its connection for as long as the client takes to read it, and downloads
 * must never take the pages' connections. A third download waits for one of them. So that
 * no one can hold them all: each person (or token) runs one export at a time, and a
 * download that takes nothing for CLAIMDESK_EXPORT_IDLE_SECONDS is ended (the route's
 * watchdog), which gives its connection back.
 */
let pool: pg.Pool | null = null;

/** Every export connection stayed busy for CLAIMDESK_EXPORT_WAIT_MS (30 s): try again later. */
export class ExportsBusyError extends Error {
  /** When to try again: by then a stalled download has been ended. */
  readonly retryAfterSeconds = settings().CLAIMDESK_EXPORT_IDLE_SECONDS;
  constructor() {
    super(
      `Other downloads are running; try again in ${settings().CLAIMDESK_EXPORT_IDLE_SECONDS} seconds.`,
    );
    this.name = "ExportsBusyError";
  }
}

/**
 * The caller's own earlier download still ran after CLAIMDESK_EXPORT_WAIT_MS: one at a time
 * each, the next waiting its turn only that long.
 */
export class ExportRunningError extends Error {
  readonly retryAfterSeconds = 10;
  constructor() {
    super(
      "Your other download is still running; wait for it to finish (or cancel it), then try again.",
    );
    this.name = "ExportRunningError";
  }
}

/** The advisory lock class of "an export runs for this caller" (any fixed number). */
const EXPORT_LOCK_CLASS = 0x45585054; // "EXPT"

/** Each caller's downloads of this process, in order: the last one's end. */
const callerQueues = new Map<string, Promise<void>>();

/**
 * Waits for the caller's earlier downloads (of this process) to end, up to the export wait,
 * and returns the function that ends this one's turn. Several files asked at once by one
 * client go one after the other, each on one connection, never on two.
 */
async function takeCallerTurn(caller: string, deadline: number): Promise<() => void> {
  const before = callerQueues.get(caller) ?? Promise.resolve();
  let end!: () => void;
  const mine = new Promise<void>((resolve) => (end = resolve));
  const queue = before.then(() => mine);
  callerQueues.set(caller, queue);
  const release = () => {
    end();
    if (callerQueues.get(caller) === queue) callerQueues.delete(caller);
  };
  let timer: NodeJS.Timeout | undefined;
  const waited = await Promise.race([
    before.then(() => true),
    new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
    }),
  ]);
  clearTimeout(timer);
  if (!waited) {
    // Those after this one still wait for the earlier ones (the queue goes on through `before`).
    release();
    throw new ExportRunningError();
  }
  return release;
}

function exportPool(): pg.Pool {
  if (pool) return pool;
  pool = new pg.Pool({
    connectionString: settings().DATABASE_URL,
    max: settings().CLAIMDESK_EXPORT_CONNECTIONS,
    application_name: "claimdesk export",
    connectionTimeoutMillis: settings().CLAIMDESK_EXPORT_WAIT_MS,
    idleTimeoutMillis: 10_000,
  });
  // An idle connection the server closed (a restart, a dropped database) is dropped from
  // the pool; without a listener, its error would end the process.
  pool.on("error", (error) => log.warn({ err: error }, "an idle export connection closed"));
  return pool;
}

/** Closes the export connections (the end of a command-line run). */
export async function closeExportConnections(): Promise<void> {
  const open = pool;
  pool = null;
  await open?.end();
}

const PIECE = 64 * 1024;
const CSV_HEADER = Buffer.from(csvHeader(), "utf8");
const bytes = (text: string) => Buffer.from(text, "utf8");
const NONE = Buffer.alloc(0);

/** What goes around and between the items of a JSON format. */
interface Frame {
  first: Buffer;
  between: Buffer;
  after: Buffer;
  end: Buffer;
  empty: Buffer;
}

const JSON_ARRAY: Frame = {
  first: bytes("[\n"),
  between: bytes(",\n"),
  after: NONE,
  end: bytes("\n]\n"),
  empty: bytes("[]\n"),
};

const FRAMES: Record<Exclude<ExportFormat, "csv">, Frame> = {
  jsonl: { first: NONE, between: NONE, after: bytes("\n"), end: NONE, empty: NONE },
  json: JSON_ARRAY,
  claimreview: JSON_ARRAY,
};

/**
 * Every claim of the filter in one format, as UTF-8 pieces of about 64 KB. PostgreSQL
 * encodes the claims (lib/data/export-sql.ts) and streams them by COPY: JSON, JSONL and
 * ClaimReview items by binary COPY (each item's bytes as they are; this only frames them
 * with brackets, commas and line breaks), CSV by COPY's own CSV (this only writes its rows'
 * ends as CRLF, after the header). One query in one snapshot, in constant memory: a slow
 * reader pauses the COPY. `onEnd` hears how many claims went out, `onWarning` ClaimReview's
 * warnings. Stopping early (a cancelled download) closes the connection, which ends the
 * query.
 */
export async function* exportBytes(
  format: ExportFormat,
  filter: ExportFilter,
  options: {
    appBase: string;
    publisher: Publisher;
    /**
     * Who asks ("user:<id>", "token:<id>"): one export at a time each. A second waits for
     * the first (ExportRunningError after CLAIMDESK_EXPORT_WAIT_MS); across processes a
     * session lock on the export's own connection, which ends with it, refuses it at once.
     */
    caller?: string;
    onEnd?: (claims: number) => void;
    onWarning?: (warning: string) => void;
  },
): AsyncGenerator<Buffer> {
  const sql = encodedExportSql(format, filter, options);
  const deadline = Date.now() + settings().CLAIMDESK_EXPORT_WAIT_MS;
  const endTurn = options.caller ? await takeCallerTurn(options.caller, deadline) : () => {};
  try {
    yield* exportOnConnection(format, sql, options, deadline);
  } finally {
    endTurn();
  }
}

async function* exportOnConnection(
  format: ExportFormat,
  sql: string,
  options: Parameters<typeof exportBytes>[2],
  deadline: number,
): AsyncGenerator<Buffer> {
  // The caller's export in another process (or this process's last one, its connection
  // closed but not yet seen gone by PostgreSQL) holds the lock: wait for it as for a turn,
  // before taking a connection (the lock is only read here; it is taken below).
  if (options.caller) await lockFreed(options.caller, deadline);
  let client: pg.PoolClient;
  try {
    client = await exportPool().connect();
  } catch (error) {
    if (error instanceof Error && /timeout/i.test(error.message)) throw new ExportsBusyError();
    throw error;
  }
  let finished = false;
  let locked = false;
  try {
    if (options.caller) {
      const { rows } = await client.query<{ locked: boolean }>(
        "SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked",
        [EXPORT_LOCK_CLASS, options.caller],
      );
      locked = rows[0]!.locked;
      if (!locked) {
        finished = true;
        throw new ExportRunningError();
      }
    }
    const claims =
      format === "csv"
        ? yield* csvRows(client, sql)
        : yield* jsonItems(
            client,
            sql,
            FRAMES[format],
            format === "claimreview" ? options.onWarning : undefined,
          );
    options.onEnd?.(claims);
    if (locked) {
      await client.query("SELECT pg_advisory_unlock($1, hashtext($2))", [
        EXPORT_LOCK_CLASS,
        options.caller,
      ]);
    }
    finished = true;
  } finally {
    // A COPY stopped half-way leaves the connection mid-protocol: close it, do not reuse it
    // (which also ends its lock).
    client.release(finished ? undefined : new Error("export stopped before its end"));
  }
}

/** Waits until no session holds the caller's export lock, or refuses at the deadline. */
async function lockFreed(caller: string, deadline: number): Promise<void> {
  while (await exportRunningFor(caller)) {
    if (Date.now() >= deadline) throw new ExportRunningError();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Whether a session holds the caller's export lock: an export of theirs is running. */
async function exportRunningFor(caller: string): Promise<boolean> {
  const [row] = await prisma.$queryRaw<Array<{ running: boolean }>>`
    SELECT EXISTS (
      SELECT 1 FROM pg_locks
       WHERE locktype = 'advisory' AND granted AND database = (
               SELECT oid FROM pg_database WHERE datname = current_database())
         AND classid = ${EXPORT_LOCK_CLASS}::oid AND objid = hashtext(${caller})::oid
         AND objsubid = 2) AS running`;
  return row?.running ?? false;
}

async function* jsonItems(
  client: pg.PoolClient,
  sql: string,
  frame: Frame,
  onWarning?: (warning: string) => void,
): AsyncGenerator<Buffer, number> {
  const copy = client.query(copyTo(`COPY (${sql}) TO STDOUT (FORMAT binary)`));
  const reader = new CopyBinaryReader();
  let parts: Buffer[] = [];
  let size = 0;
  let count = 0;
  for await (const chunk of abandonable(copy)) {
    for (const [item, second] of reader.push(chunk)) {
      const separator = count === 0 ? frame.first : frame.between;
      parts.push(separator, item!, frame.after);
      size += separator.length + item!.length + frame.after.length;
      count += 1;
      if (onWarning && second) onWarning(second.toString("utf8"));
    }
    if (size >= PIECE) {
      yield Buffer.concat(parts, size);
      parts = [];
      size = 0;
    }
  }
  if (!reader.done) throw new Error("the export's COPY ended before its last row");
  parts.push(count === 0 ? frame.empty : frame.end);
  yield Buffer.concat(parts);
  return count;
}

async function* csvRows(client: pg.PoolClient, sql: string): AsyncGenerator<Buffer, number> {
  const copy = client.query(copyTo(`COPY (${sql}) TO STDOUT (FORMAT csv)`));
  const rowEnds = new CsvRowEnds();
  // The header goes with the first rows: the COPY is read from the start (its errors too).
  let header: Buffer | null = CSV_HEADER;
  for await (const chunk of abandonable(copy)) {
    yield header ? Buffer.concat([header, rowEnds.push(chunk)]) : rowEnds.push(chunk);
    header = null;
  }
  if (header) yield header;
  return copy.rowCount;
}

/**
 * The COPY's chunks. When the reader stops early, the connection is closed under the COPY
 * (see exportBytes), which then reports "Connection terminated": expected, so heard here
 * rather than left to end the process.
 */
async function* abandonable(copy: CopyToStreamQuery): AsyncGenerator<Buffer> {
  let ended = false;
  try {
    for await (const chunk of copy as AsyncIterable<Buffer>) yield chunk;
    ended = true;
  } finally {
    if (!ended) copy.on("error", () => {});
  }
}
