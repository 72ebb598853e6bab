import "server-only";
import { prisma, type PrismaClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { EXTRACTOR_VERSION, type ExtractionResult } from "@/lib/domain/extraction/extract";
import { insertJobs, newJob, QUEUES, type ReextractJob } from "@/lib/jobs/queue";
import type { Actor } from "./actor";
import { extractedFields, STORE_TRANSACTION, storeClaims, storeSpeakers } from "./articles";
import { recordAudit } from "./audit";

/**
 * Re-extraction: when the extractor changes, articles get the new extractor's claims.
 * Claims anyone has touched are never changed; untouched new claims are replaced (kept,
 * with fresh speaker, cue and score, when the new extractor finds the same span), and new
 * ones are added.
 */

export type ReextractScope = { articleIds: string[] } | { outdated: true } | { all: true };

/** Queues one job per article in scope; returns how many. */
export async function queueReextraction(
  scope: ReextractScope,
  actor: Actor,
  db: PrismaClient = prisma,
): Promise<number> {
  const where: Prisma.ArticleWhereInput =
    "articleIds" in scope
      ? { id: { in: scope.articleIds } }
      : "outdated" in scope
        ? { extractorVersion: { not: EXTRACTOR_VERSION } }
        : {};
  return db.$transaction(async (tx) => {
    const articles = await tx.article.findMany({ where, select: { id: true } });
    const jobs = articles.map((a) =>
      newJob<ReextractJob>(QUEUES.reextractArticle, {
        articleId: a.id,
        actorId: actor.userId,
        actorLabel: actor.label,
      }),
    );
    await insertJobs(
      { executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe(text, ...values) }) },
      jobs,
    );
    await recordAudit(tx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: "extraction.queue",
      entity: "Extractor",
      entityId: EXTRACTOR_VERSION,
      after: {
        scope: "articleIds" in scope ? "chosen" : Object.keys(scope)[0]!,
        articles: jobs.length,
      },
    });
    return jobs.length;
  }, STORE_TRANSACTION);
}

export interface ExtractorStatus {
  current: string;
  byVersion: Array<{ version: string; articles: number }>;
  /** Re-extraction jobs waiting or running. */
  pending: number;
}

export async function extractorStatus(db: PrismaClient = prisma): Promise<ExtractorStatus> {
  const [byVersion, pending] = await Promise.all([
    db.article.groupBy({
      by: ["extractorVersion"],
      _count: { _all: true },
      orderBy: { extractorVersion: "asc" },
    }),
    db.$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM pgboss.job
       WHERE name = ${QUEUES.reextractArticle} AND state IN ('created', 'retry', 'active')`,
  ]);
  return {
    current: EXTRACTOR_VERSION,
    byVersion: byVersion.map((row) => ({
      version: row.extractorVersion,
      articles: row._count._all,
    })),
    pending: Number(pending[0]?.n ?? 0),
  };
}

export async function articleBody(
  articleId: string,
  db: PrismaClient = prisma,
): Promise<string | null> {
  const article = await db.article.findUnique({ where: { id: articleId }, select: { body: true } });
  return article?.body ?? null;
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
 */
export async function applyReextraction(
  articleId: string,
  extraction: ExtractionResult,
  actor: Actor,
  db: PrismaClient = prisma,
): Promise<ReextractionOutcome | null> {
  return db.$transaction(async (tx) => {
    const [article] = await tx.$queryRaw<Array<{ body: string; extractorVersion: string }>>`
      SELECT body, "extractorVersion" FROM "Article" WHERE id = ${articleId}::uuid FOR UPDATE`;
    if (!article) return null;
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
    for (const { id, claim } of kept) {
      await tx.claim.update({
        where: { id },
        data: extractedFields(claim, extraction.speakers, speakerIds),
      });
    }
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
    return outcome;
  }, STORE_TRANSACTION);
}
