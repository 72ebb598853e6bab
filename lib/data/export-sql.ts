import { escapeLiteral } from "pg";
import { BEST_RATING, SHORT_CLAIM_LIMIT, WORST_RATING } from "@/lib/domain/export/claim-review";
import type { Publisher } from "@/lib/domain/export/claim-review";
import type { ExportFormat } from "@/lib/domain/export/types";
import { isDateField, SOURCE_FIELDS, type SourceField } from "@/lib/domain/review-fields";
import type { ExportFilter } from "@/lib/validation/export";

/*
 * The exports, encoded by PostgreSQL, so that an export streams PostgreSQL's bytes to the
 * client with no decoding or encoding in JavaScript (lib/data/export-stream.ts):
 *
 * - JSON, JSONL and ClaimReview items are row_to_json of a row whose columns are the
 *   fields in order: PostgreSQL writes them as JSON.stringify does (no spaces, strings
 *   escaped alike, numbers, booleans, nested json verbatim); instants are written by
 *   to_char as toISOString writes them. ClaimReview leaves absent fields out with
 *   json_strip_nulls, as its JavaScript form leaves out empty spreads.
 * - CSV rows are COPY's own CSV (RFC 4180 quoting), of cells neutralised in SQL
 *   (claimdesk_csv_cell: a formula gets an apostrophe, an empty text is written as NULL so
 *   that COPY leaves it unquoted, as the JavaScript writer does).
 *
 * The JavaScript encoders of lib/domain/export stay the specification:
 * tests/integration/export-sql.test.ts compares both outputs byte for byte on awkward data.
 *
 * COPY takes no bind parameters, so the few values here (the filter, already validated as
 * ids, dates and states; the publisher and the app's address) are escaped literals.
 */

const literal = (value: string) => escapeLiteral(value);
/** A text literal (typed, so that JSON functions know what it holds). */
const text = (value: string) => `${escapeLiteral(value)}::text`;

/** An instant as JavaScript's toISOString writes it (NULL stays NULL). */
export const iso = (expr: string) =>
  `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** Its calendar day in UTC, as toISOString().slice(0, 10) writes it. */
const day = (expr: string) => `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;

/** `[item,item,…]` over the rows of `from` (the JSON text of each item), '[]' when none. */
const jsonList = (item: string, from: string, orderBy: string) =>
  `coalesce((SELECT '[' || string_agg(${item}, ',' ORDER BY ${orderBy}) || ']' ${from}), '[]')::json`;

const EVIDENCE_FIELDS = `e.url, e."archivedUrl", e.title, e.publisher, e.stance, e."sourceType"`;

/** The claim's evidence as JSON (ev.json) and its addresses one per line (ev.urls). */
const EVIDENCE_JOIN = `
    LEFT JOIN LATERAL (
      SELECT ('[' || string_agg(row_to_json(y)::text, ',' ORDER BY e.position) || ']')::json AS json,
             string_agg(e.url, E'\\n' ORDER BY e.position) AS urls
        FROM "Evidence" e, LATERAL (SELECT ${EVIDENCE_FIELDS}) y
       WHERE e."claimId" = c.id) ev ON true`;

/**
 * A blind review's (`b`) source fields in the review fields' order, each as `column(field,
 * sql)` writes it, instants as ISO text.
 */
export function blindSource(column: (field: SourceField, sql: string) => string): string {
  return SOURCE_FIELDS.map((f) => column(f, isDateField(f) ? iso(`b."${f}"`) : `b."${f}"`)).join(
    ", ",
  );
}

/**
 * A double-reviewed claim's two reviews (only once both are submitted: before, an empty
 * list, so no export or API reader sees either) and the editor's latest reconciliation.
 */
