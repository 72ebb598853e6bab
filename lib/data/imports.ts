import "server-only";
import { prisma, type PrismaClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ExtractionResult } from "@/lib/domain/extraction/extract";
import type { ParsedArticle } from "@/lib/domain/import/parse";
import { AppError } from "@/lib/errors";
import { insertJobs, newJob, QUEUES, type ImportItemJob, type SqlRunner } from "@/lib/jobs/queue";
import { articleInput, type ArticleInput } from "@/lib/validation/article";
import type { Actor } from "./actor";
import {
  findDuplicateArticle,
  isUniqueViolation,
  STORE_TRANSACTION,
  storeArticle,
} from "./articles";
import { recordAudit } from "./audit";

/**
 * Imports as jobs. A request stores what was sent (an ImportItem per file or pasted
 * article, in an ImportBatch) and a queue job per item, in one transaction, and returns at
 * once. Workers claim items, read and extract them in worker threads, and write each item's
 * outcome in the same transaction as the article it yields.
 */

type Db = PrismaClient | Prisma.TransactionClient;
export type ImportStatus = Prisma.ImportItemGetPayload<object>["status"];

/** Runs pg-boss's SQL on a Prisma transaction, so jobs commit with the items they run. */
export function sqlRunner(tx: Prisma.TransactionClient): SqlRunner {
  return {
    executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe(text, ...values) }),
  };
}

export interface NewImportItem {
  source: string;
  kind: "FILE" | "ARTICLE" | "URL";
  content: Uint8Array;
}

export function pastedArticleItem(article: ArticleInput): NewImportItem {
  return {
    source: `Pasted: ${article.title}`,
    kind: "ARTICLE",
    content: Buffer.from(JSON.stringify(article), "utf8"),
  };
}

/** A web address to fetch and import (its source is the address). */
export function urlItem(url: string): NewImportItem {
  return { source: url, kind: "URL", content: Buffer.from(url, "utf8") };
}

/**
 * An item whose page is already an article (by its address, before anything is fetched):
 * DUPLICATE, linked to that article. Null when there is none, or the item is no longer running.
 */
export async function duplicateOfUrl(
  item: ClaimedItem,
  url: string,
  db: PrismaClient = prisma,
): Promise<"DUPLICATE" | null> {
  const known = await db.article.findFirst({
    where: { OR: [{ canonicalUrl: url }, { url }] },
    select: { id: true },
  });
  if (!known) return null;
  return whileRunning(item.id, db, async (tx) => {
    await tx.importItem.update({
      where: { id: item.id },
      data: finished("DUPLICATE", { articleId: known.id }),
    });
    return "DUPLICATE" as const;
  });
}

/**
 * Queues items for import: in a new batch, or appended to one of the actor's own batches
 * (an upload sends its files one request at a time). `maxItems` bounds a batch's files.
 */
export async function queueImport(
  actor: Actor,
  items: NewImportItem[],
  { batchId, label, maxItems }: { batchId?: string; label?: string; maxItems?: number } = {},
  db: PrismaClient = prisma,
): Promise<{ batchId: string; itemIds: string[] }> {
  return db.$transaction(async (tx) => {
    let id = batchId;
    let position = 0;
    if (id) {
      // The batch row is locked so that appends from two requests number their items apart.
      const [batch] = await tx.$queryRaw<Array<{ createdById: string | null }>>`
        SELECT "createdById" FROM "ImportBatch" WHERE id = ${id}::uuid FOR UPDATE`;
      if (!batch || batch.createdById !== actor.userId)
        throw new AppError("NOT_FOUND", "That import was not found; start a new one.");
      position = await tx.importItem.count({ where: { batchId: id, parentId: null } });
    } else {
      id = (
        await tx.importBatch.create({
          data: { createdById: actor.userId, label: label ?? actor.label ?? null },
          select: { id: true },
        })
      ).id;
    }
    if (maxItems !== undefined && position + items.length > maxItems) {
      throw new AppError(
        "VALIDATION",
        `At most ${maxItems} files in one import; use npm run import for larger batches.`,
      );
    }
    const itemIds = await queueItemsIn(tx, id, position, items);
    return { batchId: id, itemIds };
  }, STORE_TRANSACTION);
}

/** Items (and a job each) appended to a batch at `position`, in the caller's transaction. */
export async function queueItemsIn(
  tx: Prisma.TransactionClient,
  batchId: string,
  position: number,
  items: NewImportItem[],
): Promise<string[]> {
  const jobs = items.map(() => newJob<ImportItemJob>(QUEUES.importItem, { itemId: "" }));
  const created = await tx.importItem.createManyAndReturn({
    select: { id: true },
    data: items.map((item, i) => ({
      batchId,
      position: position + i,
      source: item.source,
      kind: item.kind,
      content: Buffer.from(item.content),
      jobId: jobs[i]!.id,
    })),
  });
  created.forEach((row, i) => (jobs[i]!.data.itemId = row.id));
  await insertJobs(sqlRunner(tx), jobs);
  return created.map((row) => row.id);
}

