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
  "mode",
  "reconcile",
  "publish",
  "unpublish",
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
  /**
   * For a claim that needs two independent reviews: who has taken it (at most two) and
   * who of them has submitted. Absent or null for a claim reviewed once.
   */
  blind?: BlindFacts | null;
}

export interface BlindFacts {
  reviewers: string[];
  submitted: string[];
}

export type RefusalCode = "FORBIDDEN" | "INVALID_STATE";
export interface Refusal {
  code: RefusalCode;
  message: string;
}
export type Transition =
  { ok: true; from: ClaimState; to: ClaimState } | { ok: false; refusal: Refusal };

/**
 * Among those with the role, who may: null, or why not (a message: FORBIDDEN, this
 * person may not; or a refusal with its code, when nobody may in this situation).
 */
type Guard = (actor: Actor, claim: ClaimFacts) => string | Refusal | null;

interface Step {
  /** The state it leads to (for a blind submission, it depends on the other review). */
  to: ClaimState | ((claim: ClaimFacts) => ClaimState);
  guard?: Guard;
}

interface ActionRule {
  role: Role;
  roleRefusal: string;
  /** From each state it may start from, the state it leads to (and any guard). */
  from: Partial<Record<ClaimState, Step>>;
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

const invalid = (message: string): Refusal => ({ code: "INVALID_STATE", message });

/** Editors assign claims reviewed once; a claim needing two is taken by each reviewer. */
const notBlind: Guard = (_actor, claim) =>
  claim.blind
    ? invalid("A claim that needs two reviews is taken by each of its reviewers, not assigned.")
    : null;

const isBlindReviewer = (actor: Actor, claim: ClaimFacts) =>
  claim.blind?.reviewers.includes(actor.userId) ?? false;

/**
 * The claim's text and span: its assignee or an editor. Once a claim needing two reviews is
 * taken, its text and span are frozen for reviewers, its own two included, so that both
 * judge the same claim; an editor may still change them, which returns both reviews
 * (lib/data/claim-edits.ts).
 */
const mayEditText: Guard = (actor, claim) =>
  claim.blind && claim.blind.reviewers.length > 0
    ? hasRole(actor.role, "EDITOR")
      ? null
      : "This claim is under two independent reviews: its text and span stay as they were when it was taken, so that both reviewers judge the same claim. An editor may still change them, which sends the reviews back."
    : assigneeOrEditor(actor, claim);

/**
 * A claim's review: its assignee or an editor; for a claim needing two reviews, each of
 * its two reviewers writes their own (an editor neither reads nor writes it before both
 * are in), until they submit it.
 */
const writesReview: Guard = (actor, claim) => {
  if (!claim.blind) return assigneeOrEditor(actor, claim);
  if (!isBlindReviewer(actor, claim)) {
    return "Only this claim's two reviewers write its reviews; each stays hidden until both are in.";
  }
  return claim.blind.submitted.includes(actor.userId)
    ? invalid("You have submitted your review; it waits for the other reviewer and an editor.")
    : null;
};

/** A second reviewer joining a claim that needs two reviews. */
const takesSecondSlot: Guard = (actor, claim) => {
  if (!claim.blind) {
    return invalid("Only new claims can be taken; reload the queue to see who took it.");
  }
  if (isBlindReviewer(actor, claim))
    return invalid("You are already one of this claim's reviewers.");
  return claim.blind.reviewers.length >= 2
    ? invalid("Two reviewers have already taken this claim.")
    : null;
};

/** Nobody decides on two reviews they wrote one of. */
const notOneOfTheReviewers: Guard = (actor, claim) =>
  isBlindReviewer(actor, claim)
    ? "You wrote one of the two reviews; another editor must decide on them."
    : null;

/** The claim is in review until the second of its two reviews is submitted. */
const afterSubmission = (claim: ClaimFacts): ClaimState =>
  claim.blind && claim.blind.submitted.length < 1 ? "IN_REVIEW" : "SUBMITTED";

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
    from: { NEW: { to: "IN_REVIEW" }, IN_REVIEW: { to: "IN_REVIEW", guard: takesSecondSlot } },
    stateRefusal: () => "Only new claims can be taken; reload the queue to see who took it.",
  },
  assign: {
    ...editorsOnly("Only editors assign claims."),
    from: {
      NEW: { to: "IN_REVIEW", guard: notBlind },
      IN_REVIEW: { to: "IN_REVIEW", guard: notBlind },
    },
    stateRefusal: () => "Only new claims and claims in review can be assigned.",
  },
  edit: {
    ...anyReviewer,
    from: { NEW: { to: "NEW" }, IN_REVIEW: { to: "IN_REVIEW", guard: mayEditText } },
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
    from: { IN_REVIEW: { to: "IN_REVIEW", guard: writesReview } },
    stateRefusal: reviewRefusal,
  },
  submit: {
    ...anyReviewer,
    from: { IN_REVIEW: { to: afterSubmission, guard: writesReview } },
    stateRefusal: reviewRefusal,
  },
  approve: {
    ...editorsOnly("Only editors decide on verdicts."),
    from: {
      SUBMITTED: {
        to: "APPROVED",
        guard: (actor, claim) =>
          claim.blind
            ? invalid("This claim has two independent reviews: reconcile them instead.")
            : claim.submittedBy === actor.userId
              ? "You submitted this verdict; another editor must approve it."
              : null,
      },
    },
    stateRefusal: () => "Only a claim submitted for approval can be approved or returned.",
  },
  return: {
    ...editorsOnly("Only editors decide on verdicts."),
    from: { SUBMITTED: { to: "IN_REVIEW", guard: notOneOfTheReviewers } },
    stateRefusal: () => "Only a claim submitted for approval can be approved or returned.",
  },
  reopen: {
    ...editorsOnly("Only editors decide on verdicts."),
    from: { APPROVED: { to: "IN_REVIEW" } },
    stateRefusal: () => "Only an approved claim can be reopened for correction.",
  },
  mode: {
    ...editorsOnly("Only editors decide how many reviews a claim needs."),
    from: { NEW: { to: "NEW" } },
    stateRefusal: () => "Only a new claim can change between one review and two.",
  },
  publish: {
    ...editorsOnly("Only editors publish fact-checks."),
    from: { APPROVED: { to: "APPROVED" } },
    stateRefusal: () => "Only an approved claim can be published; approve it first.",
  },
  // A fact-check can be withdrawn while its claim is reopened for a correction, too.
  unpublish: {
    ...editorsOnly("Only editors publish fact-checks."),
    from: {
      APPROVED: { to: "APPROVED" },
      IN_REVIEW: { to: "IN_REVIEW" },
      SUBMITTED: { to: "SUBMITTED" },
    },
    stateRefusal: () => "Only a published fact-check can be unpublished.",
  },
  reconcile: {
    ...editorsOnly("Only editors decide on verdicts."),
    from: {
      SUBMITTED: {
        to: "APPROVED",
        guard: (actor, claim) =>
          claim.blind
            ? notOneOfTheReviewers(actor, claim)
            : invalid(
                "Only a claim with two independent reviews is reconciled; approve it instead.",
              ),
      },
    },
    stateRefusal: () => "Only a claim whose two reviews are both submitted can be reconciled.",
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
  if (refused) {
    return {
      ok: false,
      refusal: typeof refused === "string" ? { code: "FORBIDDEN", message: refused } : refused,
    };
  }
  const to = typeof step.to === "function" ? step.to(claim) : step.to;
  return { ok: true, from: claim.state, to };
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
