import type { ImportBudgets } from "@/lib/domain/budgets";
import {
  articleOfItem,
  duplicateOfUrl,
  expandImportItem,
  isFactCheckItem,
  storeFactCheckPage,
  storeImportedArticle,
} from "@/lib/data/import-outcomes";
import { failImportItem, type ClaimedItem, type WriteBudget } from "@/lib/data/import-queue";
import { FetchError, PAGE_TYPES, safeFetch, type Fetched } from "@/lib/fetch/safe-fetch";
import type { ExtractionResult } from "@/lib/domain/extraction/extract";
import type { ArticleInput } from "@/lib/validation/article";
import { judgeExtraction, judgeSignal, type Judge } from "./judge";
import { BudgetError, StarvedError, type DocumentPool } from "./pool";

export interface ImportContext {
  pool: DocumentPool;
  budgets: ImportBudgets;
  /** A URL item's page waits for a thread here once it is fetched (the worker's CPU slots). */
  threadFor?: (deadline: AbortSignal) => Promise<() => void>;
  /** The worker stopping: what runs stops too, and its item is given back, not failed. */
  stop?: AbortSignal;
  /**
   * Rescores extracted claims by the encoder model before they are stored (lib/jobs/judge.ts);
   * without it, or when the encoder cannot run, they keep the words model's scores.
   */
  judge?: Judge;
  /** Hears why the encoder could not judge an article's claims. */
  onJudgeError?: (error: unknown) => void;
}

/** An extraction's claims judged by the encoder model within what the item's lease allows. */
export function judged(
  extraction: ExtractionResult,
  ctx: ImportContext,
  leaseUntil: Date,
  deadline: AbortSignal,
): Promise<ExtractionResult> {
  return judgeExtraction(
    extraction,
    ctx.judge,
    judgeSignal(leaseUntil, ctx.budgets, deadline),
    ctx.onJudgeError ?? (() => {}),
  );
}

/** The item's deadline (its lease), or the worker stopping, whichever comes first. */
export function itemDeadline(leaseUntil: Date, stop?: AbortSignal): AbortSignal {
  const lease = AbortSignal.timeout(Math.max(0, leaseUntil.getTime() - Date.now()));
  return stop ? AbortSignal.any([lease, stop]) : lease;
}

/** Stores an article read and extracted, its claims judged first. */
type Store = (article: ArticleInput, extraction: ExtractionResult) => Promise<ImportItemResult>;

export type ImportItemResult =
  | "IMPORTED"
  | "DUPLICATE"
  | "EXPANDED"
  | "FAILED"
  /** Nothing written: the item was no longer this delivery's (cancelled, or taken again). */
  | "SKIPPED";

/**
 * Runs one delivery of an import item, every phase within the item's deadline (its lease):
 * a file is read and extracted in a worker thread within the document budget, a web
 * address fetched first; then the article and the item's outcome are written together,
 * fenced by the delivery's attempt. A document over budget, or that cannot be read or
 * fetched, fails alone with its message; any other error (the database, the deadline) is
 * thrown, for the worker to give the item back for another try.
 */
export async function runImportItem(
  item: ClaimedItem,
  ctx: ImportContext,
): Promise<ImportItemResult> {
  const deadline = itemDeadline(item.leaseUntil, ctx.stop);
  const write = { budget: storeBudget(ctx.budgets, item) };
  const failed = async (message: string) =>
    (await failImportItem(item, message)) ? ("FAILED" as const) : ("SKIPPED" as const);
  const store: Store = async (article, extraction) =>
    (await storeImportedArticle(
      item,
      article,
      await judged(extraction, ctx, item.leaseUntil, deadline),
      write,
    )) ?? "SKIPPED";
  try {
    if (item.kind === "URL") return await importUrl(item, ctx, deadline, write, failed, store);
    if (item.kind === "ARTICLE") {
      const article = articleOfItem(item);
      return await store(article, await ctx.pool.extract(article.body, deadline, article.language));
    }
    const read = await ctx.pool.read(item.source, item.content ?? new Uint8Array(), deadline);
    const [first] = read.articles;
    if (read.container) {
      // A file that failed as a whole ("too many articles", "not valid UTF-8") fails as one.
      if (read.articles.length === 1 && !first!.ok && first!.source === item.source) {
        return await failed(first!.error);
      }
      return (await expandImportItem(item, read.articles, write)) === null ? "SKIPPED" : "EXPANDED";
    }
    if (!first?.ok) return await failed(first?.error ?? "the file holds no article");
    return await store(first.article, read.extraction!);
  } catch (error) {
    if (error instanceof BudgetError) return failed(error.message);
    throw error;
  }
}

/**
 * The store's transaction: its budget, but never past the item's lease (a write that
 * would end after it is cut off and rolled back; the fencing refuses it anyway).
 */
function storeBudget(budgets: ImportBudgets, item: ClaimedItem): WriteBudget {
  const left = item.leaseUntil.getTime() - Date.now();
  return {
    timeout: Math.max(1, Math.min(budgets.storeMs, left - budgets.connectionWaitMs)),
    maxWait: budgets.connectionWaitMs,
  };
}

/**
 * A web address: a page already imported from it is a duplicate (nothing is fetched);
 * else the safe fetcher brings it (its refusals and failures end the item with their
 * message), then the page waits for a thread, which reads it (Readability and the page's
 * metadata) and extracts it. An entry of a feed of fact-checks is read for its ClaimReview
 * records instead, which go into the fact-check library.
 */
async function importUrl(
  item: ClaimedItem,
  ctx: ImportContext,
  deadline: AbortSignal,
  write: { budget: WriteBudget },
  failed: (message: string) => Promise<ImportItemResult>,
  store: Store,
): Promise<ImportItemResult> {
  const url = Buffer.from(item.content ?? new Uint8Array()).toString("utf8");
  // A fact-checker's feed entry: its page goes into the fact-check library, not the desk.
  const factChecks = await isFactCheckItem(item.id);
  if (!factChecks && (await duplicateOfUrl(item, url, write))) return "DUPLICATE";
  let page: Fetched;
  try {
    page = await safeFetch(url, {
      accept: PAGE_TYPES,
      kind: "a web page (HTML or plain text)",
      timeoutMs: ctx.budgets.fetchMs,
      signal: deadline,
    });
  } catch (error) {
    if (!(error instanceof FetchError)) throw error;
    // Stopped by the worker stopping, not by the page: the item goes back, unfailed.
    if (ctx.stop?.aborted) throw new StarvedError("the worker stopped during the fetch");
    return failed(error.message);
  }
  const release = ctx.threadFor ? await ctx.threadFor(deadline) : () => {};
  let read;
  let found;
  try {
    if (factChecks) found = await ctx.pool.readClaimReviews(page.url, page.text, deadline);
    else {
      read = await ctx.pool.readPage(
        page.url,
        page.contentType ?? "text/html",
        page.text,
        deadline,
      );
    }
  } finally {
    release();
  }
  if (found) {
    const stored = await storeFactCheckPage(
      item,
      found.ok
        ? { url: page.url, records: found.records }
        : { url: page.url, reason: found.reason },
      write,
    );
    return stored ?? "SKIPPED";
  }
  if (!read) throw new Error("the page was not read");
  const [first] = read.articles;
  if (!first?.ok) return failed(first?.error ?? "no article text was found on the page");
  return store(first.article, read.extraction!);
}
