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