export interface ClaimedItem {
  id: string;
  batchId: string;
  kind: "FILE" | "ARTICLE" | "URL";
  source: string;
  content: Uint8Array | null;
  attempts: number;
  actor: Actor;
}

/**
 * Takes an item for a worker: QUEUED (or RUNNING, when its last worker was lost) becomes
 * RUNNING. Null when there is nothing to do: the item was cancelled or is done.
 */
export async function claimImportItem(
  itemId: string,
  workerId: string,
  db: Db = prisma,
): Promise<ClaimedItem | null> {
  const rows = await db.$queryRaw<
    Array<{
      id: string;
      batchId: string;
      kind: "FILE" | "ARTICLE" | "URL";
      source: string;
      content: Uint8Array | null;
      attempts: number;
      createdById: string | null;
      label: string | null;
    }>
  >`
    UPDATE "ImportItem" AS i
       SET status = 'RUNNING', attempts = i.attempts + 1, "workerId" = ${workerId},
           "startedAt" = now(), "updatedAt" = now()
      FROM "ImportBatch" AS b
     WHERE i.id = ${itemId}::uuid AND b.id = i."batchId" AND i.status IN ('QUEUED', 'RUNNING')
    RETURNING i.id, i."batchId", i.kind, i.source, i.content, i.attempts, b."createdById", b.label`;
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    batchId: row.batchId,
    kind: row.kind,
    source: row.source,
    content: row.content,
    attempts: row.attempts,
    actor: { userId: row.createdById, label: row.label ?? undefined },
  };
}

/**
 * Runs `work` in a transaction that holds the item while it is still RUNNING: when the
 * item was finished meanwhile (a second delivery of its job, or a cancel), nothing is
 * written and null comes back. This is what makes an at-least-once queue import exactly once.
 */
