import "server-only";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { HIGHLIGHT_END, HIGHLIGHT_START } from "@/lib/domain/highlight-marks";

export interface SearchHit {
  id: string;
  rank: number;
  headline: string;
}

/**
 * Full-text search over claim text, claimant and rationale, and article titles, ranked.
 * websearch_to_tsquery takes anything a person types (quotes, punctuation, operators
 * that look like SQL) without error.
 */
export async function searchClaims(q: string, limit = 200): Promise<SearchHit[]> {
  return prisma.$queryRaw<SearchHit[]>(searchSql(q, limit));
}

/** The search query (also the benchmark's floor for it). */
export function searchSql(q: string, limit: number): Prisma.Sql {
  // Two index-backed branches (claim words; article title), ranked, then snippets only for
  // the rows returned.
  return Prisma.sql`
    WITH query AS (SELECT websearch_to_tsquery('english', ${q}) AS q),
    hits AS (
      SELECT c.id, ts_rank(c."searchVector", query.q) AS rank
      FROM "Claim" c, query
      WHERE c."searchVector" @@ query.q
      UNION ALL
      SELECT c.id, t.rank
      FROM (
        -- Each matching title ranked once, then given to its claims.
        SELECT a.id, ts_rank(to_tsvector('english', a."title"), query.q) * 0.5 AS rank
        FROM "Article" a, query
        WHERE to_tsvector('english', a."title") @@ query.q
      ) t JOIN "Claim" c ON c."articleId" = t.id
    ),
    best AS (
      SELECT id, sum(rank) AS rank FROM hits GROUP BY id ORDER BY rank DESC, id LIMIT ${limit}
    )
    SELECT best.id, best.rank,
           ts_headline('english', c."text", query.q,
             ${`StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=40, MinWords=20`}) AS headline
    FROM best JOIN "Claim" c ON c.id = best.id, query
    ORDER BY best.rank DESC, best.id`;
}