const DOUBLE_REVIEW = `CASE WHEN c."doubleReview" THEN (
      SELECT row_to_json(d) FROM (SELECT
        coalesce((
          SELECT CASE WHEN count(*) = 2 AND count(b."firstSubmittedAt") = 2 THEN
                   ('[' || string_agg(row_to_json(br)::text, ',' ORDER BY b."takenAt", b.id) || ']')::json END
            FROM "BlindReview" b JOIN "User" u ON u.id = b."reviewerId"
            LEFT JOIN "Verdict" bv ON bv.id = b."verdictId" LEFT JOIN "Verdict" fv ON fv.id = b."blindVerdictId",
            LATERAL (SELECT u.name AS reviewer, ${iso('b."submittedAt"')} AS "submittedAt",
                            bv.label AS "verdictLabel", bv."ratingValue" AS "verdictRatingValue",
                            fv.label AS "blindVerdictLabel", b.rationale,
                            ${blindSource((f, column) => `${column} AS "${f}"`)},
                            ${jsonList(
                              "row_to_json(xe)::text",
                              `FROM jsonb_array_elements(b.evidence) WITH ORDINALITY AS x(e, n),
                                 LATERAL (SELECT x.e->'url' AS url, x.e->'archivedUrl' AS "archivedUrl", x.e->'title' AS title,
                                                 x.e->'publisher' AS publisher, x.e->'stance' AS stance, x.e->'sourceType' AS "sourceType") xe`,
                              "x.n",
                            )} AS evidence) br
           WHERE b."claimId" = c.id), '[]'::json) AS reviews,
        (SELECT row_to_json(rc) FROM "Reconciliation" r JOIN "User" eu ON eu.id = r."editorId"
            LEFT JOIN "Verdict" rv ON rv.id = r."verdictId",
            LATERAL (SELECT r.outcome, eu.name AS editor, ${iso('r."decidedAt"')} AS "decidedAt",
                            (SELECT au.name FROM "BlindReview" ab JOIN "User" au ON au.id = ab."reviewerId"
                              WHERE ab.id = r."adoptedReviewId") AS "adoptedReviewer",
                            rv.label AS "verdictLabel", r.rationale, r.reason,
                            coalesce(r."verdictId" <> r."firstVerdictId" AND r."verdictId" <> r."secondVerdictId", false)
                              AS "finalDifferedFromBoth") rc
          WHERE r."claimId" = c.id ORDER BY r."decidedAt" DESC, r.id DESC LIMIT 1) AS reconciliation
      ) d) END`;

/** Who reviewed the claim: the latest review's author, or both blind reviewers once both are in. */
export const REVIEWER = `coalesce(
      (SELECT u.name FROM "Review" r JOIN "User" u ON u.id = r."reviewerId"
        WHERE r."claimId" = c.id ORDER BY r."submittedAt" DESC LIMIT 1),
      (SELECT string_agg(u.name, '; ' ORDER BY b."takenAt", b.id) FROM "BlindReview" b JOIN "User" u ON u.id = b."reviewerId"
        WHERE b."claimId" = c.id HAVING count(b."firstSubmittedAt") = 2))`;

/** An export row's claim and what it joins: article, speaker, verdict, approver, public page. */
export const FROM = `
    FROM "Claim" c
    LEFT JOIN "Article" a ON a.id = c."articleId"
    LEFT JOIN "Speaker" s ON s.id = c."speakerId"
    LEFT JOIN "Verdict" v ON v.id = c."verdictId"
    LEFT JOIN "User" ab ON ab.id = c."approvedById"
    LEFT JOIN "Publication" p ON p."claimId" = c.id AND p.status <> 'UNPUBLISHED'`;

/** The export filter as a SQL condition on "Claim" c (literals: see above). */
export function exportWhereSql(filter: ExportFilter, after?: string | null): string {
  const conditions: string[] = [];
  if (filter.state !== "ALL") conditions.push(`c.state = ${literal(filter.state)}`);
  const dateColumn = filter.state === "APPROVED" ? `c."approvedAt"` : `c."createdAt"`;
  if (filter.from)
    conditions.push(`${dateColumn} >= ${literal(`${filter.from}T00:00:00Z`)}::timestamptz`);
  if (filter.to) {
    conditions.push(
      `${dateColumn} < ${literal(`${filter.to}T00:00:00Z`)}::timestamptz + interval '1 day'`,
    );
  }
  if (filter.article) conditions.push(`c."articleId" = ${literal(filter.article)}::uuid`);
  if (filter.verdict) conditions.push(`c."verdictId" = ${literal(filter.verdict)}::uuid`);
  if (filter.reviewer) {
    const reviewer = literal(filter.reviewer);
    conditions.push(
      `(EXISTS (SELECT 1 FROM "Review" r WHERE r."claimId" = c.id AND r."reviewerId" = ${reviewer}::uuid)
        OR EXISTS (SELECT 1 FROM "BlindReview" b WHERE b."claimId" = c.id AND b."reviewerId" = ${reviewer}::uuid))`,
    );
  }
  if (after) conditions.push(`c.id > ${literal(after)}::uuid`);
  return conditions.length ? `WHERE ${conditions.join(" AND ")}` : "";
}

