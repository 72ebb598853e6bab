import "server-only";
import { unstable_cache, updateTag } from "next/cache";
import {
  correctionsLog,
  factCheckIndex,
  latestFactChecks,
  publicationSlugOf,
  publishedFactCheck,
  ratings,
  sitemapFactChecks,
} from "./public";

/**
 * The public pages' reads, cached by Next's data cache: a page is read from the database
 * once, then served from memory until something public changes. Each fact-check's page
 * (and its embed and card) has a tag of its own; the lists (index, feed, sitemap,
 * corrections, ratings) share one. The actions that change what the public sees (publish,
 * correct, unpublish and reopen a claim; a verdict's label or definition) expire the lists
 * and the claim's own page (runAction's `publicPages` option), so the next visit reads
 * afresh and no other page is read again; REVALIDATE_SECONDS bounds how long another
 * server process on the same database may show an older copy. A withdrawn page's 410 is
 * never cached (proxy.ts reads it).
 */
const LISTS_TAG = "public-lists";
const factCheckTag = (slug: string) => `fact-check:${slug}`;
const REVALIDATE_SECONDS = 60;

/**
 * Expires the public lists and, given a claim, its fact-check's page; only inside a
 * server action.
 */
export async function publicPagesChanged(claimId?: string): Promise<void> {
  updateTag(LISTS_TAG);
  const slug = claimId ? await publicationSlugOf(claimId) : null;
  if (slug) updateTag(factCheckTag(slug));
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
      tags: [LISTS_TAG],
      revalidate: REVALIDATE_SECONDS,
    });
    return reviveDates(await inCache(...args));
  };
}

/** A fact-check as its page, embed and card show it, under the page's own tag. */
export async function cachedFactCheck(slug: string) {
  const inCache = unstable_cache(publishedFactCheck, ["public", "fact-check"], {
    tags: [factCheckTag(slug)],
    revalidate: REVALIDATE_SECONDS,
  });
  return reviveDates(await inCache(slug));
}

export const cachedFactCheckIndex = cached(factCheckIndex, "index");
export const cachedLatestFactChecks = cached(latestFactChecks, "latest");
export const cachedSitemapFactChecks = cached(sitemapFactChecks, "sitemap");
export const cachedRatings = cached(ratings, "ratings");
export const cachedCorrectionsLog = cached(correctionsLog, "corrections");
