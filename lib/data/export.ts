import "server-only";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ExportClaim } from "@/lib/domain/export/types";
import type { ExportFilter } from "@/lib/validation/export";
import { blindSource, encodedExportSql, exportWhereSql, FROM, iso, REVIEWER } from "./export-sql";

const BATCH = 2000;

interface ExportSqlRow {
  id: string;
  text: string;
  content: string | null;
  shortText: string | null;
  kind: ExportClaim["kind"];
  state: ExportClaim["state"];
  start: number | null;
  end: number | null;
  claimantName: string | null;
  claimantRole: string | null;
  claimantType: ExportClaim["claimantType"];
  appearanceUrl: string | null;
  appearanceDate: Date | null;
  firstAppearanceUrl: string | null;
  firstAppearanceDate: Date | null;
  rationale: string | null;
  approvedAt: Date | null;
  correctedAt: Date | null;
  articleTitle: string | null;
  articleUrl: string | null;
  articleOutlet: string | null;
  articlePublishedAt: Date | null;
  articleLanguage: string | null;
  speakerName: string | null;
  speakerTitle: string | null;
  verdictLabel: string | null;
  verdictRatingValue: number | null;
  approver: string | null;
  publicSlug: string | null;
  reviewer: string | null;
  evidence: ExportClaim["evidence"];
  doubleReview: ExportClaim["doubleReview"];
}

/**
 * A double-reviewed claim's two reviews (only once both are submitted: before, an empty
 * list, so no export or API reader sees either) and the editor's latest reconciliation.
 */
const DOUBLE_REVIEW_SQL = `
           CASE WHEN c."doubleReview" THEN json_build_object(
             'reviews', (
               SELECT CASE WHEN count(*) = 2 AND count(b."firstSubmittedAt") = 2 THEN
                 json_agg(json_build_object(
                   'reviewer', u.name, 'submittedAt', ${iso('b."submittedAt"')},
                   'verdictLabel', bv.label, 'verdictRatingValue', bv."ratingValue", 'blindVerdictLabel', fv.label,
                   'rationale', b.rationale, ${blindSource((f, column) => `'${f}', ${column}`)},
                   'evidence', (SELECT coalesce(json_agg(json_build_object(
                                    'url', x.e->'url', 'archivedUrl', x.e->'archivedUrl', 'title', x.e->'title',
                                    'publisher', x.e->'publisher', 'stance', x.e->'stance', 'sourceType', x.e->'sourceType')
                                  ORDER BY x.n), '[]'::json)
                                FROM jsonb_array_elements(b.evidence) WITH ORDINALITY AS x(e, n))
                 ) ORDER BY b."takenAt", b.id)
               ELSE '[]'::json END
               FROM "BlindReview" b JOIN "User" u ON u.id = b."reviewerId"
               LEFT JOIN "Verdict" bv ON bv.id = b."verdictId" LEFT JOIN "Verdict" fv ON fv.id = b."blindVerdictId"
               WHERE b."claimId" = c.id),
             'reconciliation', (
               SELECT json_build_object(
                 'outcome', r.outcome, 'editor', eu.name, 'decidedAt', ${iso('r."decidedAt"')},
                 'adoptedReviewer', (SELECT au.name FROM "BlindReview" ab JOIN "User" au ON au.id = ab."reviewerId" WHERE ab.id = r."adoptedReviewId"),
                 'verdictLabel', rv.label, 'rationale', r.rationale, 'reason', r.reason,
                 'finalDifferedFromBoth', coalesce(r."verdictId" <> r."firstVerdictId" AND r."verdictId" <> r."secondVerdictId", false))
               FROM "Reconciliation" r JOIN "User" eu ON eu.id = r."editorId" LEFT JOIN "Verdict" rv ON rv.id = r."verdictId"
               WHERE r."claimId" = c.id ORDER BY r."decidedAt" DESC, r.id DESC LIMIT 1)
           ) END AS "doubleReview"`;

