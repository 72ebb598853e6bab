import "server-only";
import { prisma, type PrismaClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ItemLane } from "@/lib/domain/budgets";
import type { Actor } from "./actor";

/**
 * The import queue's SQL. An ImportItem is its own job: QUEUED items wait, a worker takes
 * one (RUNNING, with a lease and a fencing token), and its outcome ends it. Nothing else
 * schedules imports, so there is no second record of a job to disagree with the item.
 *
 * - **Fair pick.** The next item goes to the owner (the person who sent it, or a batch's
 *   label) with the fewest items running in that lane, and among those to the one whose
 *   turn came longest ago (or never, then whose work waits longest): round robin over the
 *   people with work waiting. Within one
 *   owner: what they sent before what their feeds found, then oldest first. It holds over
 *   any number of workers on any machines: the pick is one statement under SKIP LOCKED.
 * - **Two lanes.** Documents (files, pasted articles) wait for a thread; web addresses
 *   first wait on the network, apart, with at most `hostLimit` fetches per host running at
 *   once over all workers, so a host that never answers holds up only its own addresses.
 * - **Lease and fencing.** Taking an item adds one to its attempts and returns that
 *   number; every write of the delivery (the article, a failure, a retry) succeeds only
 *   while the item is RUNNING under that same attempt and its lease has not passed, and
 *   the item records which attempt wrote it. A delivery that outlived its lease writes
 *   nothing, whatever it does next.
 */

/** Deliveries an item gets before it fails for good. */
export const MAX_ATTEMPTS = 4;

export interface ClaimedItem {
  id: string;
  batchId: string;
  kind: "FILE" | "ARTICLE" | "URL";
  source: string;
  content: Uint8Array | null;
  /** The fencing token: this delivery's attempt number. */
  attempt: number;
  /** When the lease passes: every phase of the item stops by then. */
  leaseUntil: Date;
  actor: Actor;
}

type ClaimedRow = {
  id: string;
  batchId: string;
  kind: ClaimedItem["kind"];
  source: string;
  content: Uint8Array | null;
  attempts: number;
  leaseUntil: Date;
  createdById: string | null;
  label: string | null;
};

function claimed(row: ClaimedRow): ClaimedItem {
  return {
    id: row.id,
    batchId: row.batchId,
    kind: row.kind,
    source: row.source,
    content: row.content,
    attempt: row.attempts,
    leaseUntil: row.leaseUntil,
    actor: { userId: row.createdById, label: row.label ?? undefined },
  };
}

/**
 * The lane's items, written as the partial indexes of migration 20261206000000_own_queue
 * write them (the planner uses a partial index only for a condition that implies its own).
 */
const inLane = (lane: ItemLane, alias: string) =>
  Prisma.raw(lane === "url" ? `${alias}.kind = 'URL'` : `${alias}.kind <> 'URL'`);

export interface TakeOptions {
  workerId: string;
  lane: ItemLane;
  leaseMs: number;
  /** URL lane: fetches running at once per host, over all workers. */
  hostLimit?: number;
}

/**
 * Takes the next item of a lane for a worker, by the fair pick; null when none waits (or
 * every waiting address is on a host at its limit).
 */
