import { z } from "zod";
import { CLAIM_STATES } from "@/lib/domain/claims";

const text = z.string().nullable();
const instant = z.string().nullable().meta({ format: "date-time" });

/**
 * One reviewed claim as it leaves ClaimDesk, in every format: the type of the exports and
 * the API's description of them (lib/domain/export/openapi.ts), from one schema.
 */
export const exportClaimSchema = z
  .object({
    id: z.uuid(),
    text: z.string().meta({
      description: "The claim's span in the article: speaker, speech verb and statement.",
    }),
    content: z.string().meta({
      description:
        "What is claimed: the statement without its attribution (the span's text for claims stored before it was recorded).",
    }),
    shortText: text.meta({ description: "The reviewer's short form, for ClaimReview." }),
    kind: z.enum(["DIRECT_QUOTE", "INDIRECT_QUOTE", "ASSERTION"]),
    state: z.enum(CLAIM_STATES),
    speakerName: text,
    speakerRole: text,
    claimantType: z.enum(["PERSON", "ORGANISATION", "GOVERNMENT"]).nullable(),
    appearanceUrl: text,
    appearanceDate: instant,
    firstAppearanceUrl: text,
    firstAppearanceDate: instant,
    articleTitle: text,
    articleUrl: text,
    articleOutlet: text,
    articlePublishedAt: instant,
    start: z
      .number()
      .int()
      .nullable()
      .meta({ description: "Offset of the claim in the article text (UTF-16 code units)." }),
    end: z.number().int().nullable(),
    verdictLabel: text,
    verdictRatingValue: z.number().int().nullable(),
    rationale: text,
    evidence: z.array(
      z.object({
        url: z.string(),
        archivedUrl: text,
        title: text,
        publisher: text,
        stance: z.enum(["SUPPORTS", "REFUTES", "CONTEXT"]),
        sourceType: z.enum(["PRIMARY", "SECONDARY"]),
      }),
    ),
    reviewer: text,
    approver: text,
    approvedAt: instant,
    corrected: z.boolean().meta({ description: "Re-approved after a correction." }),
    appUrl: z.string(),
  })
  .meta({
    description: "One reviewed claim; the same fields in JSON, JSONL and (as columns) CSV.",
  });

export type ExportClaim = z.infer<typeof exportClaimSchema>;

export const EXPORT_FORMATS = ["csv", "json", "jsonl", "claimreview"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const FORMAT_FILES: Record<ExportFormat, { extension: string; contentType: string }> = {
  csv: { extension: "csv", contentType: "text/csv; charset=utf-8" },
  json: { extension: "json", contentType: "application/json; charset=utf-8" },
  jsonl: { extension: "jsonl", contentType: "application/x-ndjson; charset=utf-8" },
  claimreview: { extension: "claimreview.json", contentType: "application/ld+json; charset=utf-8" },
};
