import { z } from "zod";
import { MODE_BATCH } from "@/lib/domain/claims";
import { claimIdsInput } from "./review";
import { queueQuery } from "./queue";

const claimRef = { claimId: z.uuid("Unknown claim"), version: z.coerce.number().int().min(1) };

/** Editors mark claims (while NEW) as needing two independent reviews, or one again. */
export const reviewModeInput = claimIdsInput.extend({ double: z.boolean() });

/** The same, for every NEW claim matching the queue's filters (the search is not one). */
export const reviewModeByFilterInput = z.object({
  query: queueQuery.omit({ q: true, after: true, sort: true }),
  double: z.boolean(),
});

/** The undo of one marking by filters: the claims it changed, back to the other mode. */
export const reviewModeUndoInput = z.object({
  ids: z.array(z.uuid("Unknown claim")).min(1, "Nothing to undo").max(MODE_BATCH),
  double: z.boolean(),
});

/**
 * An editor's reconciliation of two submitted reviews: adopt one of them whole, or write
 * the final verdict and rationale, taking the source from one review and the evidence of both.
 */
export const reconcileInput = z.discriminatedUnion(
  "outcome",
  [
    z.object({ ...claimRef, outcome: z.literal("ADOPT"), reviewId: z.uuid("Choose a review") }),
    z.object({
      ...claimRef,
      outcome: z.literal("FINAL"),
      verdictId: z.uuid("Choose the final verdict"),
      rationale: z
        .string()
        .trim()
        .min(10, "Write the final rationale (at least 10 characters)")
        .max(20_000, "Rationale is too long (at most 20000 characters)"),
      sourceReviewId: z.uuid("Choose whose source annotation to keep"),
    }),
  ],
  { error: "Choose to adopt a review or write the final verdict" },
);

export type ReconcileInput = z.infer<typeof reconcileInput>;
