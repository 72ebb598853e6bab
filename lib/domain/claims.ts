/** Claim states and how they read. Pure: shared by pages, exports and tests. */
export const CLAIM_STATES = ["NEW", "IN_REVIEW", "SUBMITTED", "APPROVED", "DISMISSED"] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];

export const CLAIM_STATE_LABELS: Record<ClaimState, string> = {
  NEW: "New",
  IN_REVIEW: "In review",
  SUBMITTED: "Submitted",
  APPROVED: "Approved",
  DISMISSED: "Dismissed",
};

export const CLAIM_STATE_TONES = {
  NEW: "neutral",
  IN_REVIEW: "info",
  SUBMITTED: "warning",
  APPROVED: "success",
  DISMISSED: "neutral",
} as const satisfies Record<ClaimState, string>;

/** The check-worthiness models, as the pages name them (Help explains them). */
export const CHECKWORTHINESS_SCORER_LABELS = {
  ENCODER: "sentence model",
  WORDS: "words model",
  NONE: "not scored: no model for this language",
} as const;
export type CheckworthinessScorer = keyof typeof CHECKWORTHINESS_SCORER_LABELS;

export const CLAIM_KINDS = ["DIRECT_QUOTE", "INDIRECT_QUOTE", "ASSERTION"] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export const CLAIM_KIND_LABELS: Record<ClaimKind, string> = {
  DIRECT_QUOTE: "Direct quote",
  INDIRECT_QUOTE: "Indirect quote",
  ASSERTION: "Assertion",
};

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
