import "server-only";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ClaimState } from "@/lib/domain/claims";
import { matchBands, matchFields } from "@/lib/domain/matching";

/** Trigram similarity of match texts above which a claim counts as similar. */
export const SIMILAR_THRESHOLD = 0.3;
/** … and above which a new claim is flagged as "checked before". */
export const CHECKED_BEFORE_THRESHOLD = 0.5;
/**
 * Candidates scored per lookup. On the benchmark's 100,000 claims, keeping the 500 that
 * share the most bands found the same best match for 29 of 30 claims (top eight the same
 * for 16, the best score 0.0015 lower on average) at a quarter of the time.
 */
const CANDIDATE_LIMIT = 500;

export interface SimilarClaim {
  id: string;
  text: string;
  state: ClaimState;
  verdict: string | null;
  score: number;
  articleId: string | null;
  articleTitle: string | null;
  /** When it was logged, and when approved (null unless approved). */
  createdAt: Date;
  approvedAt: Date | null;
  /** Who submitted its latest verdict. */
  reviewer: string | null;
}

type Db = Prisma.TransactionClient | typeof prisma;

async function similarTo(
  db: Db,
  text: string,
  {
    threshold,
    exclude,
    approvedOnly,
    limit,
  }: { threshold: number; exclude: string[]; approvedOnly: boolean; limit: number },
): Promise<SimilarClaim[]> {
  const bands = matchBands(text);
  if (bands.length === 0) return [];
  return db.$queryRaw<SimilarClaim[]>(
    similarSql(text, bands, { threshold, exclude, approvedOnly, limit }),
  );
}

/** The similar-claims query (also the benchmark's floor for it). */
export function similarSql(
  text: string,
  bands: number[],
  {
    threshold,
    exclude,
    approvedOnly,
    limit,
  }: { threshold: number; exclude: string[]; approvedOnly: boolean; limit: number },
): Prisma.Sql {
  // Candidates share a MinHash band (GIN index); trigram similarity ranks the few found.
  // The best few, then what a reviewer weighs of each: article, dates, verdict, reviewer.
  return Prisma.sql`
    SELECT t.id, t.text, t.state, v.label AS verdict, t.score,
           a.id AS "articleId", a.title AS "articleTitle", full_claim."createdAt",
           full_claim."approvedAt",
           (SELECT u.name FROM "Review" r JOIN "User" u ON u.id = r."reviewerId"
             WHERE r."claimId" = t.id ORDER BY r."submittedAt" DESC LIMIT 1) AS reviewer
    FROM (
    SELECT n.id, n.text, n.state::text AS state, n."verdictId", n.score
    FROM (
      SELECT c.id, c.text, c.state, c."verdictId", similarity(c."matchText", ${text}) AS score
      FROM (
        -- Of the claims sharing a band, those sharing the most (LSH's own estimate of
        -- their similarity) are scored, at most CANDIDATE_LIMIT: a claim made of very common
        -- words can share a band with thousands. pg_catalog's && keeps the GIN index
        -- (intarray's own && would not use it); intarray's & and icount count the bands.
        SELECT c.id, c.text, c.state, c."verdictId", c."matchText"
        FROM "Claim" c
        WHERE c."matchBands" OPERATOR(pg_catalog.&&) ${bands}::int[]
          AND c.state <> 'DISMISSED'
          AND NOT (c.id = ANY(${exclude}::uuid[]))
          AND (${approvedOnly} = false OR c.state = 'APPROVED')
        ORDER BY icount(c."matchBands" OPERATOR(public.&) ${bands}::int[]) DESC, c.id
        LIMIT ${CANDIDATE_LIMIT}
      ) c
    ) n
    WHERE n.score >= ${threshold}
    ORDER BY n.score DESC, n.id
    LIMIT ${limit}
    ) t
    JOIN "Claim" full_claim ON full_claim.id = t.id
    LEFT JOIN "Article" a ON a.id = full_claim."articleId"
    LEFT JOIN "Verdict" v ON v.id = t."verdictId"
    ORDER BY t.score DESC, t.id`;
}

/** Earlier claims that say nearly the same as this one, best first. */
export async function listSimilarClaims(
  claimId: string,
  limit = 8,
  { approvedOnly = false }: { approvedOnly?: boolean } = {},
): Promise<SimilarClaim[]> {
  const claim = await prisma.claim.findUnique({
    where: { id: claimId },
    select: { matchText: true },
  });
  if (!claim?.matchText) return [];
  return similarTo(prisma, claim.matchText, {
    threshold: SIMILAR_THRESHOLD,
    exclude: [claimId],
    approvedOnly,
    limit,
  });
}

/**
 * The approved claim each new one most closely matches, if any, recorded on the new claim:
 * one statement for all of an article's claims (its candidates as similarTo finds them,
 * from the band index of approved claims). New claims are never approved, so none can
 * match another of the same article. Once a query per claim, each carrying every new id
 * as an exclude list: 18.8 s for a 2,000-claim article at 100,000 claims.
 */
export async function flagCheckedBefore(tx: Prisma.TransactionClient, claimIds: string[]) {
  if (claimIds.length === 0) return;
  await tx.$executeRaw`
    UPDATE "Claim" c SET "matchedClaimId" = best.id, "matchScore" = best.score
      FROM (
        SELECT n.id AS "newId", m.id, m.score
          FROM "Claim" n
          CROSS JOIN LATERAL (
            SELECT cand.id, similarity(cand."matchText", n."matchText") AS score
              FROM (
                SELECT a.id, a."matchText" FROM "Claim" a
                 WHERE a.state = 'APPROVED'
                   AND a."matchBands" OPERATOR(pg_catalog.&&) n."matchBands"
                 ORDER BY icount(a."matchBands" OPERATOR(public.&) n."matchBands") DESC, a.id
                 LIMIT ${CANDIDATE_LIMIT}
              ) cand
             WHERE similarity(cand."matchText", n."matchText") >= ${CHECKED_BEFORE_THRESHOLD}
             ORDER BY score DESC, cand.id
             LIMIT 1
          ) m
         WHERE n.id = ANY(${claimIds}::uuid[])
           AND n."matchText" IS NOT NULL AND cardinality(n."matchBands") > 0
      ) best
     WHERE c.id = best."newId"`;
}

/**
 * Fills the match text and bands of claims stored before they existed (run at start; cheap
 * when none): without the bands a claim is never found as similar. Each claim once, in id
 * order.
 */
export async function backfillMatchText(db: typeof prisma = prisma): Promise<number> {
  let done = 0;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await db.claim.findMany({
      where: {
        id: { gt: after },
        OR: [{ matchText: null }, { matchBands: { isEmpty: true } }],
      },
      orderBy: { id: "asc" },
      select: { id: true, text: true },
      take: 500,
    });
    if (rows.length === 0) return done;
    for (const row of rows) {
      await db.claim.update({ where: { id: row.id }, data: matchFields(row.text) });
    }
    done += rows.length;
    after = rows.at(-1)!.id;
  }
}
