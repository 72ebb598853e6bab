import { z } from "zod";
import { isStorableText } from "./params";

const uuid = z.uuid("Unknown claim");
const offset = z.coerce
  .number()
  .int("Offsets are whole numbers")
  .min(0, "Offsets cannot be negative");
const version = z.coerce.number().int().min(1);

export const addClaimInput = z
  .object({ articleId: z.uuid("Unknown article"), start: offset, end: offset })
  .refine((v) => v.end > v.start, { message: "Select some text first", path: ["end"] });

/**
 * Why an editor changes the text or span of a claim whose blind reviews are open: sent to
 * both reviewers with their returned reviews (required then, by the server; unused otherwise).
 */
const returnReason = z
  .string()
  .trim()
  .max(1000, "Reason is too long (at most 1000 characters)")
  .optional()
  .transform((v) => v || undefined);

export const claimSpanInput = z
  .object({ claimId: uuid, version, start: offset, end: offset, returnReason })
  .refine((v) => v.end > v.start, { message: "The end must come after the start", path: ["end"] });

export const splitClaimInput = z.object({
  claimId: uuid,
  version,
  at: offset,
  returnReason,
});

export const mergeClaimsInput = z.object({
  claimId: uuid,
  version,
  otherClaimId: uuid,
  otherVersion: version,
  returnReason,
});

const UUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

export const dismissClaimInput = z.object({
  claimId: uuid,
  version,
  reason: z
    .string()
    .trim()
    .min(3, "Give a reason (at least 3 characters)")
    .max(1000, "Reason is too long"),
  /** The claim this one duplicates: its id or the address of its page. */
  duplicateOf: z
    .string()
    .trim()
    .max(500)
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const id = UUID_IN_TEXT.exec(v)?.[0]?.toLowerCase();
      if (!id) {
        ctx.addIssue({ code: "custom", message: "Paste the other claim's address or id" });
        return z.NEVER;
      }
      return id;
    }),
});

export const linkDuplicateInput = z.object({ claimId: uuid, version, duplicateOf: uuid });

export const renameSpeakerInput = z.object({
  speakerId: z.uuid(),
  name: z
    .string()
    .trim()
    .min(2, "Write the speaker's name")
    .max(300, "The name is too long (at most 300 characters)"),
});

/** A reviewer's word on a "checked before" match (null takes it back). */
export const judgeMatchInput = z.object({
  matchId: z.uuid("Unknown match"),
  judgement: z.enum(["SAME", "NOT_SAME"]).nullable(),
});

/** A "checked before" match added to the claim's evidence, at the claim's version. */
export const adoptMatchInput = z.object({ matchId: z.uuid("Unknown match"), version });

/** GET /api/v1/repeats: how far back, and how many. */
export const repeatsQuery = z.object({
  days: z.coerce.number().int().min(1).max(365).default(7),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The library page's view, in its address; what does not parse is left out. */
export const libraryQuery = z.object({
  q: z
    .string()
    .trim()
    .max(200)
    .refine(isStorableText)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  source: z.enum(["DESK", "PAGE", "FEED", "FILE"]).optional().catch(undefined),
  after: z.uuid().optional().catch(undefined),
});
