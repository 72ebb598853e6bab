/** One reviewed claim as it leaves ClaimDesk, in every format. */
export interface ExportClaim {
  id: string;
  text: string;
  shortText: string | null;
  kind: string;
  state: string;
  speakerName: string | null;
  speakerRole: string | null;
  claimantType: "PERSON" | "ORGANISATION" | "GOVERNMENT" | null;
  appearanceUrl: string | null;
  appearanceDate: string | null;
  firstAppearanceUrl: string | null;
  firstAppearanceDate: string | null;
  articleTitle: string | null;
  articleUrl: string | null;
  articleOutlet: string | null;
  articlePublishedAt: string | null;
  start: number | null;
  end: number | null;
  verdictLabel: string | null;
  verdictRatingValue: number | null;
  rationale: string | null;
  evidence: Array<{
    url: string;
    archivedUrl: string | null;
    title: string | null;
    publisher: string | null;
    stance: string;
    sourceType: string;
  }>;
  reviewer: string | null;
  approver: string | null;
  approvedAt: string | null;
  corrected: boolean;
  appUrl: string;
}

export const EXPORT_FORMATS = ["csv", "json", "jsonl", "claimreview"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const FORMAT_FILES: Record<ExportFormat, { extension: string; contentType: string }> = {
  csv: { extension: "csv", contentType: "text/csv; charset=utf-8" },
  json: { extension: "json", contentType: "application/json; charset=utf-8" },
  jsonl: { extension: "jsonl", contentType: "application/x-ndjson; charset=utf-8" },
  claimreview: { extension: "claimreview.json", contentType: "application/ld+json; charset=utf-8" },
};
