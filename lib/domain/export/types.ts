import { z } from "zod";
import { CLAIM_STATES } from "@/lib/domain/claims";

const text = z.string().nullable();
const instant = z.string().nullable().meta({ format: "date-time" });

const evidenceSchema = z.object({
  url: z.string(),
  archivedUrl: text,
  title: text,
  publisher: text,
  stance: z.enum(["SUPPORTS", "REFUTES", "CONTEXT"]),
  sourceType: z.enum(["PRIMARY", "SECONDARY"]),
});

/** One reviewer's independent review of a claim that needed two. */
const blindReviewSchema = z.object({
  reviewer: z.string(),
  submittedAt: instant.meta({ description: "Null while the reviewer revises it after a return." }),
  verdictLabel: text,
  verdictRatingValue: z.number().int().nullable(),
  blindVerdictLabel: text.meta({
    description:
      "The verdict of the first submission, made before either reviewer saw the other's review: what agreement is measured on.",
  }),
  rationale: text,
  shortText: text,
  claimantName: text,
  claimantRole: text,
  claimantType: z.enum(["PERSON", "ORGANISATION", "GOVERNMENT"]).nullable(),
  appearanceUrl: text,
  appearanceDate: instant,
  firstAppearanceUrl: text,
  firstAppearanceDate: instant,
  evidence: z.array(evidenceSchema),
});

const doubleReviewSchema = z
  .object({
    reviews: z.array(blindReviewSchema).meta({
      description:
        "Both reviews, in the order they were taken; empty until both reviewers have submitted (each is hidden until then).",
    }),
    reconciliation: z
      .object({
        outcome: z.enum(["ADOPT", "FINAL", "RETURN"]),
        editor: z.string(),
        decidedAt: z.string().meta({ format: "date-time" }),
        adoptedReviewer: text,
        verdictLabel: text,
        rationale: text,
        reason: text.meta({ description: "Why both reviews were returned (RETURN)." }),
        finalDifferedFromBoth: z.boolean(),
      })
      .nullable()
      .meta({ description: "The editor's latest decision on the two reviews." }),
  })
  .nullable()
  .meta({
    description:
      "For a claim that needed two independent reviews: both reviews and the reconciliation (JSON and JSONL only). Null for a claim reviewed once.",
  });

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
    language: text.meta({
      description:
        "The article's language, a BCP 47 tag (en, es, pt-BR): detected at import or corrected by a reviewer. ClaimReview gives it as the claim's inLanguage.",
    }),
    start: z
      .number()
      .int()
      .nullable()
      .meta({ description: "Offset of the claim in the article text (UTF-16 code units)." }),
    end: z.number().int().nullable(),
    verdictLabel: text,
    verdictRatingValue: z.number().int().nullable(),
    rationale: text,
    evidence: z.array(evidenceSchema),
    reviewer: text,
    approver: text,
    approvedAt: instant,
    corrected: z.boolean().meta({ description: "Re-approved after a correction." }),
    appUrl: z.string(),
    publicUrl: text.meta({
      description:
        "The fact-check's public page while it is published (or under review for a correction); null for a claim never published or withdrawn. ClaimReview's url is this address when there is one.",
    }),
    doubleReview: doubleReviewSchema,
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
