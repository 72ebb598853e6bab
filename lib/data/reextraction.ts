import "server-only";
import { prisma, type PrismaClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { EXTRACTOR_VERSION, type ExtractionResult } from "@/lib/domain/extraction/extract";
import type { Actor } from "./actor";
import {
  extractedFields,
  STORE_TRANSACTION,
  storeClaims,
  storeSpeakers,
  updateExtractedFields,
} from "./articles";
import { recordAudit } from "./audit";

/**
 * Re-extraction: when the extractor changes, articles get the new extractor's claims.
 * Claims anyone has touched are never changed; untouched new claims are replaced (kept,
 * with fresh speaker, cue and score, when the new extractor finds the same span), and new
 * ones are added.
 */

export type ReextractScope = { articleIds: string[] } | { outdated: true } | { all: true };

/** Queues one item per article in scope (after the imports waiting); returns how many. */
export async function queueReextraction(
  scope: ReextractScope,
  actor: Actor,
  db: PrismaClient = prisma,
): Promise<number> {
  const where =
    "articleIds" in scope
      ? Prisma.sql`a.id = ANY(${scope.articleIds}::uuid[])`
      : "outdated" in scope
        ? Prisma.sql`a."extractorVersion" <> ${EXTRACTOR_VERSION}`
        : Prisma.sql`true`;
  return db.$transaction(async (tx) => {
    const queued = await insertReextractItems(tx, where, actor);
    await recordAudit(tx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: "extraction.queue",
      entity: "Extractor",
      entityId: EXTRACTOR_VERSION,
      after: {
        scope: "articleIds" in scope ? "chosen" : Object.keys(scope)[0]!,
        articles: queued,
      },
    });
    return queued;
  }, STORE_TRANSACTION);
}