export async function takeImportItem(
  { workerId, lane, leaseMs, hostLimit = 2 }: TakeOptions,
  db: PrismaClient = prisma,
): Promise<ClaimedItem | null> {
  const [i, r] = [inLane(lane, "i"), inLane(lane, "r")];
  const hostFree =
    lane === "url"
      ? Prisma.sql`AND (SELECT count(*) FROM "ImportItem" h
                         WHERE h.status = 'RUNNING' AND h.kind = 'URL' AND h.host = i.host
                           AND h."leaseUntil" > now()) < ${hostLimit}`
      : Prisma.empty;
  // Owners with work waiting: a skip scan of the lane's index (one probe per owner, however
  // many items each has waiting). Then the pick, then the take, in one statement.
  const rows = await db.$queryRaw<ClaimedRow[]>`
    WITH RECURSIVE owners(key) AS (
      (SELECT i."ownerKey" FROM "ImportItem" i
        WHERE i.status = 'QUEUED' AND ${i} ORDER BY i."ownerKey" LIMIT 1)
      UNION ALL
      SELECT (SELECT i."ownerKey" FROM "ImportItem" i
               WHERE i.status = 'QUEUED' AND ${i} AND i."ownerKey" > o.key
               ORDER BY i."ownerKey" LIMIT 1)
        FROM owners o WHERE o.key IS NOT NULL
    ),
    ranked AS (
      SELECT o.key, t."servedAt",
             (SELECT count(*) FROM "ImportItem" r
               WHERE r.status = 'RUNNING' AND r."ownerKey" = o.key AND ${r}
                 AND r."leaseUntil" > now()) AS running,
             (SELECT i."createdAt" FROM "ImportItem" i
               WHERE i."ownerKey" = o.key AND i.status = 'QUEUED' AND ${i}
               ORDER BY i.priority, i."createdAt", i.position LIMIT 1) AS waiting
        FROM owners o LEFT JOIN "ImportTurn" t ON t."ownerKey" = o.key
       WHERE o.key IS NOT NULL
       ORDER BY running, t."servedAt" NULLS FIRST, waiting, o.key
    ),
    picked AS (
      SELECT p.id
        FROM ranked r
        CROSS JOIN LATERAL (
          SELECT i.id FROM "ImportItem" i
           WHERE i."ownerKey" = r.key AND i.status = 'QUEUED' AND ${i}
             AND i."availableAt" <= now() ${hostFree}
           ORDER BY i.priority, i."createdAt", i.position
           LIMIT 1
           FOR UPDATE SKIP LOCKED
        ) p
       LIMIT 1
    ),
    taken AS (
      UPDATE "ImportItem" i
         SET status = 'RUNNING', attempts = i.attempts + 1, "workerId" = ${workerId},
             "startedAt" = now(), "updatedAt" = now(),
             "leaseUntil" = now() + make_interval(secs => ${leaseMs / 1000})
        FROM picked
       WHERE i.id = picked.id
      RETURNING i.id, i."batchId", i.kind, i.source, i.content, i.attempts, i."leaseUntil",
                i."ownerKey"
    ),
    turn AS (
      INSERT INTO "ImportTurn" ("ownerKey", "servedAt")
      SELECT "ownerKey", clock_timestamp() FROM taken
      ON CONFLICT ("ownerKey") DO UPDATE SET "servedAt" = EXCLUDED."servedAt"
    )
    SELECT t.id, t."batchId", t.kind, t.source, t.content, t.attempts, t."leaseUntil",
           b."createdById", b.label
      FROM taken t JOIN "ImportBatch" b ON b.id = t."batchId"`;
  return rows[0] ? claimed(rows[0]) : null;
}

/**
 * Takes one named item (QUEUED, or RUNNING with its lease passed) for a worker: what the
 * command-line import and the tests use to run an item they know.
 */
export async function takeImportItemById(
  itemId: string,
  { workerId, leaseMs }: { workerId: string; leaseMs: number },
  db: PrismaClient = prisma,
): Promise<ClaimedItem | null> {
  const rows = await db.$queryRaw<ClaimedRow[]>`
    UPDATE "ImportItem" AS i
       SET status = 'RUNNING', attempts = i.attempts + 1, "workerId" = ${workerId},
           "startedAt" = now(), "updatedAt" = now(),
           "leaseUntil" = now() + make_interval(secs => ${leaseMs / 1000})
      FROM "ImportBatch" AS b
     WHERE i.id = ${itemId}::uuid AND b.id = i."batchId"
       AND (i.status = 'QUEUED' OR (i.status = 'RUNNING' AND i."leaseUntil" <= now()))
    RETURNING i.id, i."batchId", i.kind, i.source, i.content, i.attempts, i."leaseUntil",
              b."createdById", b.label`;
  return rows[0] ? claimed(rows[0]) : null;
}

/** Options of a fenced write's transaction: the store budget, and the wait for a connection. */
export interface WriteBudget {
  timeout: number;
  maxWait: number;
}

const DEFAULT_WRITE: WriteBudget = { timeout: 60_000, maxWait: 10_000 };

/**
 * Runs `work` in a transaction that holds the item (its row locked) only while this
 * delivery still owns it: RUNNING, under the same attempt, within its lease. Otherwise
 * nothing is written and null comes back: the item was cancelled, finished by another
 * delivery, or taken again after this one's lease passed.
 */
export async function whileHeld<T>(
  item: Pick<ClaimedItem, "id" | "attempt">,
  work: (tx: Prisma.TransactionClient) => Promise<T>,
  { db = prisma, budget = DEFAULT_WRITE }: { db?: PrismaClient; budget?: WriteBudget } = {},
): Promise<T | null> {
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Array<{ held: boolean }>>`
      SELECT status = 'RUNNING' AND attempts = ${item.attempt}
             AND "leaseUntil" > clock_timestamp() AS held
        FROM "ImportItem" WHERE id = ${item.id}::uuid FOR UPDATE`;
    if (!row?.held) return null;
    return work(tx);
  }, budget);
}

/** The fields that end an item, written by the attempt that ended it. */
export function ending(
  attempt: number | null,
  status: "IMPORTED" | "DUPLICATE" | "FAILED" | "EXPANDED" | "CANCELLED",
  fields: {
    error?: string;
    note?: string;
    articleId?: string;
    claims?: number;
    children?: number;
  } = {},
) {
  return {
    status,
    ...fields,
    content: null,
    leaseUntil: null,
    writtenAttempt: attempt,
    finishedAt: new Date(),
  };
}

