import type { ClaimState } from "./claims";
import { hasRole, type Role } from "./roles";

/**
 * The claim lifecycle as one table: for each action, the role it needs, the states it
 * starts from and the state each leads to, and who among that role may do it. Every
 * claim change on the server goes through `transition` (lib/data/claim-writer.ts); pages
 * ask `allows` to show only what the server would accept. Pure, so it is tested on its
 * own for every action, role and state (lifecycle.test.ts).
 */
export const CLAIM_ACTIONS = [
  "take",
  "assign",
  "edit",
  "dismiss",
  "review",
  "submit",
  "approve",
  "return",
  "reopen",
] as const;
export type ClaimAction = (typeof CLAIM_ACTIONS)[number];

export interface Actor {
  role: Role;
  userId: string;
}

/** What the table reads of a claim. */
export interface ClaimFacts {
  state: ClaimState;
  assigneeId: string | null;
  /** Who submitted the pending verdict (four-eyes: they may not approve it). */
  submittedBy?: string | null;
}

export type RefusalCode = "FORBIDDEN" | "INVALID_STATE";
export interface Refusal {
  code: RefusalCode;
  message: string;
}
export type Transition =
  { ok: true; from: ClaimState; to: ClaimState } | { ok: false; refusal: Refusal };

/** Among those with the role, who may: null, or why not (a FORBIDDEN refusal). */
type Guard = (actor: Actor, claim: ClaimFacts) => string | null;

interface ActionRule {
  role: Role;
  roleRefusal: string;
  /** From each state it may start from, the state it leads to (and any guard). */
  from: Partial<Record<ClaimState, { to: ClaimState; guard?: Guard }>>;
  /** Why not, from a state not in `from`. */
  stateRefusal: (state: ClaimState) => string;
}

const WORKED_BY_SOMEONE_ELSE =
  "This claim is being reviewed by someone else; only they or an editor can change it.";

/** The assignee of a claim in review, or an editor. */
const assigneeOrEditor: Guard = (actor, claim) =>
  claim.assigneeId === actor.userId || hasRole(actor.role, "EDITOR")
    ? null
    : WORKED_BY_SOMEONE_ELSE;

/** Why a claim past review cannot change. */
function lockedRefusal(state: ClaimState): string {
  switch (state) {
    case "SUBMITTED":
      return "This claim is submitted for approval and cannot be changed now.";
    case "APPROVED":
      return "This claim is approved; an editor must reopen it before it can change.";
    case "DISMISSED":
      return "This claim is dismissed and cannot be changed.";
    default:
      return WORKED_BY_SOMEONE_ELSE;
  }
}

const reviewRefusal = (state: ClaimState) =>
  state === "NEW" ? "Take this claim before reviewing it." : lockedRefusal(state);

const anyReviewer = { role: "REVIEWER", roleRefusal: "Sign in as a reviewer." } as const;
const editorsOnly = (what: string) => ({ role: "EDITOR" as const, roleRefusal: what });

export const LIFECYCLE: Record<ClaimAction, ActionRule> = {
  take: {
    ...anyReviewer,
    from: { NEW: { to: "IN_REVIEW" } },
    stateRefusal: () => "Only new claims can be taken; reload the queue to see who took it.",
  },
  assign: {
    ...editorsOnly("Only editors assign claims."),
    from: { NEW: { to: "IN_REVIEW" }, IN_REVIEW: { to: "IN_REVIEW" } },
    stateRefusal: () => "Only new claims and claims in review can be assigned.",
  },
  edit: {
    ...anyReviewer,
    from: { NEW: { to: "NEW" }, IN_REVIEW: { to: "IN_REVIEW", guard: assigneeOrEditor } },
    stateRefusal: lockedRefusal,
  },
  dismiss: {
    ...anyReviewer,
    from: {
      NEW: { to: "DISMISSED" },
      IN_REVIEW: { to: "DISMISSED", guard: assigneeOrEditor },
    },
    stateRefusal: lockedRefusal,
  },
  review: {
    ...anyReviewer,
    from: { IN_REVIEW: { to: "IN_REVIEW", guard: assigneeOrEditor } },
    stateRefusal: reviewRefusal,
  },
  submit: {
    ...anyReviewer,
    from: { IN_REVIEW: { to: "SUBMITTED", guard: assigneeOrEditor } },
    stateRefusal: reviewRefusal,
  },
  approve: {
    ...editorsOnly("Only editors decide on verdicts."),
    from: {
      SUBMITTED: {
        to: "APPROVED",
        guard: (actor, claim) =>
          claim.submittedBy === actor.userId
            ? "You submitted this verdict; another editor must approve it."
            : null,
      },
    },
    stateRefusal: () => "Only a claim submitted for approval can be approved or returned.",
  },
  return: {
    ...editorsOnly("Only editors decide on verdicts."),
    from: { SUBMITTED: { to: "IN_REVIEW" } },
    stateRefusal: () => "Only a claim submitted for approval can be approved or returned.",
  },
  reopen: {
    ...editorsOnly("Only editors decide on verdicts."),
    from: { APPROVED: { to: "IN_REVIEW" } },
    stateRefusal: () => "Only an approved claim can be reopened for correction.",
  },
};

/**
 * Where `action` by `actor` takes the claim, or the typed refusal: FORBIDDEN when the
 * role or the person may not (whatever the state), INVALID_STATE when nobody may from
 * this state.
 */
export function transition(action: ClaimAction, actor: Actor, claim: ClaimFacts): Transition {
  const rule = LIFECYCLE[action];
  if (!hasRole(actor.role, rule.role)) {
    return { ok: false, refusal: { code: "FORBIDDEN", message: rule.roleRefusal } };
  }
  const step = rule.from[claim.state];
  if (!step) {
    return {
      ok: false,
      refusal: { code: "INVALID_STATE", message: rule.stateRefusal(claim.state) },
    };
  }
  const refused = step.guard?.(actor, claim) ?? null;
  if (refused) return { ok: false, refusal: { code: "FORBIDDEN", message: refused } };
  return { ok: true, from: claim.state, to: step.to };
}

/** Whether the table lets `actor` do `action` now: what pages show. */
export function allows(action: ClaimAction, actor: Actor, claim: ClaimFacts): boolean {
  return transition(action, actor, claim).ok;
}

/** Why the table refuses `actor` doing `action` now, or null when it allows it. */
export function refusalOf(action: ClaimAction, actor: Actor, claim: ClaimFacts): string | null {
  const step = transition(action, actor, claim);
  return step.ok ? null : step.refusal.message;
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