/** One re-extraction item per article matching `where` (on "Article" a), in the caller's transaction. */
export function insertReextractItems(
  tx: Prisma.TransactionClient,
  where: Prisma.Sql,
  actor: Actor,
): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO "ReextractItem" (id, "articleId", "actorId", "actorLabel")
    SELECT gen_random_uuid(), a.id, ${actor.userId}::uuid, ${actor.label ?? null}
      FROM "Article" a WHERE ${where}`;
}

export interface ExtractorStatus {
  current: string;
  byVersion: Array<{ version: string; articles: number }>;
  /** Re-extractions waiting or running. */
  pending: number;
}

export async function extractorStatus(db: PrismaClient = prisma): Promise<ExtractorStatus> {
  const [byVersion, pending] = await Promise.all([
    db.article.groupBy({
      by: ["extractorVersion"],
      _count: { _all: true },
      orderBy: { extractorVersion: "asc" },
    }),
    db.reextractItem.count({ where: { status: { in: ["QUEUED", "RUNNING"] } } }),
  ]);
  return {
    current: EXTRACTOR_VERSION,
    byVersion: byVersion.map((row) => ({
      version: row.extractorVersion,
      articles: row._count._all,
    })),
    pending,
  };
}

/** One re-extraction taken by a worker: its fencing token and lease, like an import item's. */
export interface ClaimedReextraction {
  id: string;
  articleId: string;
  actor: Actor;
  attempt: number;
  leaseUntil: Date;
}

/** Re-extractions an article gets before it fails for good. */
const MAX_REEXTRACT_ATTEMPTS = 3;

/** Takes the oldest re-extraction waiting, or null. */
export async function takeReextraction(
  { workerId, leaseMs }: { workerId: string; leaseMs: number },
  db: PrismaClient = prisma,
): Promise<ClaimedReextraction | null> {
  const rows = await db.$queryRaw<
    Array<{
      id: string;
      articleId: string;
      actorId: string | null;
      actorLabel: string | null;
      attempts: number;
      leaseUntil: Date;
    }>
  >`
    UPDATE "ReextractItem" r
       SET status = 'RUNNING', attempts = r.attempts + 1, "workerId" = ${workerId},
           "leaseUntil" = now() + make_interval(secs => ${leaseMs / 1000})
     WHERE r.id = (SELECT q.id FROM "ReextractItem" q
                    WHERE q.status = 'QUEUED' AND q."availableAt" <= now()
                    ORDER BY q."createdAt", q.id LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING r.id, r."articleId", r."actorId", r."actorLabel", r.attempts, r."leaseUntil"`;
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    articleId: row.articleId,
    actor: { userId: row.actorId, label: row.actorLabel ?? undefined },
    attempt: row.attempts,
    leaseUntil: row.leaseUntil,
  };
}

/** Ends a re-extraction this delivery holds, with what happened (fenced by its attempt). */
export async function finishReextraction(
  item: Pick<ClaimedReextraction, "id" | "attempt">,
  outcome: { status: "DONE"; outcome: object } | { status: "FAILED"; error: string },
  db: PrismaClient | Prisma.TransactionClient = prisma,
): Promise<boolean> {
  const { count } = await db.reextractItem.updateMany({
    where: { id: item.id, status: "RUNNING", attempts: item.attempt },
    data: {
      status: outcome.status,
      ...(outcome.status === "DONE" ? { outcome: outcome.outcome } : { error: outcome.error }),
      leaseUntil: null,
      finishedAt: new Date(),
    },
  });
  return count === 1;
}

/**
 * Gives a re-extraction back after a failure that was not the article's (fenced): queued
 * after a back-off, or FAILED once it has had its attempts.
 */
export async function retryReextraction(
  item: Pick<ClaimedReextraction, "id" | "attempt">,
  db: PrismaClient = prisma,
): Promise<void> {
  await db.$executeRaw`
    UPDATE "ReextractItem"
       SET status = (CASE WHEN attempts >= ${MAX_REEXTRACT_ATTEMPTS} THEN 'FAILED' ELSE 'QUEUED' END)::"ReextractStatus",
           error = CASE WHEN attempts >= ${MAX_REEXTRACT_ATTEMPTS} THEN 'stopped each time it was tried' END,
           "finishedAt" = CASE WHEN attempts >= ${MAX_REEXTRACT_ATTEMPTS} THEN now() END,
           "leaseUntil" = NULL,
           "availableAt" = now() + make_interval(secs => ${5 * 2 ** (item.attempt - 1)})
     WHERE id = ${item.id}::uuid AND status = 'RUNNING' AND attempts = ${item.attempt}`;
}

/** Re-extractions whose worker was lost (lease passed): queued again, or failed. */
export async function sweepReextractions(db: PrismaClient = prisma): Promise<number> {
  return db.$executeRaw`
    UPDATE "ReextractItem"
       SET status = (CASE WHEN attempts >= ${MAX_REEXTRACT_ATTEMPTS} THEN 'FAILED' ELSE 'QUEUED' END)::"ReextractStatus",
           error = CASE WHEN attempts >= ${MAX_REEXTRACT_ATTEMPTS} THEN 'stopped each time it was tried' END,
           "finishedAt" = CASE WHEN attempts >= ${MAX_REEXTRACT_ATTEMPTS} THEN now() END,
           "leaseUntil" = NULL
     WHERE status = 'RUNNING' AND "leaseUntil" <= now()`;
}

export async function articleBody(
  articleId: string,
  db: PrismaClient = prisma,
): Promise<{ body: string; language: string } | null> {
  return db.article.findUnique({
    where: { id: articleId },
    select: { body: true, language: true },
  });
}

export interface ReextractionOutcome {
  kept: number;
  added: number;
  removed: number;
  /** Claims someone has touched, left exactly as they are. */
  touched: number;
}

interface ExistingClaim {
  id: string;
  start: number | null;
  end: number | null;
  kind: string;
  touched: boolean;
}

const spanKey = (c: { start: number | null; end: number | null }) => `${c.start}:${c.end}`;

/**
 * Applies a new extraction to an article in one transaction with its audit event. A claim
 * counts as touched when it left NEW, was added by hand, was written since import (its
 * version), is assigned, has comments, evidence, reviews or audit events of its own, or is
 * another claim's original.
 *
 * The article's claims are locked before anyone's touch is read, and read by a statement
 * that starts after the locks are held: a reviewer who takes (or comments on) a claim a
 * moment earlier is seen, and one a moment later waits for this transaction and then finds
 * the claim as it is now. Without the locks, a claim read as untouched could be taken and
 * then deleted here all the same.
 *
 * `held`: the re-extraction item of a worker's delivery; nothing is written unless that
 * delivery still holds it (its attempt, within its lease), and the item ends DONE with it.
 */
export async function applyReextraction(
  articleId: string,
  extraction: ExtractionResult,
  actor: Actor,
  {
    db = prisma,
    held,
  }: { db?: PrismaClient; held?: Pick<ClaimedReextraction, "id" | "attempt"> } = {},
): Promise<ReextractionOutcome | null> {
  return db.$transaction(async (tx) => {
    if (held) {
      const [row] = await tx.$queryRaw<Array<{ held: boolean }>>`
        SELECT status = 'RUNNING' AND attempts = ${held.attempt}
               AND "leaseUntil" > clock_timestamp() AS held
          FROM "ReextractItem" WHERE id = ${held.id}::uuid FOR UPDATE`;
      if (!row?.held) return null;
    }
    const [article] = await tx.$queryRaw<Array<{ body: string; extractorVersion: string }>>`
      SELECT body, "extractorVersion" FROM "Article" WHERE id = ${articleId}::uuid FOR UPDATE`;
    if (!article) {
      if (held)
        await finishReextraction(held, { status: "FAILED", error: "the article was deleted" }, tx);
      return null;
    }
    await tx.$queryRaw`
      SELECT id FROM "Claim" WHERE "articleId" = ${articleId}::uuid ORDER BY id FOR UPDATE`;
    const existing = await tx.$queryRaw<ExistingClaim[]>`
      SELECT c.id, c.start, c."end", c.kind::text AS kind,
             (c.state <> 'NEW' OR c.origin <> 'EXTRACTED' OR c.version > 1
              OR c."assigneeId" IS NOT NULL
              OR EXISTS (SELECT 1 FROM "Comment" x WHERE x."claimId" = c.id)
              OR EXISTS (SELECT 1 FROM "Evidence" x WHERE x."claimId" = c.id)
              OR EXISTS (SELECT 1 FROM "Review" x WHERE x."claimId" = c.id)
              OR EXISTS (SELECT 1 FROM "Claim" x WHERE x."duplicateOfId" = c.id)
              OR EXISTS (SELECT 1 FROM "AuditEvent" x
                          WHERE x.entity = 'Claim' AND x."entityId" = c.id::text)) AS touched
        FROM "Claim" c WHERE c."articleId" = ${articleId}::uuid`;
    const touchedSpans = new Set(existing.filter((c) => c.touched).map(spanKey));
    const untouched = new Map(
      existing.filter((c) => !c.touched).map((c) => [`${spanKey(c)}:${c.kind}`, c]),
    );
    const speakerIds = await storeSpeakers(tx, articleId, extraction.speakers);

    const kept: Array<{ id: string; claim: ExtractionResult["claims"][number] }> = [];
    const added: ExtractionResult["claims"] = [];
    for (const claim of extraction.claims) {
      const same = untouched.get(`${spanKey(claim)}:${claim.kind}`);
      if (same) {
        kept.push({ id: same.id, claim });
        untouched.delete(`${spanKey(claim)}:${claim.kind}`);
      } else if (!touchedSpans.has(spanKey(claim))) added.push(claim);
    }
    const removed = [...untouched.values()].map((c) => c.id);
    if (removed.length > 0) await tx.claim.deleteMany({ where: { id: { in: removed } } });
    await updateExtractedFields(
      tx,
      kept.map(({ id, claim }) => ({
        id,
        ...extractedFields(claim, extraction.speakers, speakerIds),
      })),
    );
    await storeClaims(
      tx,
      articleId,
      article.body,
      { claims: added, speakers: extraction.speakers },
      speakerIds,
      actor,
    );
    // Speakers no claim names any more.
    await tx.speaker.deleteMany({ where: { articleId, claims: { none: {} } } });
    await tx.article.update({
      where: { id: articleId },
      data: { extractorVersion: EXTRACTOR_VERSION },
    });
    const outcome = {
      kept: kept.length,
      added: added.length,
      removed: removed.length,
      touched: existing.length - kept.length - removed.length,
    };
    await recordAudit(tx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: "article.reextract",
      entity: "Article",
      entityId: articleId,
      before: { extractorVersion: article.extractorVersion, claims: existing.length },
      after: { extractorVersion: EXTRACTOR_VERSION, ...outcome },
    });
    if (held) await finishReextraction(held, { status: "DONE", outcome }, tx);
    return outcome;
  }, STORE_TRANSACTION);
}
