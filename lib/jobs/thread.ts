/**
 * The work a worker thread does: reading an uploaded file into articles and extracting
 * claims. CPU-bound and bounded by the pool's time and memory budget (lib/jobs/pool.ts);
 * nothing here touches the database.
 */
import { readlinkSync } from "node:fs";
import type { MessagePort } from "node:worker_threads";
import {
  attributionModel,
  limitClaims,
  type ExtractionResult,
} from "@/lib/domain/extraction/extract";
import { extractArticle } from "@/lib/domain/extraction/languages";
import {
  holdsManyArticles,
  parseImportFile,
  parseWebPage,
  type ParsedArticle,
} from "@/lib/domain/import/parse";
import { readFeed, type ParsedFeed } from "@/lib/domain/import/feed";
import { claimReviewsInPage, type PageRecords } from "@/lib/domain/fact-checks/sources";

export type DocumentTask =
  | { kind: "read"; name: string; bytes: Uint8Array }
  /** `declared`: the article's language when known (else it is detected). */
  | { kind: "extract"; body: string; declared?: string }
  /** A page fetched from the web, decoded. */
  | { kind: "page"; url: string; contentType: string; text: string }
  /** A news feed fetched from the web, decoded. */
  | { kind: "feed"; url: string; text: string }
  /** A fact-check page fetched from the web, decoded: its ClaimReview records. */
  | { kind: "claimreviews"; url: string; text: string };

/** A feed read, or why it could not be. */
export type FeedResult = { ok: true; feed: ParsedFeed } | { ok: false; error: string };

export type ThreadTask = DocumentTask & {
  /** The language of an article too short to detect it in (CLAIMDESK_DEFAULT_LANGUAGE). */
  fallback: string;
  /**
   * Told when the thread starts the task, with the thread's id: the document's budget runs
   * from then, and its CPU time is read by that id (lib/jobs/pool.ts).
   */
  started: MessagePort;
};

export interface ReadResult {
  articles: ParsedArticle[];
  /** A file that holds many articles (JSON array, JSON Lines), even if it held one. */
  container: boolean;
  /** The claims of a file of one article, extracted in the same task. */
  extraction: ExtractionResult | null;
}

// The model is decoded as the thread starts, before it takes a task: not in a document's budget.
attributionModel();

/** This thread's id for /proc (Linux: /proc/thread-self names it), or 0 where there is none. */
const THREAD_ID = (() => {
  try {
    return Number(readlinkSync("/proc/thread-self").split("/").at(-1)) || 0;
  } catch {
    return 0;
  }
})();

export default function run(
  task: ThreadTask,
): ReadResult | ExtractionResult | FeedResult | PageRecords {
  task.started.postMessage(THREAD_ID);
  task.started.close();
  if (task.kind === "claimreviews") return claimReviewsInPage(task.text, task.url);
  if (task.kind === "feed") {
    try {
      return { ok: true, feed: readFeed(task.text, task.url) };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  }
  const extract = (body: string, declared?: string) =>
    limitClaims(extractArticle(body, { declared, fallback: task.fallback }));
  if (task.kind === "extract") return extract(task.body, task.declared);
  if (task.kind === "page") {
    const page = parseWebPage(task.url, task.contentType, task.text);
    return {
      articles: [page],
      container: false,
      extraction: page.ok ? extract(page.article.body, page.article.language) : null,
    };
  }
  const articles = parseImportFile(task.name, task.bytes);
  const container = holdsManyArticles(task.name, articles);
  const only = !container && articles.length === 1 ? articles[0]! : null;
  return {
    articles,
    container,
    extraction: only?.ok ? extract(only.article.body, only.article.language) : null,
  };
}