/**
 * The columns and joins of an export row as plain values, one SQL query for a batch
 * (evidence and the reviewer gathered by subqueries). The exports themselves are encoded
 * by PostgreSQL (export-sql.ts, export-stream.ts); these rows, encoded by the JavaScript
 * writers of lib/domain/export, are what the tests hold them to, and COPY of this query is
 * the benchmark's floor.
 */
export const EXPORT_SELECT = `
    SELECT c.id, c.text, c.content, c."shortText", c.kind::text AS kind, c.state::text AS state, c.start, c."end",
           c."claimantName", c."claimantRole", c."claimantType"::text AS "claimantType",
           c."appearanceUrl", c."appearanceDate", c."firstAppearanceUrl", c."firstAppearanceDate",
           c.rationale, c."approvedAt", c."correctedAt",
           a.title AS "articleTitle", a.url AS "articleUrl", a.outlet AS "articleOutlet", a."publishedAt" AS "articlePublishedAt",
           a.language AS "articleLanguage",
           s.name AS "speakerName", s.title AS "speakerTitle",
           v.label AS "verdictLabel", v."ratingValue" AS "verdictRatingValue",
           ab.name AS approver, p.slug AS "publicSlug",
           ${REVIEWER} AS reviewer,
           (SELECT coalesce(json_agg(json_build_object(
                      'url', e.url, 'archivedUrl', e."archivedUrl", 'title', e.title, 'publisher', e.publisher,
                      'stance', e.stance, 'sourceType', e."sourceType") ORDER BY e.position), '[]'::json)
              FROM "Evidence" e WHERE e."claimId" = c.id) AS evidence,${DOUBLE_REVIEW_SQL}
    ${FROM}`;

/** Up to `limit` matching claims after the claim `after`, in id order, by one SQL query. */
async function exportBatch(
  filter: ExportFilter,
  after: string | null,
  limit: number,
  appBase: string,
): Promise<ExportClaim[]> {
  const rows = await prisma.$queryRawUnsafe<ExportSqlRow[]>(
    `${EXPORT_SELECT} ${exportWhereSql(filter, after)} ORDER BY c.id LIMIT ${limit}`,
  );
  const base = appBase.replace(/\/$/, "");
  return rows.map((row) => ({
    id: row.id,
    text: row.text,
    content: row.content ?? row.text,
    shortText: row.shortText,
    kind: row.kind,
    state: row.state,
    speakerName: row.claimantName ?? row.speakerName,
    speakerRole: row.claimantRole ?? row.speakerTitle,
    claimantType: row.claimantType,
    appearanceUrl: row.appearanceUrl,
    appearanceDate: row.appearanceDate?.toISOString() ?? null,
    firstAppearanceUrl: row.firstAppearanceUrl,
    firstAppearanceDate: row.firstAppearanceDate?.toISOString() ?? null,
    articleTitle: row.articleTitle,
    articleUrl: row.articleUrl,
    articleOutlet: row.articleOutlet,
    articlePublishedAt: row.articlePublishedAt?.toISOString() ?? null,
    language: row.articleLanguage,
    start: row.start,
    end: row.end,
    verdictLabel: row.verdictLabel,
    verdictRatingValue: row.verdictRatingValue,
    rationale: row.rationale,
    evidence: row.evidence,
    reviewer: row.reviewer,
    approver: row.approver,
    approvedAt: row.approvedAt?.toISOString() ?? null,
    corrected: row.state === "APPROVED" && row.correctedAt !== null,
    appUrl: `${base}/claims/${row.id}`,
    publicUrl: row.publicSlug === null ? null : `${base}/fact-checks/${row.publicSlug}`,
    doubleReview: row.doubleReview,
  }));
}

/**
 * Every matching claim as an object, in id order, in batches (memory stays flat at any
 * volume): the reference the PostgreSQL-encoded exports are tested against.
 */