async function whileRunning<T>(
  itemId: string,
  db: PrismaClient,
  work: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T | null> {
  return db.$transaction(async (tx) => {
    const [item] = await tx.$queryRaw<Array<{ status: ImportStatus }>>`
      SELECT status FROM "ImportItem" WHERE id = ${itemId}::uuid FOR UPDATE`;
    if (item?.status !== "RUNNING") return null;
    return work(tx);
  }, STORE_TRANSACTION);
}

function finished(
  status: ImportStatus,
  fields: {
    error?: string;
    note?: string;
    articleId?: string;
    claims?: number;
    children?: number;
  } = {},
) {
  return { status, ...fields, content: null, finishedAt: new Date() };
}

/** Writes an article read and extracted by a worker, and its item's outcome, together. */
export async function storeImportedArticle(
  item: ClaimedItem,
  input: ArticleInput,
  extraction: ExtractionResult,
  db: PrismaClient = prisma,
): Promise<"IMPORTED" | "DUPLICATE" | null> {
  const write = () =>
    whileRunning(item.id, db, async (tx) => {
      const duplicate = await findDuplicateArticle(tx, input.body, input.canonicalUrl);
      if (duplicate) {
        await tx.importItem.update({
          where: { id: item.id },
          data: finished("DUPLICATE", { articleId: duplicate.articleId }),
        });
        return "DUPLICATE" as const;
      }
      const stored = await storeArticle(tx, input, extraction, item.actor);
      const note = extraction.found
        ? `${extraction.claims.length.toLocaleString("en")} of the ${extraction.found.toLocaleString("en")} claims found were kept: the most check-worthy`
        : undefined;
      await tx.importItem.update({
        where: { id: item.id },
        data: finished("IMPORTED", { articleId: stored.articleId, claims: stored.claims, note }),
      });
      return "IMPORTED" as const;
    });
  try {
    return await write();
  } catch (error) {
    // The same text committed by another item meanwhile: this one is its duplicate.
    if (isUniqueViolation(error)) return write();
    throw error;
  }
}

/** Ends an item that could not be imported, with the message the importer will read. */
export async function failImportItem(
  itemId: string,
  error: string,
  db: PrismaClient = prisma,
): Promise<void> {
  await db.importItem.updateMany({
    where: { id: itemId, status: { in: ["QUEUED", "RUNNING"] } },
    data: finished("FAILED", { error }),
  });
}

/**
 * A file of many articles becomes one item per article (line or array item), each with a
 * job of its own; lines that could not be read end at once with their message.
 */
export async function expandImportItem(
  item: ClaimedItem,
  articles: ParsedArticle[],
  db: PrismaClient = prisma,
): Promise<number | null> {
  return whileRunning(item.id, db, async (tx) => {
    const jobs = articles.map(() => newJob<ImportItemJob>(QUEUES.importItem, { itemId: "" }));
    const children = await tx.importItem.createManyAndReturn({
      select: { id: true, status: true },
      data: articles.map((parsed, i) => ({
        batchId: item.batchId,
        parentId: item.id,
        position: i + 1,
        source: parsed.source,
        kind: "ARTICLE" as const,
        ...(parsed.ok
          ? {
              content: Buffer.from(JSON.stringify(parsed.article), "utf8"),
              jobId: jobs[i]!.id,
            }
          : { status: "FAILED" as const, error: parsed.error, finishedAt: new Date() }),
      })),
    });
    const queued = children.flatMap((child, i) =>
      child.status === "QUEUED" ? [{ ...jobs[i]!, data: { itemId: child.id } }] : [],
    );
    await insertJobs(sqlRunner(tx), queued);
    await tx.importItem.update({
      where: { id: item.id },
      data: finished("EXPANDED", { children: children.length }),
    });
    return children.length;
  });
}

/** An ARTICLE item's article, as validated when it was queued (and checked again here). */
export function articleOfItem(item: ClaimedItem): ArticleInput {
  const json = JSON.parse(Buffer.from(item.content ?? []).toString("utf8")) as unknown;
  return articleInput.parse(json);
}

/** Cancels what has not started yet. Only the importer (or an admin) may. */
export async function cancelImportBatch(
  batchId: string,
  actor: Actor & { isAdmin?: boolean },
  db: PrismaClient = prisma,
): Promise<number> {
  return db.$transaction(async (tx) => {
    const batch = await tx.importBatch.findUnique({
      where: { id: batchId },
      select: { createdById: true },
    });
    if (!batch || (batch.createdById !== actor.userId && !actor.isAdmin))
      throw new AppError("NOT_FOUND", "That import was not found.");
    const { count } = await tx.importItem.updateMany({
      where: { batchId, status: "QUEUED" },
      data: finished("CANCELLED"),
    });
    if (count > 0) {
      await recordAudit(tx, {
        actorId: actor.userId,
        actorLabel: actor.label,
        action: "import.cancel",
        entity: "ImportBatch",
        entityId: batchId,
        after: { cancelled: count },
      });
    }
    return count;
  });
}

export interface ImportItemView {
  source: string;
  status: ImportStatus;
  error: string | null;
  note: string | null;
  articleId: string | null;
  articleTitle: string | null;
  claims: number | null;
}

export interface ImportBatchView {
  id: string;
  createdAt: Date;
  /** Articles and files by outcome (a file of many articles counts as its lines). */
  counts: Partial<Record<ImportStatus, number>>;
  /** The first items of each outcome, in the order they were sent. */
  items: ImportItemView[];
}

/** Items of each outcome listed per import; the counts cover the rest. */
export const ITEMS_SHOWN_PER_STATUS = 50;

/** A person's latest imports, with the outcome of every file and line so far. */
export async function listImportBatches(
  userId: string,
  { take = 5 }: { take?: number } = {},
  db: Db = prisma,
): Promise<ImportBatchView[]> {
  const batches = await db.importBatch.findMany({
    where: { createdById: userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, createdAt: true },
  });
  if (batches.length === 0) return [];
  const ids = batches.map((b) => b.id);
  const [counts, items] = await Promise.all([
    db.importItem.groupBy({
      by: ["batchId", "status"],
      where: { batchId: { in: ids }, status: { not: "EXPANDED" } },
      _count: { _all: true },
    }),
    db.$queryRaw<Array<ImportItemView & { batchId: string }>>`
      SELECT "batchId", source, status::text AS status, error, note, "articleId", claims,
             "articleTitle"
        FROM (
          SELECT i."batchId", i.source, i.status, i.error, i.note, i."articleId", i.claims,
                 a.title AS "articleTitle", i."createdAt", i.position,
                 row_number() OVER (PARTITION BY i."batchId", i.status
                                    ORDER BY i."createdAt", i.position) AS n
            FROM "ImportItem" i LEFT JOIN "Article" a ON a.id = i."articleId"
           WHERE i."batchId" = ANY(${ids}::uuid[]) AND i.status <> 'EXPANDED'
        ) listed
       WHERE n <= ${ITEMS_SHOWN_PER_STATUS}
       ORDER BY "createdAt", position`,
  ]);
  return batches.map((batch) => ({
    id: batch.id,
    createdAt: batch.createdAt,
    counts: Object.fromEntries(
      counts.filter((c) => c.batchId === batch.id).map((c) => [c.status, c._count._all]),
    ),
    items: items
      .filter((item) => item.batchId === batch.id)
      .map(({ batchId: _batchId, ...item }) => item),
  }));
}

export interface ImportBatchProgress {
  files: number;
  /** Files whose outcome is known: ended, or read into lines that have all ended. */
  filesDone: number;
  /** Articles and files by outcome (a file of many articles counts as its lines). */
  counts: Partial<Record<ImportStatus, number>>;
}

/** Progress of one batch: for a command-line run waiting on its own import. */
export async function importBatchProgress(
  batchId: string,
  db: Db = prisma,
): Promise<ImportBatchProgress> {
  const [files, rows] = await Promise.all([
    db.$queryRaw<Array<{ files: bigint; done: bigint }>>`
      SELECT count(*) AS files,
             count(*) FILTER (
               WHERE i.status NOT IN ('QUEUED', 'RUNNING')
                 AND NOT EXISTS (SELECT 1 FROM "ImportItem" c
                                  WHERE c."parentId" = i.id AND c.status IN ('QUEUED', 'RUNNING'))
             ) AS done
        FROM "ImportItem" i WHERE i."batchId" = ${batchId}::uuid AND i."parentId" IS NULL`,
    db.importItem.groupBy({
      by: ["status"],
      where: { batchId, status: { not: "EXPANDED" } },
      _count: { _all: true },
    }),
  ]);
  return {
    files: Number(files[0]?.files ?? 0),
    filesDone: Number(files[0]?.done ?? 0),
    counts: Object.fromEntries(rows.map((r) => [r.status, r._count._all])),
  };
}

/** Every item of a batch that did not import, with its message, in the order sent. */
export async function importBatchFailures(
  batchId: string,
  db: Db = prisma,
): Promise<Array<{ source: string; error: string | null }>> {
  return db.importItem.findMany({
    where: { batchId, status: "FAILED" },
    orderBy: [{ createdAt: "asc" }, { position: "asc" }],
    select: { source: true, error: true },
  });
}

/** Claims of the articles a batch imported. */
export async function importBatchClaims(batchId: string, db: Db = prisma): Promise<number> {
  const { _sum } = await db.importItem.aggregate({
    where: { batchId, status: "IMPORTED" },
    _sum: { claims: true },
  });
  return _sum.claims ?? 0;
}

export interface WorkerInfo {
  id: string;
  hostname: string;
  pid: number;
  threads: number;
  startedAt: Date;
}

export async function recordWorkerHeartbeat(worker: WorkerInfo, db: Db = prisma): Promise<void> {
  await db.workerHeartbeat.upsert({
    where: { id: worker.id },
    create: { ...worker, seenAt: new Date() },
    update: { seenAt: new Date() },
  });
}

export async function removeWorkerHeartbeat(id: string, db: Db = prisma): Promise<void> {
  await db.workerHeartbeat.deleteMany({ where: { id } });
}

/** Workers seen in the last `seconds` (heartbeats come every 10 s). */
export async function liveWorkers(seconds = 30, db: Db = prisma): Promise<number> {
  return db.workerHeartbeat.count({
    where: { seenAt: { gte: new Date(Date.now() - seconds * 1000) } },
  });
}

/**
 * Items left without a job that will run them: their job failed for good (its worker was
 * lost on every attempt) or is gone (a database restored from a backup, which holds the
 * items but not the queue). The first are failed with a message, the second queued again.
 */
export async function sweepStrandedImportItems(
  olderThanSeconds: number,
  db: PrismaClient = prisma,
): Promise<{ failed: number; requeued: number }> {
  const stranded = await db.$queryRaw<Array<{ id: string; jobState: string | null }>>`
    SELECT i.id, j.state::text AS "jobState"
      FROM "ImportItem" i
      LEFT JOIN pgboss.job j ON j.name = ${QUEUES.importItem} AND j.id = i."jobId"
     WHERE i.status IN ('QUEUED', 'RUNNING')
       AND i."updatedAt" < now() - make_interval(secs => ${olderThanSeconds})
       AND (j.id IS NULL OR j.state NOT IN ('created', 'retry', 'active'))
     LIMIT 1000`;
  const lost = stranded.filter((s) => s.jobState !== null).map((s) => s.id);
  const orphans = stranded.filter((s) => s.jobState === null).map((s) => s.id);
  if (lost.length > 0) {
    await db.importItem.updateMany({
      where: { id: { in: lost }, status: { in: ["QUEUED", "RUNNING"] } },
      data: finished("FAILED", {
        error: "the import stopped each time it was tried (its worker was lost); try again",
      }),
    });
  }
  if (orphans.length > 0) {
    await db.$transaction(async (tx) => {
      const jobs = orphans.map((itemId) => newJob<ImportItemJob>(QUEUES.importItem, { itemId }));
      for (const job of jobs)
        await tx.importItem.update({
          where: { id: job.data.itemId },
          data: { jobId: job.id, status: "QUEUED" },
        });
      await insertJobs(sqlRunner(tx), jobs);
    });
  }
  return { failed: lost.length, requeued: orphans.length };
}
