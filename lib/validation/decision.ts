import { z } from "zod";

const claimRef = { claimId: z.uuid("Unknown claim"), version: z.coerce.number().int().min(1) };
const reason = z
  .string()
  .trim()
  .min(3, "Give a reason (at least 3 characters)")
  .max(2000, "Reason is too long");

export const approveInput = z.object(claimRef);
export const returnInput = z.object({ ...claimRef, reason });
export const reopenInput = z.object({ ...claimRef, reason });

/** Publishing an approved claim: the page's headline and summary, and a correction's note. */
export const publishInput = z.object({
  ...claimRef,
  headline: z
    .string()
    .trim()
    .min(10, "Write a headline (at least 10 characters)")
    .max(200, "The headline is too long (at most 200 characters)"),
  summary: z
    .string()
    .trim()
    .max(20_000, "The summary is too long (at most 20,000 characters)")
    .optional()
    .transform((value) => value || undefined),
  correction: z
    .string()
    .trim()
    .max(2000, "The correction note is too long (at most 2,000 characters)")
    .optional()
    .transform((value) => value || undefined),
});

export const unpublishInput = z.object({ ...claimRef, reason });
