import type { ClaimState } from "./claims";
import { hasRole, type Role } from "./roles";

/**
 * Who may change a claim's text, span or state, by state. Pure, so the same rules serve
 * server actions, the API and the UI (which only hides what the server refuses anyway).
 */
export interface ClaimAccess {
  role: Role;
  userId: string;
  state: ClaimState;
  assigneeId: string | null;
}

/** Span edits, splits and merges: while the claim is still being worked on. */
export function canEditClaim(access: ClaimAccess): boolean {
  if (access.state === "NEW") return true;
  if (access.state === "IN_REVIEW")
    return access.assigneeId === access.userId || hasRole(access.role, "EDITOR");
  return false;
}

/** Dismissal (not a claim, not check-worthy, a duplicate): before a verdict is submitted. */
export function canDismissClaim(access: ClaimAccess): boolean {
  return canEditClaim(access);
}

export function editRefusal(access: ClaimAccess): string {
  if (access.state === "IN_REVIEW")
    return "This claim is being reviewed by someone else; only they or an editor can change it.";
  if (access.state === "SUBMITTED")
    return "This claim is submitted for approval and cannot be changed now.";
  if (access.state === "APPROVED")
    return "This claim is approved; an editor must reopen it before it can change.";
  return "This claim is dismissed and cannot be changed.";
}

/** Taking a claim: a NEW claim becomes the taker's, IN_REVIEW. */
export function canTakeClaim(state: ClaimState): boolean {
  return state === "NEW";
}

/** Assigning (editors): before submission, to anyone. */
export function canAssignClaim(role: Role, state: ClaimState): boolean {
  return hasRole(role, "EDITOR") && (state === "NEW" || state === "IN_REVIEW");
}

/** The review form (source, verdict, rationale, evidence): the assignee or an editor, while in review. */
export function canEditReview(access: ClaimAccess): boolean {
  return (
    access.state === "IN_REVIEW" &&
    (access.assigneeId === access.userId || hasRole(access.role, "EDITOR"))
  );
}

/** What a submission needs; each missing piece as a field message. */
export function submissionProblems(review: {
  verdictId: string | null;
  rationale: string | null;
  evidenceCount: number;
}): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!review.verdictId) problems.verdictId = "Choose a proposed verdict before submitting";
  if (!review.rationale || review.rationale.trim().length < 10) {
    problems.rationale = "Write a rationale (at least 10 characters) before submitting";
  }
  if (review.evidenceCount < 1)
    problems.evidence = "Add at least one evidence item before submitting";
  return problems;
}

export type Decision = "approve" | "return" | "reopen";

/**
 * Whether an editor may decide on a claim, and if not, why. Four-eyes: nobody approves a
 * verdict they submitted themselves.
 */
export function decisionRefusal(
  decision: Decision,
  who: { role: Role; userId: string },
  claim: { state: ClaimState; submittedBy: string | null },
): string | null {
  if (!hasRole(who.role, "EDITOR")) return "Only editors decide on verdicts.";
  if (decision === "reopen") {
    return claim.state === "APPROVED"
      ? null
      : "Only an approved claim can be reopened for correction.";
  }
  if (claim.state !== "SUBMITTED")
    return "Only a claim submitted for approval can be approved or returned.";
  if (decision === "approve" && claim.submittedBy === who.userId) {
    return "You submitted this verdict; another editor must approve it.";
  }
  return null;
}
