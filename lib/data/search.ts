import "server-only";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { HIGHLIGHT_END, HIGHLIGHT_START } from "@/lib/domain/highlight-marks";

export interface SearchHit {
  id: string;
  rank: number;
}

/**
 * Full-text search over claim text, claimant and rationale, and article titles, ranked.
 * websearch_to_tsquery takes anything a person types (quotes, punctuation, operators
 * that look like SQL) without error. Snippets are a second step (searchHeadlines), for the
 * rows a page shows only: ts_headline re-reads each claim's text, the costliest part of a
 * search when it ran for every ranked hit.
 */
export async function searchClaims(q: string, limit = 200): Promise<SearchHit[]> {
  return prisma.$queryRaw<SearchHit[]>(searchSql(q, limit));
}

/** The search's ranking query (with searchHeadlinesSql, the benchmark's floor for it). */
export function searchSql(q: string, limit: number): Prisma.Sql {
  // Two index-backed branches (claim words; article title), ranked.
  return Prisma.sql`
    WITH query AS (SELECT websearch_to_tsquery('english', ${q}) AS q),
    hits AS (
      SELECT c.id, ts_rank(c."searchVector", query.q) AS rank
      FROM "Claim" c, query
      WHERE c."searchVector" @@ query.q
      UNION ALL
      SELECT c.id, t.rank
      FROM (
        -- Each matching title ranked once, then given to its claims (OFFSET 0 keeps the
        -- planner from moving the rank out to each claim row, which parsed the title again
        -- for each of an article's claims).
        SELECT a.id, ts_rank(to_tsvector('english', a."title"), query.q) * 0.5 AS rank
        FROM "Article" a, query
        WHERE to_tsvector('english', a."title") @@ query.q
        OFFSET 0
      ) t JOIN "Claim" c ON c."articleId" = t.id
    )
    SELECT id, sum(rank) AS rank FROM hits GROUP BY id ORDER BY rank DESC, id LIMIT ${limit}`;
}

/** Each claim's text with the words of the search marked (a snippet of about 20-40 words). */
export async function searchHeadlines(q: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await prisma.$queryRaw<Array<{ id: string; headline: string }>>(
    searchHeadlinesSql(q, ids),
  );
  return new Map(rows.map((r) => [r.id, r.headline]));
}

export function searchHeadlinesSql(q: string, ids: string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT c.id,
           ts_headline('english', c."text", websearch_to_tsquery('english', ${q}),
             ${`StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=40, MinWords=20`}) AS headline
    FROM "Claim" c WHERE c.id = ANY(${ids}::uuid[])`;
}
