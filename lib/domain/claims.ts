/** Claim states and their tones (their names are in the interface's messages). Pure. */
export const CLAIM_STATES = ["NEW", "IN_REVIEW", "SUBMITTED", "APPROVED", "DISMISSED"] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];

export const CLAIM_STATE_TONES = {
  NEW: "neutral",
  IN_REVIEW: "info",
  SUBMITTED: "warning",
  APPROVED: "success",
  DISMISSED: "neutral",
} as const satisfies Record<ClaimState, string>;

/**
 * The check-worthiness models: the sentence encoder, the words model, or none (no model for
 * the claim's language). The pages name them from the Checkworthiness messages.
 */
export type CheckworthinessScorer = "ENCODER" | "WORDS" | "NONE";

export const CLAIM_KINDS = ["DIRECT_QUOTE", "INDIRECT_QUOTE", "ASSERTION"] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

/**
 * Who has a claim needing two reviews, as the queue's assignee column says it: "Rita, Ravi",
 * "Rita + 1 open slot", or null (nobody yet). Names only: nothing of their reviews.
 */
export function blindReviewersLabel(names: readonly string[]): string | null {
  if (names.length === 0) return null;
  return names.length >= 2 ? names.join(", ") : `${names[0]} + 1 open slot`;
}

/** How many claims one "by filter" marking to one or two reviews changes at most; the rest take another run. */
export const MODE_BATCH = 1000;
