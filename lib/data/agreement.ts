import "server-only";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  AGREEMENT_CSV_COLUMNS,
  agreementReport,
  type AgreementReport,
} from "@/lib/domain/agreement";
import { csvField } from "@/lib/domain/export/csv";

/**
 * Each double-reviewed claim's two blind verdicts (the first submissions, made before either
 * reviewer saw the other's), in the order the reviewers took it, with the editor's latest
 * reconciliation: only claims both of whose reviews are in (a blind verdict is set on a
 * review's first submission), so nothing here was hidden from anyone any more.
 */
const PAIRS = Prisma.sql`
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
    )`;
const PAIRS_FROM = Prisma.sql`
    FROM pairs p
    JOIN "Claim" c ON c.id = p."claimId" AND c."doubleReview"
    JOIN "User" u1 ON u1.id = p.reviewers[1]
    JOIN "User" u2 ON u2.id = p.reviewers[2]
    LEFT JOIN latest l ON l."claimId" = p."claimId"`;

/**
 * The last report and the grouped rows it was computed from: the intervals' resamples cost
 * milliseconds per thousand double-reviewed claims, and the rows change only when a review
 * is submitted or reconciled, so every overview between two such changes reuses it.
 */
let last: { rows: string; report: AgreementReport } | null = null;

/**
 * Agreement on double-reviewed claims, grouped in SQL by reviewer pair and verdict pair;
 * kappa, alpha, their intervals and the rest in lib/domain/agreement.ts. With the labels of
 * the verdict keys the report names.
 */
export async function agreementOverview(): Promise<
  AgreementReport & { labels: Record<string, string> }
> {
  const [rows, verdicts] = await Promise.all([
    prisma.$queryRaw<
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
    >`${PAIRS}
    SELECT p.reviewers[1]::text AS "firstId", u1.name AS "firstName",
           p.reviewers[2]::text AS "secondId", u2.name AS "secondName",
           p.verdicts[1] AS first, p.verdicts[2] AS second,
           count(*) AS count,
           count(l."claimId") AS reconciled,
           count(*) FILTER (WHERE l."verdictId" <> l."firstVerdictId" AND l."verdictId" <> l."secondVerdictId") AS "finalDiffered"
    ${PAIRS_FROM}
    GROUP BY 1, 2, 3, 4, 5, 6`,
    prisma.verdict.findMany({ select: { key: true, label: true } }),
  ]);
  const grouped = rows.map((r) => ({
    firstReviewer: { id: r.firstId, name: r.firstName },
    secondReviewer: { id: r.secondId, name: r.secondName },
    first: r.first,
    second: r.second,
    count: Number(r.count),
    reconciled: Number(r.reconciled),
    finalDiffered: Number(r.finalDiffered),
  }));
  const key = JSON.stringify(grouped);
  if (last?.rows !== key) last = { rows: key, report: agreementReport(grouped) };
  return { ...last.report, labels: Object.fromEntries(verdicts.map((v) => [v.key, v.label])) };
}

/**
 * The pairs behind the agreement figures, one row per double-reviewed claim (the reviewer
 * who took it first, then the other; the verdict keys), oldest claim first: what a methods
 * editor recomputes the figures from. Read in one query: a desk's double reviews are a
 * sample of its claims, thousands at most.
 */
export async function agreementPairsCsv(appBase: string): Promise<string> {
  const rows = await prisma.$queryRaw<
    Array<{
      claimId: string;
      firstName: string;
      first: string;
      secondName: string;
      second: string;
      outcome: string | null;
      finalVerdict: string | null;
    }>
  >`${PAIRS}
    SELECT p."claimId"::text AS "claimId", u1.name AS "firstName", p.verdicts[1] AS first,
           u2.name AS "secondName", p.verdicts[2] AS second,
           l.outcome::text AS outcome, fv.key AS "finalVerdict"
    ${PAIRS_FROM}
    LEFT JOIN "Verdict" fv ON fv.id = l."verdictId"
    ORDER BY c."createdAt", c.id`;
  const base = appBase.replace(/\/$/, "");
  const lines = rows.map((r) =>
    [
      r.claimId,
      `${base}/claims/${r.claimId}`,
      r.firstName,
      r.first,
      r.secondName,
      r.second,
      r.first === r.second,
      r.outcome,
      r.finalVerdict,
    ]
      .map(csvField)
      .join(","),
  );
  return "\uFEFF" + [AGREEMENT_CSV_COLUMNS.join(","), ...lines].join("\r\n") + "\r\n";
}