/** Ends this delivery's item as FAILED with the message the importer will read (fenced). */
export async function failImportItem(
  item: Pick<ClaimedItem, "id" | "attempt">,
  error: string,
  db: PrismaClient = prisma,
): Promise<boolean> {
  // The lease is read on the database's clock, as whileHeld reads it.
  const failed = await db.$executeRaw`
    UPDATE "ImportItem"
       SET status = 'FAILED', error = ${error}, content = NULL, "leaseUntil" = NULL,
           "writtenAttempt" = ${item.attempt}, "finishedAt" = now(), "updatedAt" = now()
     WHERE id = ${item.id}::uuid AND status = 'RUNNING' AND attempts = ${item.attempt}
       AND "leaseUntil" > clock_timestamp()`;
  return failed === 1;
}

/** The wait before an item's next delivery after a failure that was not its own. */
export function retryDelaySeconds(attempt: number): number {
  return Math.min(5 * 2 ** (attempt - 1), 120);
}

/**
 * Gives this delivery's item back after a failure that was not the document's (the
 * database went away, a deadline passed): queued again after a back-off, or FAILED once
 * it has had all its attempts. Fenced, like every write of a delivery (its lease need not
 * hold: an item whose lease passed and that nobody took yet is given back at once).
 */
export async function retryImportItem(
  item: Pick<ClaimedItem, "id" | "attempt">,
  db: PrismaClient = prisma,
): Promise<"QUEUED" | "FAILED" | null> {
  const rows = await db.$queryRaw<Array<{ status: "QUEUED" | "FAILED" }>>`
    UPDATE "ImportItem"
       SET status = (CASE WHEN attempts >= ${MAX_ATTEMPTS} THEN 'FAILED' ELSE 'QUEUED' END)::"ImportStatus",
           error = CASE WHEN attempts >= ${MAX_ATTEMPTS} THEN ${exhausted()} END,
           content = CASE WHEN attempts >= ${MAX_ATTEMPTS} THEN NULL ELSE content END,
           "finishedAt" = CASE WHEN attempts >= ${MAX_ATTEMPTS} THEN now() END,
           "writtenAttempt" = CASE WHEN attempts >= ${MAX_ATTEMPTS} THEN attempts END,
           "leaseUntil" = NULL,
           "availableAt" = now() + make_interval(secs => ${retryDelaySeconds(item.attempt)}),
           "updatedAt" = now()
     WHERE id = ${item.id}::uuid AND status = 'RUNNING' AND attempts = ${item.attempt}
    RETURNING status::text AS status`;
  return rows[0]?.status ?? null;
}

const exhausted = () =>
  `could not be imported: it was tried ${MAX_ATTEMPTS} times and stopped each time (a worker lost, or the database unreachable); try again`;

/**
 * Items whose lease passed while RUNNING (their worker was lost: killed, or its machine
 * gone): queued again at once, or FAILED once they have had all their attempts.
 */
export async function sweepExpiredLeases(
  db: PrismaClient = prisma,
): Promise<{ requeued: number; failed: number }> {
  const rows = await db.$queryRaw<Array<{ status: string }>>`
    UPDATE "ImportItem"
       SET status = (CASE WHEN attempts >= ${MAX_ATTEMPTS} THEN 'FAILED' ELSE 'QUEUED' END)::"ImportStatus",
           error = CASE WHEN attempts >= ${MAX_ATTEMPTS} THEN ${exhausted()} END,
           content = CASE WHEN attempts >= ${MAX_ATTEMPTS} THEN NULL ELSE content END,
           "finishedAt" = CASE WHEN attempts >= ${MAX_ATTEMPTS} THEN now() END,
           "leaseUntil" = NULL, "updatedAt" = now()
     WHERE status = 'RUNNING' AND "leaseUntil" <= now()
    RETURNING status::text AS status`;
  const failed = rows.filter((r) => r.status === "FAILED").length;
  return { requeued: rows.length - failed, failed };
}

/** Items waiting (QUEUED) of one owner: for the per-person ceiling. */
export async function queuedItemsOf(
  ownerKey: string,
  db: Prisma.TransactionClient | PrismaClient = prisma,
): Promise<number> {
  const [row] = await db.$queryRaw<Array<{ n: bigint }>>`
    SELECT (SELECT count(*) FROM "ImportItem" i
             WHERE i."ownerKey" = ${ownerKey} AND i.status = 'QUEUED' AND ${inLane("document", "i")})
         + (SELECT count(*) FROM "ImportItem" i
             WHERE i."ownerKey" = ${ownerKey} AND i.status = 'QUEUED' AND ${inLane("url", "i")}) AS n`;
  return Number(row?.n ?? 0);
}

/** Whose share of the workers a batch's items use. */
export function ownerKeyOf(batch: { createdById: string | null; label: string | null }): string {
  return batch.createdById ?? (batch.label ? `label:${batch.label}` : "system");
}
