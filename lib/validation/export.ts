import { z } from "zod";
import { CLAIM_STATES } from "@/lib/domain/claims";
import { EXPORT_FORMATS } from "@/lib/domain/export/types";
import { calendarDate } from "./params";

const date = (description: string) => calendarDate.meta({ format: "date", description }).optional();

/** What to export. Approved claims unless asked otherwise; other states need an editor. */
export const exportFilter = z.object({
  state: z
    .union([z.enum(CLAIM_STATES), z.literal("ALL")])
    .optional()
    .transform((v) => v ?? "APPROVED")
    .meta({
      description: "APPROVED by default; any other state needs the claims:unpublished scope.",
    }),
  from: date("Approved (or, for other states, created) on or after this day, YYYY-MM-DD."),
  to: date("Approved (or created) on or before this day, YYYY-MM-DD."),
  article: z.uuid("article must be an id").optional(),
  verdict: z.uuid("verdict must be an id").optional(),
  reviewer: z.uuid("reviewer must be a user id").optional(),
});

export type ExportFilter = z.infer<typeof exportFilter>;

export const exportFormat = z.enum(EXPORT_FORMATS, {
  error: `format must be one of ${EXPORT_FORMATS.join(", ")}`,
});

export const claimsPage = exportFilter.extend({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .optional()
    .transform((v) => v ?? 100)
    .meta({ description: "Claims per page, 100 by default." }),
  after: z
    .uuid("after must be a claim id from the previous page")
    .optional()
    .meta({ description: "The `next` of the previous page." }),
});

/** Reads filters from URL search params; empty values count as absent. */
export function filterParams(params: URLSearchParams): Record<string, string> {
  return Object.fromEntries([...params.entries()].filter(([, v]) => v !== ""));
}

/** GET /api/v1/claims/{id}/similar: the claim and how many similar claims to list. */
export const similarQuery = z.object({
  claimId: z.uuid(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(50)
    .default(8)
    .meta({ description: "How many similar claims, 8 by default." }),
});
