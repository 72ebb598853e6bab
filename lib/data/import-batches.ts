import "server-only";
import { prisma, type PrismaClient } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { settings } from "@/lib/settings";
import type { ArticleInput } from "@/lib/validation/article";
import type { Actor } from "./actor";
import { STORE_TRANSACTION } from "./articles";
import { recordAudit } from "./audit";
import { recordEvent } from "./outbox";
import { ending, ownerKeyOf, queuedItemsOf } from "./import-queue";

/**
 * Imports as people send them: a request stores what was sent (an ImportItem per file,
 * pasted article or web address, in an ImportBatch) and returns at once; workers take the
 * items (lib/data/import-queue.ts). Also the views of a person's imports and their progress.
 */

type Db = PrismaClient | Prisma.TransactionClient;
export type ImportStatus = Prisma.ImportItemGetPayload<object>["status"];

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

/** The host a URL item's fetches count against (lower case, brackets off). */
function hostOf(item: NewImportItem): string | null {
  if (item.kind !== "URL") return null;
  try {
    return new URL(Buffer.from(item.content).toString("utf8")).hostname.toLowerCase();
  } catch {
    return null;
  }
}

export interface QueueOptions {
  /** Append to one of the actor's own batches (an upload sends its files one request each). */
  batchId?: string;
  label?: string;
  /** At most this many files in the batch. */
  maxItems?: number;
  /**
   * Items the owner may have waiting, this request's included (default
   * CLAIMDESK_MAX_QUEUED_PER_USER); null for none (the command-line import, run by an operator).
   */
  maxQueued?: number | null;
}

/** Queues items for import: in a new batch, or appended to one of the actor's own. */
export async function queueImport(
  actor: Actor,
  items: NewImportItem[],
  {
    batchId,
    label,
    maxItems,
    maxQueued = settings().CLAIMDESK_MAX_QUEUED_PER_USER,
  }: QueueOptions = {},
  db: PrismaClient = prisma,
): Promise<{ batchId: string; itemIds: string[] }> {
  return db.$transaction(async (tx) => {
    let id = batchId;
    let position = 0;
    let batch: { createdById: string | null; label: string | null };
    if (id) {
      // The batch row is locked so that appends from two requests number their items apart.
      const [found] = await tx.$queryRaw<
        Array<{ createdById: string | null; label: string | null }>
      >`
        SELECT "createdById", label FROM "ImportBatch" WHERE id = ${id}::uuid FOR UPDATE`;
      if (!found || found.createdById !== actor.userId)
        throw new AppError("NOT_FOUND", "That import was not found; start a new one.");
      batch = found;
      position = await tx.importItem.count({ where: { batchId: id, parentId: null } });
    } else {
      batch = { createdById: actor.userId, label: label ?? actor.label ?? null };
      id = (await tx.importBatch.create({ data: batch, select: { id: true } })).id;
    }
    if (maxItems !== undefined && position + items.length > maxItems) {
      throw new AppError(
        "VALIDATION",
        `At most ${maxItems} files in one import; use npm run import for larger batches.`,
      );
    }
    if (maxQueued !== null) {
      const waiting = await queuedItemsOf(ownerKeyOf(batch), tx);
      if (waiting + items.length > maxQueued) {
        throw new AppError(
          "RATE_LIMITED",
          `You have ${waiting.toLocaleString("en")} imports waiting (at most ${maxQueued.toLocaleString("en")}); wait for them or cancel some.`,
        );
      }
    }
    const itemIds = await queueItemsIn(tx, { id, ...batch }, position, items);
    return { batchId: id, itemIds };
  }, STORE_TRANSACTION);
}

/**
 * Items appended to a batch at `position`, in the caller's transaction: each waits as
 * its owner's work (a feed's entries after what people sent: `priority` 1).
 */
export async function queueItemsIn(
  tx: Prisma.TransactionClient,
  batch: { id: string; createdById: string | null; label: string | null },
  position: number,
  items: NewImportItem[],
  { priority = 0 }: { priority?: 0 | 1 } = {},
): Promise<string[]> {
  const ownerKey = ownerKeyOf(batch);
  const created = await tx.importItem.createManyAndReturn({
    select: { id: true },
    data: items.map((item, i) => ({
      batchId: batch.id,
      position: position + i,
      source: item.source,
      kind: item.kind,
      content: Buffer.from(item.content),
      ownerKey,
      priority,
      host: hostOf(item),
    })),
  });
  return created.map((row) => row.id);
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
      data: ending(null, "CANCELLED"),
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

/**
 * Imports that have finished since the last look (no item waiting or running): each is
 * marked told and, when some of its items failed, its owner is told ("import.failed"), in
 * one transaction: once per import, whichever worker looks first (SKIP LOCKED). A worker
 * runs this every few seconds. Returns how many imports with failures were told of.
 */
export async function tellFinishedImports(limit = 20): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const done = await tx.$queryRaw<
      Array<{
        id: string;
        createdById: string | null;
        label: string | null;
        failed: number;
        total: number;
      }>
    >`
      WITH done AS (
        SELECT b.id FROM "ImportBatch" b
         WHERE b."toldAt" IS NULL
           AND NOT EXISTS (
             SELECT 1 FROM "ImportItem" i
              WHERE i."batchId" = b.id AND i.status IN ('QUEUED', 'RUNNING'))
         ORDER BY b."createdAt"
         LIMIT ${limit}
         FOR UPDATE SKIP LOCKED)
      UPDATE "ImportBatch" b SET "toldAt" = now() FROM done WHERE b.id = done.id
      RETURNING b.id::text AS id, b."createdById"::text AS "createdById", b.label,
        (SELECT count(*)::int FROM "ImportItem" i WHERE i."batchId" = b.id AND i.status = 'FAILED') AS failed,
        (SELECT count(*)::int FROM "ImportItem" i
          WHERE i."batchId" = b.id AND i.status <> 'EXPANDED') AS total`;
    const failing = done.filter((b) => b.failed > 0);
    for (const batch of failing) {
      await recordEvent(tx, {
        name: "import.failed",
        claimId: null,
        actorId: null,
        payload: {
          ...(batch.createdById ? { ownerId: batch.createdById } : {}),
          subject: batch.label
            ? `“${batch.label}”`
            : `of ${batch.total} ${batch.total === 1 ? "item" : "items"}`,
          reason: `${batch.failed} of ${batch.total} failed`,
        },
      });
    }
    return failing.length;
  });
}
