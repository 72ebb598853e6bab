import "server-only";
import { prisma } from "@/lib/db";
import { agreementReport, type AgreementReport } from "@/lib/domain/agreement";

/**
 * Agreement on double-reviewed claims: each claim's two blind verdicts (the first
 * submissions, made before either reviewer saw the other's), grouped in SQL by reviewer
 * pair and verdict pair, with the editor's latest reconciliation; kappa and the rest in
 * lib/domain/agreement.ts.
 */
export async function agreementOverview(): Promise<AgreementReport> {
  const rows = await prisma.$queryRaw<
    Array<{
      firstId: string;
      firstName: string;
      secondId: string;
      secondName: string;
      first: string;
      second: string;
      count: bigint;
      reconciled: bigint;
      finalDiffered: bigint;
    }>
  >`
    WITH pairs AS (
      SELECT b."claimId",
             array_agg(b."reviewerId" ORDER BY b."takenAt", b.id) AS reviewers,
             array_agg(v.key ORDER BY b."takenAt", b.id) AS verdicts
      FROM "BlindReview" b
      JOIN "Verdict" v ON v.id = b."blindVerdictId"
      GROUP BY b."claimId"
      HAVING count(*) = 2
    ),
    latest AS (
      SELECT DISTINCT ON (r."claimId") r."claimId", r.outcome, r."verdictId", r."firstVerdictId", r."secondVerdictId"
      FROM "Reconciliation" r
      WHERE r.outcome <> 'RETURN'
      ORDER BY r."claimId", r."decidedAt" DESC, r.id DESC
    )
    SELECT p.reviewers[1]::text AS "firstId", u1.name AS "firstName",
           p.reviewers[2]::text AS "secondId", u2.name AS "secondName",
           p.verdicts[1] AS first, p.verdicts[2] AS second,
           count(*) AS count,
           count(l."claimId") AS reconciled,
           count(*) FILTER (WHERE l."verdictId" <> l."firstVerdictId" AND l."verdictId" <> l."secondVerdictId") AS "finalDiffered"
    FROM pairs p
    JOIN "Claim" c ON c.id = p."claimId" AND c."doubleReview"
    JOIN "User" u1 ON u1.id = p.reviewers[1]
    JOIN "User" u2 ON u2.id = p.reviewers[2]
    LEFT JOIN latest l ON l."claimId" = p."claimId"
    GROUP BY 1, 2, 3, 4, 5, 6`;
  return agreementReport(
    rows.map((r) => ({
      firstReviewer: { id: r.firstId, name: r.firstName },
      secondReviewer: { id: r.secondId, name: r.secondName },
      first: r.first,
      second: r.second,
      count: Number(r.count),
      reconciled: Number(r.reconciled),
      finalDiffered: Number(r.finalDiffered),
    })),
  );
}
