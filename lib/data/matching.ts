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
/**
 * Candidates scored per new claim for "checked before", whose threshold (0.5) is higher:
 * a match that close shares many bands. On the benchmark's 100,000 claims, of 300 new
 * claims the 100 sharing the most bands flagged the same 210 as the 500 did (50 missed
 * one), and similarity, the cost of the lookup, was computed a fifth as often.
 */
const CHECKED_BEFORE_CANDIDATES = 100;

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
export async function flagCheckedBefore(tx: Db, claimIds: string[]) {
  if (claimIds.length === 0) return 0;
  // Each claim newly flagged tells the editors ("claim.repeat"), in the same statement: a
  // match found again on a second run changes nothing and tells nobody again.
  return tx.$executeRaw`
    WITH flagged AS (
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
                 LIMIT ${CHECKED_BEFORE_CANDIDATES}
              ) cand
             WHERE similarity(cand."matchText", n."matchText") >= ${CHECKED_BEFORE_THRESHOLD}
             ORDER BY score DESC, cand.id
             LIMIT 1
          ) m
         WHERE n.id = ANY(${claimIds}::uuid[])
           AND n."matchText" IS NOT NULL AND cardinality(n."matchBands") > 0
      ) best
     WHERE c.id = best."newId"
       AND c."matchedClaimId" IS DISTINCT FROM best.id
    RETURNING c.id, best.id AS "matchedId", best.score
    )
    INSERT INTO "OutboxEvent" (name, "claimId", payload)
    SELECT 'claim.repeat', id, jsonb_build_object('matchedClaimId', "matchedId", 'score', score)
      FROM flagged`;
}

/**
 * Claims matched per statement when an article's claims are matched after its store; an
 * article of no more claims is matched in its store's transaction (one statement).
 */
export const MATCH_BATCH = 200;
/** How long one worker may take to match an article's claims before another takes over. */
const MATCH_LEASE_SECONDS = 600;

/**
 * "Checked before" for the claims of an article stored without it (a worker's import, see
 * storeArticle's matchLater), against the desk's approved claims and, given `library`,
 * the fact-check library: in batches of MATCH_BATCH claims, each its own statement, so
 * that no transaction is held for the whole article (an article matched against the
 * approved claims in its store is matched against the library only); then the article
 * records that it is done. Matching again is harmless (the same best match, the same
 * stored pair), so an interrupted run is simply run again, whole, by the next worker
 * (takeUnmatchedArticle).
 */
export async function matchArticleClaims(
  articleId: string,
  db: typeof prisma = prisma,
  /** Matches each batch's claims in the fact-check library too (a worker's LibraryMatcher). */
  library?: (claimIds: string[]) => Promise<unknown>,
) {
  const [article] = await db.$queryRaw<Array<{ matched: boolean }>>`
    UPDATE "Article" SET "matchingUntil" = now() + make_interval(secs => ${MATCH_LEASE_SECONDS})
     WHERE id = ${articleId}::uuid
    RETURNING "checkedBeforeAt" IS NOT NULL AS matched`;
  // Matched against the approved claims in its store (a small article): the library only.
  const againstApproved = !article?.matched;
  let flagged = 0;
  for (let after = "00000000-0000-0000-0000-000000000000"; ;) {
    const batch = await db.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM "Claim" WHERE "articleId" = ${articleId}::uuid AND id > ${after}::uuid
       ORDER BY id LIMIT ${MATCH_BATCH}`;
    if (batch.length === 0) break;
    const ids = batch.map((c) => c.id);
    if (againstApproved) flagged += await flagCheckedBefore(db, ids);
    await library?.(ids);
    after = batch.at(-1)!.id;
  }
  await db.$executeRaw`
    UPDATE "Article" SET "checkedBeforeAt" = now(), "matchingUntil" = NULL,
           "libraryCheckedAt" = CASE WHEN ${library !== undefined} THEN now()
                                     ELSE "libraryCheckedAt" END
     WHERE id = ${articleId}::uuid`;
  return flagged;
}

/**
 * An article whose claims are still to be matched: against the approved ones (a large
 * article, stored without it), or against the fact-check library once it holds anything
 * (while it is empty there is nothing to match, and old articles are not swept for it).
 */
const unmatched = (article: string) =>
  Prisma.raw(
    `(${article}."checkedBeforeAt" IS NULL OR (${article}."libraryCheckedAt" IS NULL AND EXISTS (SELECT 1 FROM "FactCheck")))`,
  );

/** The article an import item stored, when its claims are still to be matched. */
export async function unmatchedArticleOf(itemId: string, db: typeof prisma = prisma) {
  const [row] = await db.$queryRaw<Array<{ id: string }>>`
    SELECT a.id FROM "ImportItem" i JOIN "Article" a ON a.id = i."articleId"
     WHERE i.id = ${itemId}::uuid AND ${unmatched("a")}`;
  return row?.id ?? null;
}

/**
 * An article whose claims nobody is matching (its worker was lost after the store), taken
 * for a lease; null when there is none. Articles stored in the last half minute are left to
 * the worker that stored them.
 */
export async function takeUnmatchedArticle(db: typeof prisma = prisma): Promise<string | null> {
  const [row] = await db.$queryRaw<Array<{ id: string }>>`
    UPDATE "Article" SET "matchingUntil" = now() + make_interval(secs => ${MATCH_LEASE_SECONDS})
     WHERE id = (SELECT id FROM "Article"
                  WHERE ${unmatched('"Article"')}
                    AND "createdAt" < now() - interval '30 seconds'
                    AND ("matchingUntil" IS NULL OR "matchingUntil" < now())
                  ORDER BY "createdAt" LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id`;
  return row?.id ?? null;
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
