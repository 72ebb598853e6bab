import "server-only";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { settings } from "@/lib/settings";

/**
 * What the public pages read: published fact-checks (the copies publishing takes), their
 * corrections, and the verdict vocabulary. Nothing else: no claim, review, comment or
 * person is reachable from here, which is what keeps drafts and the desk's own work off
 * the public pages (tests/integration/publishing.test.ts holds that no other module of
 * lib/data is imported by them).
 */

/** Where the public pages are served: their own origin, or the app's. */
export function publicBaseUrl(): string {
  const s = settings();
  return (s.CLAIMDESK_PUBLIC_URL ?? s.NEXTAUTH_URL ?? `http://localhost:${s.PORT}`).replace(
    /\/$/,
    "",
  );
}

export const factCheckPath = (slug: string) => `/fact-checks/${encodeURIComponent(slug)}`;
export const factCheckUrl = (slug: string) => `${publicBaseUrl()}${factCheckPath(slug)}`;

/** A public fact-check as its page shows it. */
export async function publishedFactCheck(slug: string) {
  return prisma.publication.findUnique({
    where: { slug },
    select: {
      slug: true,
      status: true,
      headline: true,
      summary: true,
      claimReviewed: true,
      quote: true,
      quotePrefix: true,
      quoteSuffix: true,
      articleTitle: true,
      articleUrl: true,
      articleOutlet: true,
      articlePublishedAt: true,
      claimantName: true,
      claimantRole: true,
      claimantType: true,
      appearanceUrl: true,
      appearanceDate: true,
      firstAppearanceUrl: true,
      verdictLabel: true,
      verdictRating: true,
      rationale: true,
      evidence: true,
      byline: true,
      reviewedAt: true,
      publishedAt: true,
      updatedAt: true,
      unpublishedAt: true,
      verdict: { select: { key: true } },
      corrections: {
        orderBy: { correctedAt: "asc" },
        select: { correctedAt: true, fromVerdictLabel: true, toVerdictLabel: true, note: true },
      },
    },
  });
}

export type PublicFactCheck = NonNullable<Awaited<ReturnType<typeof publishedFactCheck>>>;

/** Published and under-review pages (those that are up): what the index, feed and sitemap list. */
const LISTED = { not: "UNPUBLISHED" as const };
/** The index's, the feed's and the sitemap's order (the index by Publication_listed_idx). */
const NEWEST_FIRST = [{ publishedAt: "desc" as const }, { id: "desc" as const }];

export const INDEX_PAGE_SIZE = 20;

/**
 * A page of the index, newest first, optionally of one verdict (by its key), older than
 * the cursor `before` (the last fact-check of the page before: its publication time and
 * id, as `olderThan` writes them). Keyset paging: any page costs one short range of the
 * index (Publication_listed_idx, or _listed_verdict_idx), however deep it is; an OFFSET
 * read every newer row first (166 ms for the last of 5,000 pages on the benchmark).
 */
export async function factCheckIndex({
  before,
  verdict,
}: {
  before?: { publishedAt: string; id: string };
  verdict?: string;
}) {
  const byVerdict = verdict
    ? Prisma.sql`AND p."verdictId" = (SELECT id FROM "Verdict" WHERE key = ${verdict})`
    : Prisma.empty;
  const older = before
    ? Prisma.sql`AND (p."publishedAt", p.id) < (${new Date(before.publishedAt)}::timestamptz, ${before.id}::uuid)`
    : Prisma.empty;
  const [rows, [counted]] = await Promise.all([
    prisma.$queryRaw<
      Array<{
        id: string;
        slug: string;
        headline: string;
        claimReviewed: string;
        claimantName: string;
        verdictLabel: string;
        verdictRating: number;
        status: "PUBLISHED" | "UNDER_REVIEW";
        publishedAt: Date;
        updatedAt: Date;
      }>
    >`SELECT p.id, p.slug, p.headline, p."claimReviewed", p."claimantName", p."verdictLabel",
             p."verdictRating", p.status::text AS status, p."publishedAt", p."updatedAt"
        FROM "Publication" p
       WHERE p.status <> 'UNPUBLISHED' ${byVerdict} ${older}
       ORDER BY p."publishedAt" DESC, p.id DESC
       LIMIT ${INDEX_PAGE_SIZE + 1}`,
    prisma.$queryRaw<Array<{ total: number }>>`
      SELECT count(*)::int AS total FROM "Publication" p
       WHERE p.status <> 'UNPUBLISHED' ${byVerdict}`,
  ]);
  const page = rows.slice(0, INDEX_PAGE_SIZE);
  const last = page.at(-1);
  return {
    rows: page,
    total: counted?.total ?? 0,
    older: rows.length > INDEX_PAGE_SIZE && last ? olderThan(last) : null,
  };
}