export async function* exportClaims(
  filter: ExportFilter,
  appBase: string,
): AsyncGenerator<ExportClaim> {
  let after: string | null = null;
  for (;;) {
    const batch = await exportBatch(filter, after, BATCH, appBase);
    yield* batch;
    if (batch.length < BATCH) return;
    after = batch.at(-1)!.id;
  }
}

/**
 * One page of claims for the API as JSON text (`{"data":[…],"next":…}`, byte for byte what
 * JSON.stringify wrote of the objects): the items come encoded from PostgreSQL, as in the
 * JSON export.
 */
export async function claimsPageForApi(
  filter: ExportFilter,
  limit: number,
  after: string | undefined,
  options: { appBase: string; nextUrl: (next: string) => string },
): Promise<string> {
  const rows = await prisma.$queryRawUnsafe<Array<{ item: string; id: string }>>(
    encodedExportSql("json", filter, {
      appBase: options.appBase,
      after: after ?? null,
      limit: limit + 1,
    }),
  );
  const page = rows.slice(0, limit);
  const next = rows.length > limit ? page.at(-1)!.id : null;
  return `{"data":[${page.map((r) => r.item).join(",")}],"next":${JSON.stringify(next)},"nextUrl":${JSON.stringify(next ? options.nextUrl(next) : null)}}`;
}

export type ExportWarningKind = "tooLong" | "noAppearance" | "noClaimant";

export interface ExportWarnings {
  /** How many claims of the export each warning is about, and the first few of them. */
  counts: Record<ExportWarningKind, number>;
  examples: Record<ExportWarningKind, Array<{ id: string; text: string }>>;
}

/**
 * What an export of this filter will warn about, before it is downloaded: claims whose
 * ClaimReview text is over the short-form limit without a short form, claims with no
 * appearance address (none of their own, no article URL), claims with no claimant.
 */
export async function exportWarnings(
  filter: ExportFilter,
  shortLimit: number,
  examples = 10,
): Promise<ExportWarnings> {
  const where = Prisma.raw(exportWhereSql(filter));
  const rows = await prisma.$queryRaw<
    Array<{ kind: ExportWarningKind; count: bigint; examples: Array<{ id: string; text: string }> }>
  >`
    WITH scoped AS (
      SELECT c.id, c.text,
             c."shortText" IS NULL AND length(coalesce(c.content, c.text)) > ${shortLimit} AS "tooLong",
             c."appearanceUrl" IS NULL AND a.url IS NULL AS "noAppearance",
             c."claimantName" IS NULL AND s.name IS NULL AS "noClaimant"
      FROM "Claim" c
      LEFT JOIN "Article" a ON a.id = c."articleId"
      LEFT JOIN "Speaker" s ON s.id = c."speakerId"
      ${where}
    ),
    flagged AS (
      SELECT kind, id, text, row_number() OVER (PARTITION BY kind ORDER BY id) AS n
      FROM scoped,
           LATERAL (VALUES ('tooLong', "tooLong"), ('noAppearance', "noAppearance"),
                           ('noClaimant', "noClaimant")) AS k(kind, flagged)
      WHERE k.flagged
    )
    SELECT kind, count(*) AS count,
           coalesce(json_agg(json_build_object('id', id, 'text', left(text, 160)) ORDER BY id)
                    FILTER (WHERE n <= ${examples}), '[]'::json) AS examples
    FROM flagged GROUP BY kind`;
  const kinds: ExportWarningKind[] = ["tooLong", "noAppearance", "noClaimant"];
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  return {
    counts: Object.fromEntries(kinds.map((k) => [k, Number(byKind.get(k)?.count ?? 0)])) as Record<
      ExportWarningKind,
      number
    >,
    examples: Object.fromEntries(kinds.map((k) => [k, byKind.get(k)?.examples ?? []])) as Record<
      ExportWarningKind,
      Array<{ id: string; text: string }>
    >,
  };
}
