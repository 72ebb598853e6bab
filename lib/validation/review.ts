import { z } from "zod";
import {
  CLAIMANT_TYPES,
  REVIEW_FIELD_DEFS,
  type ReviewFieldDef,
  type ReviewFieldDefs,
} from "@/lib/domain/review-fields";

export { CLAIMANT_TYPES };
export const STANCES = ["SUPPORTS", "REFUTES", "CONTEXT"] as const;
export const SOURCE_TYPES = ["PRIMARY", "SECONDARY"] as const;

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} is too long (at most ${max} characters)`)
    .optional()
    .transform((v) => v || null);

/** http(s) only: javascript:, data: and file: links are refused, never stored. */
export const webUrl = (label: string) =>
  z
    .string()
    .trim()
    .max(2000, `${label} is too long`)
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === "http:" || url.protocol === "https:") && Boolean(url.hostname);
      } catch {
        return false;
      }
    }, `${label} must be a web address starting with http:// or https://`);

const optionalUrl = (label: string) =>
  z
    .union([webUrl(label), z.literal("")])
    .optional()
    .transform((v) => v || null);

const optionalDate = (label: string) =>
  z
    .union([z.literal(""), z.coerce.date({ error: `${label} is not a date` })])
    .optional()
    .transform((v) => (v === "" || v === undefined ? null : v))
    .refine((d) => d === null || !Number.isNaN(d.getTime()), `${label} is not a date`);

export const evidenceInput = z.object({
  id: z.uuid().optional(),
  url: webUrl("Evidence URL"),
  archivedUrl: optionalUrl("Archived copy URL"),
  title: optionalText(500, "Title"),
  publisher: optionalText(300, "Publisher"),
  excerpt: optionalText(5000, "Excerpt"),
  stance: z.enum(STANCES, { error: "Choose whether it supports, refutes or gives context" }),
  sourceType: z.enum(SOURCE_TYPES, { error: "Choose primary or secondary" }),
});

const optionalClaimantType = () =>
  z
    .union([z.enum(CLAIMANT_TYPES), z.literal("")])
    .optional()
    .transform((v) => v || null);

const optionalVerdict = () =>
  z
    .union([z.uuid("Unknown verdict"), z.literal("")])
    .optional()
    .transform((v) => v || null);

/** Each kind of review field's schema (an empty value is null). */
const FIELD_SCHEMAS = {
  text: (def: ReviewFieldDef) => optionalText(def.max ?? 300, def.name),
  url: (def: ReviewFieldDef) => optionalUrl(def.name),
  date: (def: ReviewFieldDef) => optionalDate(def.name),
  claimantType: optionalClaimantType,
  verdict: optionalVerdict,
};

type FieldSchema<D extends ReviewFieldDef> = ReturnType<(typeof FIELD_SCHEMAS)[D["kind"]]>;

/** The review fields' schemas, from their one definition (lib/domain/review-fields.ts). */
const reviewFieldShape = Object.fromEntries(
  Object.entries(REVIEW_FIELD_DEFS).map(([field, def]) => [field, FIELD_SCHEMAS[def.kind](def)]),
) as { [K in keyof ReviewFieldDefs]: FieldSchema<ReviewFieldDefs[K]> };

export const reviewFormInput = z.object({
  claimId: z.uuid(),
  version: z.coerce.number().int().min(1),
  ...reviewFieldShape,
  evidence: z.array(evidenceInput).max(50, "At most 50 evidence items"),
});

export type ReviewFormInput = z.infer<typeof reviewFormInput>;

export const commentInput = z.object({
  claimId: z.uuid(),
  body: z
    .string()
    .trim()
    .min(1, "Write a comment first")
    .max(5000, "Comment is too long (at most 5000 characters)"),
});

export const claimIdsInput = z.object({
  claims: z
    .array(z.object({ id: z.uuid(), version: z.coerce.number().int().min(1) }))
    .min(1, "Select at least one claim")
    .max(200),
});

export const assignInput = claimIdsInput.extend({
  assigneeId: z.uuid("Choose a reviewer"),
  dueAt: z
    .union([z.literal(""), z.coerce.date()])
    .optional()
    .transform((v) => (v === "" || v === undefined ? null : v)),
});

export const bulkDismissInput = claimIdsInput.extend({
  reason: z.string().trim().min(3, "Give a reason (at least 3 characters)").max(1000),
});