const content = `coalesce(c.content, c.text)`;
const speakerName = `coalesce(c."claimantName", s.name)`;
const speakerRole = `coalesce(c."claimantRole", s.title)`;
const corrected = `(c.state = 'APPROVED' AND c."correctedAt" IS NOT NULL)`;
const claimUrl = (appBase: string) => `${text(`${appBase.replace(/\/$/, "")}/claims/`)} || c.id`;
/** The fact-check's public page (served at the app's address) while it is up, else NULL. */
const publicUrl = (appBase: string) =>
  `${text(`${appBase.replace(/\/$/, "")}/fact-checks/`)} || p.slug`;

/** One claim's fields as the JSON and JSONL exports (and the API's pages) write them, in order. */
function claimFields(appBase: string): string {
  return `c.id, c.text, ${content} AS content, c."shortText", c.kind, c.state,
      ${speakerName} AS "speakerName", ${speakerRole} AS "speakerRole", c."claimantType",
      c."appearanceUrl", ${iso(`c."appearanceDate"`)} AS "appearanceDate",
      c."firstAppearanceUrl", ${iso(`c."firstAppearanceDate"`)} AS "firstAppearanceDate",
      a.title AS "articleTitle", a.url AS "articleUrl", a.outlet AS "articleOutlet",
      ${iso(`a."publishedAt"`)} AS "articlePublishedAt", a.language, c.start, c."end",
      v.label AS "verdictLabel", v."ratingValue" AS "verdictRatingValue", c.rationale,
      coalesce(ev.json, '[]'::json) AS evidence, ${REVIEWER} AS reviewer, ab.name AS approver,
      ${iso(`c."approvedAt"`)} AS "approvedAt", ${corrected} AS corrected,
      ${claimUrl(appBase)} AS "appUrl", ${publicUrl(appBase)} AS "publicUrl",
      ${DOUBLE_REVIEW} AS "doubleReview"`;
}

/**
 * JSON for a <script> block (htmlSafeJson of lib/domain/export/encode.ts): < > & and the
 * two line separators as \u escapes.
 */
const htmlSafe = (expr: string) =>
  `replace(replace(replace(replace(replace(${expr}, '<', '\\u003c'), '>', '\\u003e'), '&', '\\u0026'), U&'\\2028', '\\u2028'), U&'\\2029', '\\u2029')`;

/**
 * The length of a text as JavaScript counts it: UTF-16 code units, two for a character
 * beyond U+FFFF. Only a text with such characters (four bytes in UTF-8, so at least three
 * more bytes than characters) needs them counted.
 */
const utf16Length = (expr: string) =>
  `CASE WHEN octet_length(${expr}) - length(${expr}) < 3 THEN length(${expr})
        ELSE length(${expr}) + length(regexp_replace(${expr}, '[^\\U00010000-\\U0010FFFF]', '', 'g')) END`;

/** One approved claim as schema.org ClaimReview (toClaimReviewJsonLd of lib/domain/export). */
function claimReview(publisher: Publisher, appBase: string): string {
  const template = publisher.claimUrlTemplate;
  const at = template.indexOf("{id}");
  const templateUrl =
    at < 0
      ? text(template)
      : `${text(template.slice(0, at))} || c.id || ${text(template.slice(at + 4))}`;
  const url = `coalesce(${publicUrl(appBase)}, ${templateUrl})`;
  const rated = `v."ratingValue" >= ${WORST_RATING}`;
  const appearance = `nullif(coalesce(c."appearanceUrl", a.url), '')`;
  const creativeWork = (address: string) =>
    `CASE WHEN ${address} IS NOT NULL THEN json_build_object('@type', 'CreativeWork', 'url', ${address}) END`;
  // Absent fields are NULL here, and json_strip_nulls leaves them out.
  return htmlSafe(`json_strip_nulls(json_build_object(
      '@context', 'https://schema.org', '@type', 'ClaimReview',
      'url', ${url},
      'claimReviewed', coalesce(c."shortText", ${content}),
      'author', json_build_object('@type', 'Organization', 'name', ${text(publisher.name)}, 'url', ${text(publisher.url)}),
      'datePublished', ${day(`c."approvedAt"`)},
      'reviewRating', json_build_object('@type', 'Rating',
        'ratingValue', CASE WHEN ${rated} THEN v."ratingValue" END,
        'bestRating', CASE WHEN ${rated} THEN ${BEST_RATING} END,
        'worstRating', CASE WHEN ${rated} THEN ${WORST_RATING} END,
        'alternateName', coalesce(v.label, 'Unrated')),
      'itemReviewed', json_build_object('@type', 'Claim',
        'author', CASE WHEN nullif(${speakerName}, '') IS NULL THEN NULL
                       WHEN c."claimantType" = 'PERSON'
                       THEN json_build_object('@type', 'Person', 'name', ${speakerName}, 'jobTitle', nullif(${speakerRole}, ''))
                       ELSE json_build_object('@type', 'Organization', 'name', ${speakerName}) END,
        'datePublished', ${day(`coalesce(c."appearanceDate", a."publishedAt")`)},
        'appearance', ${creativeWork(appearance)},
        'firstAppearance', ${creativeWork(`nullif(c."firstAppearanceUrl", '')`)},
        'inLanguage', a.language)
    ))::text`);
}

