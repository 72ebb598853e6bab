import "server-only";
import { prisma, type PrismaClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { articleContentHash } from "@/lib/domain/article";
import { extractClaims } from "@/lib/domain/extraction/extract";
import { quoteSelector } from "@/lib/domain/extraction/selector";
import { matchFields } from "@/lib/domain/matching";
import { flagCheckedBefore } from "./matching";
import type { ArticleInput } from "@/lib/validation/article";
import type { Actor } from "./actor";
import { recordAudit } from "./audit";

export type ImportOutcome =
  | { status: "imported"; articleId: string; title: string; claims: number }
  | { status: "duplicate"; articleId: string; title: string };

/**
 * Imports one validated article with its extracted claims and speakers, all in one
 * transaction with the audit event; an article whose normalised text is already stored
 * is not imported again.
 */
export async function importArticle(
  input: ArticleInput,
  actor: Actor,
  db: PrismaClient = prisma,
): Promise<ImportOutcome> {
  const contentHash = articleContentHash(input.body);
  const existing = await db.article.findUnique({
    where: { contentHash },
    select: { id: true, title: true },
  });
  if (existing) return { status: "duplicate", articleId: existing.id, title: existing.title };

  // Extraction is pure CPU work: done before the transaction opens.
  const extraction = extractClaims(input.body);
  try {
    return await db.$transaction(async (tx) => {
      const article = await tx.article.create({
        data: {
          title: input.title,
          url: input.url ?? null,
          outlet: input.outlet ?? null,
          author: input.author ?? null,
          publishedAt: input.publishedAt ?? null,
          language: input.language,
          body: input.body,
          contentHash,
          importedById: actor.userId,
        },
      });
      const speakerIds = new Map<number, string>();
      const byName = new Map<string, string>();
      for (const [ref, speaker] of extraction.speakers.entries()) {
        let id = byName.get(speaker.name);
        if (!id) {
          const row = await tx.speaker.create({
            data: {
              articleId: article.id,
              name: speaker.name.slice(0, 300),
              title: speaker.title?.slice(0, 300) ?? null,
              type: speaker.isPerson ? "PERSON" : null,
              aliases: speaker.aliases.slice(0, 20),
            },
          });
          id = row.id;
          byName.set(speaker.name, id);
        }
        speakerIds.set(ref, id);
      }
      const created = await tx.claim.createManyAndReturn({
        select: { id: true, matchText: true },
        data: extraction.claims.map((claim) => {
          const selector = quoteSelector(input.body, claim.start, claim.end);
          const speaker = claim.speakerRef === null ? null : extraction.speakers[claim.speakerRef]!;
          return {
            articleId: article.id,
            text: claim.text,
            start: claim.start,
            end: claim.end,
            quoteExact: selector.exact,
            quotePrefix: selector.prefix,
            quoteSuffix: selector.suffix,
            kind: claim.kind,
            origin: "EXTRACTED" as const,
            speakerId: claim.speakerRef === null ? null : speakerIds.get(claim.speakerRef)!,
            speakerStart: claim.speaker?.start ?? null,
            speakerEnd: claim.speaker?.end ?? null,
            cueText: claim.cue?.text ?? null,
            cueStart: claim.cue?.start ?? null,
            cueEnd: claim.cue?.end ?? null,
            checkworthiness: claim.checkworthiness,
            ...matchFields(claim.text),
            claimantName: speaker?.name ?? null,
            claimantRole: speaker?.title ?? null,
            claimantType: speaker?.isPerson ? ("PERSON" as const) : null,
            createdById: actor.userId,
          };
        }),
      });
      // "Checked before?": each new claim against the approved ones.
      await flagCheckedBefore(tx, created);
      await recordAudit(tx, {
        actorId: actor.userId,
        actorLabel: actor.label,
        action: "article.import",
        entity: "Article",
        entityId: article.id,
        after: { title: article.title, url: article.url, claims: extraction.claims.length },
      });
      return {
        status: "imported" as const,
        articleId: article.id,
        title: article.title,
        claims: extraction.claims.length,
      };
    });
  } catch (error) {
    // Two imports of the same text at once: the second finds the first.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const winner = await db.article.findUnique({
        where: { contentHash },
        select: { id: true, title: true },
      });
      if (winner) return { status: "duplicate", articleId: winner.id, title: winner.title };
    }
    throw error;
  }
}

export async function listArticles({ take = 100 }: { take?: number } = {}) {
  return prisma.article.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      title: true,
      outlet: true,
      url: true,
      publishedAt: true,
      createdAt: true,
      _count: { select: { claims: true } },
    },
  });
}

export async function getArticleById(articleId: string) {
  return prisma.article.findUnique({
    where: { id: articleId },
    select: {
      id: true,
      title: true,
      outlet: true,
      author: true,
      url: true,
      publishedAt: true,
      body: true,
      createdAt: true,
      importedBy: { select: { name: true } },
    },
  });
}

export async function listArticleClaims(articleId: string) {
  return prisma.claim.findMany({
    where: { articleId },
    orderBy: [{ start: "asc" }, { id: "asc" }],
    select: {
      id: true,
      text: true,
      start: true,
      end: true,
      kind: true,
      state: true,
      checkworthiness: true,
      cueText: true,
      speaker: { select: { name: true, title: true } },
    },
  });
}

export async function getArticleTitle(articleId: string): Promise<string | null> {
  const article = await prisma.article.findUnique({
    where: { id: articleId },
    select: { title: true },
  });
  return article?.title ?? null;
}
