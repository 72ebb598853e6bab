import type { ExportClaim } from "./types";

/** The CSV columns, in order: a stable contract for spreadsheets and scripts. */
export const CSV_COLUMNS = [
  "claim_id",
  "text",
  "content",
  "short_form",
  "kind",
  "state",
  "speaker_name",
  "speaker_role",
  "article_title",
  "article_url",
  "article_outlet",
  "article_published_at",
  "language",
  "span_start",
  "span_end",
  "verdict",
  "rating_value",
  "rationale",
  "evidence_urls",
  "evidence_json",
  "reviewer",
  "approver",
  "approved_at",
  "corrected",
  "claim_url",
  "public_url",
] as const;

/**
 * A cell that a spreadsheet would run as a formula (= + - @, tab or carriage return
 * first) gets a leading apostrophe, the OWASP-recommended neutralisation. The full-width
 * forms ＝ ＋ － ＠ count too: spreadsheets in East Asian locales read them as = + - @.
 * The SQL encoder of the exports (claimdesk_csv_cell) does the same.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** RFC 4180: quote fields holding a comma, quote or line break; double the quotes. */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return "";
  const text = typeof value === "string" ? neutraliseFormula(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(): string {
  // The byte-order mark lets spreadsheet programs read the file as UTF-8.
  return "\uFEFF" + CSV_COLUMNS.join(",") + "\r\n";
}

export function csvRow(claim: ExportClaim): string {
  const values: Array<string | number | boolean | null> = [
    claim.id,
    claim.text,
    claim.content,
    claim.shortText,
    claim.kind,
    claim.state,
    claim.speakerName,
    claim.speakerRole,
    claim.articleTitle,
    claim.articleUrl,
    claim.articleOutlet,
    claim.articlePublishedAt,
    claim.language,
    claim.start,
    claim.end,
    claim.verdictLabel,
    claim.verdictRatingValue,
    claim.rationale,
    claim.evidence.map((e) => e.url).join("\n"),
    JSON.stringify(claim.evidence),
    claim.reviewer,
    claim.approver,
    claim.approvedAt,
    claim.corrected,
    claim.appUrl,
    claim.publicUrl,
  ];
  return values.map(csvField).join(",") + "\r\n";
}