/** The cursor of the page after the one ending with `row` (factCheckIndex's `before`). */
export function olderThan(row: { publishedAt: Date; id: string }): string {
  return `${row.publishedAt.toISOString()}_${row.id}`;
}

/** The newest published fact-checks, for the feed. */
export async function latestFactChecks(take = 50) {
  return prisma.publication.findMany({
    where: { status: LISTED },
    orderBy: NEWEST_FIRST,
    take,
    select: {
      slug: true,
      headline: true,
      claimReviewed: true,
      claimantName: true,
      verdictLabel: true,
      summary: true,
      publishedAt: true,
      updatedAt: true,
    },
  });
}

/** The newest fact-checks that are up, their addresses and dates, for the sitemap. */
export async function sitemapFactChecks(take: number) {
  return prisma.publication.findMany({
    where: { status: LISTED },
    orderBy: NEWEST_FIRST,
    take,
    select: { slug: true, updatedAt: true },
  });
}

/** The ratings page: the verdicts in use, with what each means. */
export async function ratings() {
  return prisma.verdict.findMany({
    where: { retiredAt: null },
    orderBy: { order: "asc" },
    select: { key: true, label: true, description: true, ratingValue: true },
  });
}

/** The corrections log: every correction of a page still up, newest first. */
export async function correctionsLog(take = 200) {
  return prisma.publicationCorrection.findMany({
    where: { publication: { status: { not: "UNPUBLISHED" } } },
    orderBy: [{ correctedAt: "desc" }, { id: "desc" }],
    take,
    select: {
      correctedAt: true,
      fromVerdictLabel: true,
      toVerdictLabel: true,
      note: true,
      publication: { select: { slug: true, headline: true } },
    },
  });
}

/**
 * A page of the fact-checks that are up, for the API: newest first by first publication
 * (publication ids are UUID v7, so id order is that order), after the cursor `before`.
 */
export async function factChecksForApi({
  limit,
  before,
  verdict,
}: {
  limit: number;
  before?: string;
  verdict?: string;
}) {
  const rows = await prisma.publication.findMany({
    where: {
      status: LISTED,
      ...(before ? { id: { lt: before } } : {}),
      ...(verdict ? { verdict: { key: verdict } } : {}),
    },
    orderBy: { id: "desc" },
    take: limit + 1,
    select: {
      id: true,
      slug: true,
      status: true,
      headline: true,
      claimReviewed: true,
      claimantName: true,
      appearanceUrl: true,
      verdictLabel: true,
      verdictRating: true,
      verdict: { select: { key: true } },
      publishedAt: true,
      updatedAt: true,
    },
  });
  const page = rows.slice(0, limit);
  return {
    data: page.map(({ id: _id, verdict: v, status, ...row }) => ({
      ...row,
      url: factCheckUrl(row.slug),
      verdictKey: v.key,
      underReview: status === "UNDER_REVIEW",
    })),
    before: rows.length > limit ? page.at(-1)!.id : null,
  };
}

/** The address of a claim's fact-check, if it was ever published (to expire its cached page). */
export async function publicationSlugOf(claimId: string): Promise<string | null> {
  const row = await prisma.publication.findUnique({ where: { claimId }, select: { slug: true } });
  return row?.slug ?? null;
}

/** A fact-check that was published and then withdrawn (its address answers 410), or null. */
export async function withdrawnFactCheck(slug: string) {
  const row = await prisma.publication.findUnique({
    where: { slug },
    select: { status: true, unpublishedAt: true },
  });
  return row?.status === "UNPUBLISHED" ? { unpublishedAt: row.unpublishedAt } : null;
}
