import "server-only";
import { unstable_cache, updateTag } from "next/cache";
import {
  correctionsLog,
  factCheckIndex,
  latestFactChecks,
  publishedFactCheck,
  ratings,
  sitemapFactChecks,
} from "./public";

/**
 * The public pages' reads, cached by Next's data cache under one tag: a page is read from
 * the database once, then served from memory until something public changes. The actions
 * that change what the public sees (publish, correct, unpublish, reopen, a verdict's label
 * or definition) expire the tag (runAction's `publicPages` option), so the next visit reads
 * afresh; REVALIDATE_SECONDS bounds how long another server process on the same database
 * may show an older copy. A withdrawn page's 410 is never cached (proxy.ts reads it).
 */
export const PUBLIC_PAGES_TAG = "public-pages";
const REVALIDATE_SECONDS = 60;

/** Expires every cached public read; only inside a server action. */
export function publicPagesChanged(): void {
  updateTag(PUBLIC_PAGES_TAG);
}

/** The date fields the public reads return: the cache hands them back as strings. */
const DATE_FIELDS = new Set([
  "publishedAt",
  "updatedAt",
  "unpublishedAt",
  "reviewedAt",
  "appearanceDate",
  "articlePublishedAt",
  "correctedAt",
]);

/** Turns the cache's JSON copy back into what the query returned (its dates as Dates). */
export function reviveDates<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reviveDates) as T;
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    out[key] =
      DATE_FIELDS.has(key) && typeof field === "string" ? new Date(field) : reviveDates(field);
  }
  return out as T;
}

/** `read` through the cache (made at its first call: importing this module does nothing). */
function cached<A extends unknown[], R>(read: (...args: A) => Promise<R>, key: string) {
  let inCache: ((...args: A) => Promise<R>) | null = null;
  return async (...args: A): Promise<R> => {
    inCache ??= unstable_cache(read, ["public", key], {
      tags: [PUBLIC_PAGES_TAG],
      revalidate: REVALIDATE_SECONDS,
    });
    return reviveDates(await inCache(...args));
  };
}

export const cachedFactCheck = cached(publishedFactCheck, "fact-check");
export const cachedFactCheckIndex = cached(factCheckIndex, "index");
export const cachedLatestFactChecks = cached(latestFactChecks, "latest");
export const cachedSitemapFactChecks = cached(sitemapFactChecks, "sitemap");
export const cachedRatings = cached(ratings, "ratings");
export const cachedCorrectionsLog = cached(correctionsLog, "corrections");
