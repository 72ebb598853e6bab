import {
  articleOfItem,
  claimImportItem,
  duplicateOfUrl,
  expandImportItem,
  failImportItem,
  storeImportedArticle,
  type ClaimedItem,
} from "@/lib/data/imports";
import { FetchError, PAGE_TYPES, safeFetch } from "@/lib/fetch/safe-fetch";
import { BudgetError, type DocumentPool } from "./pool";

export interface ImportContext {
  pool: DocumentPool;
  workerId: string;
}

export type ImportItemResult =
  | "IMPORTED"
  | "DUPLICATE"
  | "EXPANDED"
  | "FAILED"
  /** Nothing to do: cancelled, or already done by an earlier delivery of the job. */
  | "SKIPPED";

/**
 * Runs one import item: claim it, read it (a file) and extract its claims in a worker
 * thread within the document budget, then write the article and the item's outcome in
 * one transaction. A document the budget stops, or that cannot be read, fails alone with
 * its message; any other error is thrown, for the queue to retry the job.
 */
export async function runImportItem(itemId: string, ctx: ImportContext): Promise<ImportItemResult> {
  const item = await claimImportItem(itemId, ctx.workerId);
  if (!item) return "SKIPPED";
  try {
    if (item.kind === "URL") return await importUrl(item, ctx);
    if (item.kind === "ARTICLE") {
      const article = articleOfItem(item);
      const extraction = await ctx.pool.extract(article.body);
      return (await storeImportedArticle(item, article, extraction)) ?? "SKIPPED";
    }
    const read = await ctx.pool.read(item.source, item.content ?? new Uint8Array());
    const [first] = read.articles;
    if (read.container) {
      // A file that failed as a whole ("too many articles", "not valid UTF-8") fails as one.
      if (read.articles.length === 1 && !first!.ok && first!.source === item.source) {
        await failImportItem(item.id, first!.error);
        return "FAILED";
      }
      return (await expandImportItem(item, read.articles)) === null ? "SKIPPED" : "EXPANDED";
    }
    if (!first?.ok) {
      await failImportItem(item.id, first?.error ?? "the file holds no article");
      return "FAILED";
    }
    return (await storeImportedArticle(item, first.article, read.extraction!)) ?? "SKIPPED";
  } catch (error) {
    if (error instanceof BudgetError) {
      await failImportItem(item.id, error.message);
      return "FAILED";
    }
    throw error;
  }
}

/**
 * A web address: a page already imported from it is a duplicate (nothing is fetched);
 * else the safe fetcher brings it (its refusals and failures end the item with their
 * message), and a thread reads it (Readability and the page's metadata) and extracts it.
 */
async function importUrl(item: ClaimedItem, ctx: ImportContext): Promise<ImportItemResult> {
  const url = Buffer.from(item.content ?? new Uint8Array()).toString("utf8");
  if (await duplicateOfUrl(item, url)) return "DUPLICATE";
  let page;
  try {
    page = await safeFetch(url, { accept: PAGE_TYPES, kind: "a web page (HTML or plain text)" });
  } catch (error) {
    if (!(error instanceof FetchError)) throw error;
    await failImportItem(item.id, error.message);
    return "FAILED";
  }
  const read = await ctx.pool.readPage(page.url, page.contentType ?? "text/html", page.text);
  const [first] = read.articles;
  if (!first?.ok) {
    await failImportItem(item.id, first?.error ?? "no article text was found on the page");
    return "FAILED";
  }
  return (await storeImportedArticle(item, first.article, read.extraction!)) ?? "SKIPPED";
}
