"use server";

import { runAction } from "@/lib/actions";
import { dismissClaim } from "@/lib/data/dismissal";
import { linkDuplicateInput } from "@/lib/validation/claim";
import { addComment } from "@/lib/data/comments";
import { assignClaims, takeClaims } from "@/lib/data/assignment";
import { dismissClaims } from "@/lib/data/dismissal";
import { saveReview } from "@/lib/data/review";
import {
  countReviewModeForQuery,
  setReviewMode,
  setReviewModeForQuery,
  undoReviewMode,
} from "@/lib/data/blind-reviews";
import {
  reviewModeByFilterInput,
  reviewModeInput,
  reviewModeUndoInput,
} from "@/lib/validation/double-review";
import {
  assignInput,
  bulkDismissInput,
  claimIdsInput,
  commentInput,
  reviewFormInput,
} from "@/lib/validation/review";

export async function saveReviewForm(input: unknown) {
  return runAction("REVIEWER", reviewFormInput, input, (user, data) =>
    saveReview(user, data, { submit: false }),
  );
}

export async function submitReviewForm(input: unknown) {
  return runAction("REVIEWER", reviewFormInput, input, (user, data) =>
    saveReview(user, data, { submit: true }),
  );
}

export async function takeSelectedClaims(input: unknown) {
  return runAction("REVIEWER", claimIdsInput, input, (user, data) => takeClaims(user, data.claims));
}

export async function assignSelectedClaims(input: unknown) {
  return runAction("EDITOR", assignInput, input, assignClaims);
}

export async function setClaimsReviewMode(input: unknown) {
  return runAction("EDITOR", reviewModeInput, input, setReviewMode);
}

/** How many claims a marking by filters would change: what the editor is asked to confirm. */
export async function countFilteredReviewMode(input: unknown) {
  return runAction("EDITOR", reviewModeByFilterInput, input, countReviewModeForQuery);
}

export async function setFilteredReviewMode(input: unknown) {
  return runAction("EDITOR", reviewModeByFilterInput, input, setReviewModeForQuery);
}

export async function undoFilteredReviewMode(input: unknown) {
  return runAction("EDITOR", reviewModeUndoInput, input, undoReviewMode);
}

export async function dismissSelectedClaims(input: unknown) {
  return runAction("REVIEWER", bulkDismissInput, input, dismissClaims);
}

export async function postComment(input: unknown) {
  return runAction("REVIEWER", commentInput, input, addComment);
}

/** One click from "checked before": dismiss as a duplicate of the approved claim, linked. */
export async function linkAsDuplicate(input: unknown) {
  return runAction("REVIEWER", linkDuplicateInput, input, (user, data) =>
    dismissClaim(user, { ...data, reason: "Checked before: duplicate of an approved claim" }),
  );
}
