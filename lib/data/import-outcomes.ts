import "server-only";
import { prisma, type PrismaClient } from "@/lib/db";
import type { ExtractionResult } from "@/lib/domain/extraction/extract";
import type { ParsedArticle } from "@/lib/domain/import/parse";
import { articleInput, type ArticleInput } from "@/lib/validation/article";
import { findDuplicateArticle, isUniqueViolation, storeArticle } from "./articles";
import { MATCH_BATCH } from "./matching";
import type { FactCheckRecord } from "@/lib/domain/fact-checks/records";
import { entriesOf, saveFactChecksIn } from "./fact-check-library";
import { ending, whileHeld, type ClaimedItem, type WriteBudget } from "./import-queue";

/**
 * What a delivery of an import item writes when its work is done: the article and the
 * item's outcome together, in one transaction that holds the item only while this delivery
 * owns it (lib/data/import-queue.ts: fenced by its attempt). Null means the delivery no
 * longer owned the item, and nothing was written.
 */

interface WriteOptions {
  db?: PrismaClient;
  budget?: WriteBudget;
}

/**
 * An item whose page is already an article (by its address, before anything is fetched):
 * DUPLICATE, linked to that article. Null when there is none, or the item is no longer this delivery's.
 */
export async function duplicateOfUrl(
  item: ClaimedItem,
  url: string,
  { db = prisma, budget }: WriteOptions = {},
): Promise<"DUPLICATE" | null> {
  const known = await db.article.findFirst({
    where: { OR: [{ canonicalUrl: url }, { url }] },
    select: { id: true },
  });
  if (!known) return null;
  return whileHeld(
    item,
    async (tx) => {
      await tx.importItem.update({
        where: { id: item.id },
        data: ending(item.attempt, "DUPLICATE", { articleId: known.id }),
      });
      return "DUPLICATE" as const;
    },
    { db, budget },
  );
}

/** Writes an article read and extracted by a worker, and its item's outcome, together. */
export async function storeImportedArticle(
  item: ClaimedItem,
  input: ArticleInput,
  extraction: ExtractionResult,
  { db = prisma, budget }: WriteOptions = {},
): Promise<"IMPORTED" | "DUPLICATE" | null> {
  const write = () =>
    whileHeld(
      item,
      async (tx) => {
        const duplicate = await findDuplicateArticle(tx, input.body, input.canonicalUrl);
        if (duplicate) {
          await tx.importItem.update({
            where: { id: item.id },
            data: ending(item.attempt, "DUPLICATE", { articleId: duplicate.articleId }),
          });
          return "DUPLICATE" as const;
        }
        // A large article's claims are matched against the approved ones after this
        // transaction (matchArticleClaims), so that its write stays short.
        const stored = await storeArticle(tx, input, extraction, item.actor, {
          matchLater: extraction.claims.length > MATCH_BATCH,
        });
        const note = extraction.found
          ? `${extraction.claims.length.toLocaleString("en")} of the ${extraction.found.toLocaleString("en")} claims found were kept: the most check-worthy`
          : undefined;
        await tx.importItem.update({
          where: { id: item.id },
          data: ending(item.attempt, "IMPORTED", {
            articleId: stored.articleId,
            claims: stored.claims,
            note,
          }),
        });
        return "IMPORTED" as const;
      },
      { db, budget },
    );
  try {
    return await write();
  } catch (error) {
    // The same text committed by another item meanwhile: this one is its duplicate.
    if (isUniqueViolation(error)) return write();
    throw error;
  }
}

/**
 * A file of many articles becomes one item per article (line or array item), each queued
 * as its owner's work; lines that could not be read end at once with their message.
 */
export async function expandImportItem(
  item: ClaimedItem,
  articles: ParsedArticle[],
  { db = prisma, budget }: WriteOptions = {},
): Promise<number | null> {
  return whileHeld(
    item,
    async (tx) => {
      const parent = await tx.importItem.findUniqueOrThrow({
        where: { id: item.id },
        select: { ownerKey: true, priority: true },
      });
      await tx.importItem.createMany({
        data: articles.map((parsed, i) => ({
          batchId: item.batchId,
          parentId: item.id,
          position: i + 1,
          source: parsed.source,
          kind: "ARTICLE" as const,
          ownerKey: parent.ownerKey,
          priority: parent.priority,
          ...(parsed.ok
            ? { content: Buffer.from(JSON.stringify(parsed.article), "utf8") }
            : { status: "FAILED" as const, error: parsed.error, finishedAt: new Date() }),
        })),
      });
      await tx.importItem.update({
        where: { id: item.id },
        data: ending(item.attempt, "EXPANDED", { children: articles.length }),
      });
      return articles.length;
    },
    { db, budget },
  );
}

/** An ARTICLE item's article, as validated when it was queued (and checked again here). */
export function articleOfItem(item: ClaimedItem): ArticleInput {
  const json = JSON.parse(Buffer.from(item.content ?? []).toString("utf8")) as unknown;
  return articleInput.parse(json);
}

/**
 * Whether an address item came from a feed of fact-checks (its page is read for its
 * ClaimReview records, not imported as an article).
 */
export async function isFactCheckItem(itemId: string, db: PrismaClient = prisma) {
  const entry = await db.feedEntry.findFirst({
    where: { importItemId: itemId, feed: { factChecks: true } },
    select: { id: true },
  });
  return entry !== null;
}

/**
 * A fact-check page an item read: its ClaimReview records saved into the library and the
 * item ended IMPORTED with how many, together and fenced by the delivery's attempt; a page
 * with none ends FAILED with the reason. Null when the item is no longer this delivery's.
 */
export async function storeFactCheckPage(
  item: ClaimedItem,
  page: { url: string; records: FactCheckRecord[] } | { url: string; reason: string },
  { db = prisma, budget }: WriteOptions = {},
): Promise<"IMPORTED" | "FAILED" | null> {
  return whileHeld(
    item,
    async (tx) => {
      if ("reason" in page) {
        await tx.importItem.update({
          where: { id: item.id },
          data: ending(item.attempt, "FAILED", { error: `skipped: ${page.reason}` }),
        });
        return "FAILED" as const;
      }
      const saved = await saveFactChecksIn(tx, entriesOf(page.records), {
        source: "FEED",
        origin: page.url,
        actor: { id: item.actor.userId, label: item.actor.label ?? "feed" },
      });
      const n = page.records.length;
      await tx.importItem.update({
        where: { id: item.id },
        data: ending(item.attempt, "IMPORTED", {
          note: `${n} fact-check${n === 1 ? "" : "s"} into the library (${saved.added} new, ${saved.updated} updated)`,
        }),
      });
      return "IMPORTED" as const;
    },
    { db, budget },
  );
}