/** What a publisher should fix in a ClaimReview (a long claimReviewed with no short form). */
const CLAIM_REVIEW_WARNING = `CASE WHEN coalesce(c."shortText", '') = '' AND octet_length(${content}) > ${SHORT_CLAIM_LIMIT}
      AND ${utf16Length(content)} > ${SHORT_CLAIM_LIMIT}
    THEN 'claim ' || c.id || ': claimReviewed is ' || ${utf16Length(content)} || ' characters; set a short form (at most ${SHORT_CLAIM_LIMIT})' END`;

/** One claim's CSV cells, in the order of CSV_COLUMNS (see claimdesk_csv_cell). */
function claimCsvCells(appBase: string): string {
  const cell = (expr: string) => `claimdesk_csv_cell(${expr})`;
  return [
    "c.id",
    cell("c.text"),
    cell(content),
    cell(`c."shortText"`),
    "c.kind",
    "c.state",
    cell(speakerName),
    cell(speakerRole),
    cell("a.title"),
    cell("a.url"),
    cell("a.outlet"),
    iso(`a."publishedAt"`),
    cell("a.language"),
    "c.start",
    `c."end"`,
    cell("v.label"),
    `v."ratingValue"`,
    cell("c.rationale"),
    cell("ev.urls"),
    `coalesce(ev.json::text, '[]')`,
    cell("x.reviewer"),
    cell("ab.name"),
    iso(`c."approvedAt"`),
    `CASE WHEN ${corrected} THEN 'true' ELSE 'false' END`,
    cell(claimUrl(appBase)),
    cell(publicUrl(appBase)),
  ].join(", ");
}

/**
 * The query whose rows are the export, in id order: for JSON, JSONL and ClaimReview the
 * item's JSON text first, then (JSON, JSONL) the claim's id or (ClaimReview) the warning or
 * NULL; for CSV the cells, for COPY … (FORMAT csv).
 */
export function encodedExportSql(
  format: ExportFormat,
  filter: ExportFilter,
  options: { appBase: string; publisher?: Publisher; after?: string | null; limit?: number },
): string {
  const tail = `${exportWhereSql(filter, options.after)}
    ORDER BY c.id${options.limit ? ` LIMIT ${Math.trunc(options.limit)}` : ""}`;
  if (format === "csv") {
    // OFFSET 0 keeps the reviewer's subqueries from being copied into each use of it.
    return `SELECT ${claimCsvCells(options.appBase)}
      ${FROM}${EVIDENCE_JOIN}
      CROSS JOIN LATERAL (SELECT ${REVIEWER} AS reviewer OFFSET 0) x
      ${tail}`;
  }
  if (format === "claimreview") {
    if (!options.publisher) throw new Error("a ClaimReview export needs its publisher");
    return `SELECT ${claimReview(options.publisher, options.appBase)}, ${CLAIM_REVIEW_WARNING}
      ${FROM}
      ${tail}`;
  }
  return `SELECT row_to_json(x)::text AS item, c.id
    ${FROM}${EVIDENCE_JOIN}
    CROSS JOIN LATERAL (SELECT ${claimFields(options.appBase)}) x
    ${tail}`;
}
