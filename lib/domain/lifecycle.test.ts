import { describe, expect, it } from "vitest";
import { CLAIM_STATES, type ClaimState } from "./claims";
import {
  allows,
  CLAIM_ACTIONS,
  submissionProblems,
  transition,
  type ClaimAction,
} from "./lifecycle";
import { ROLES, type Role } from "./roles";

const ME = "me";
const OTHER = "other";

/**
 * The lifecycle as the README and the desk describe it, written out by hand (not read
 * from the table): for each action, who may, from which state, to which state.
 * "mine": the claim is assigned to me (or, for approval, submitted by someone else).
 */
const EXPECTED: Record<
  ClaimAction,
  { from: Partial<Record<ClaimState, ClaimState>>; minRole: Role; onlyMineOrEditor?: boolean }
> = {
  take: { from: { NEW: "IN_REVIEW" }, minRole: "REVIEWER" },
  assign: { from: { NEW: "IN_REVIEW", IN_REVIEW: "IN_REVIEW" }, minRole: "EDITOR" },
  edit: { from: { NEW: "NEW", IN_REVIEW: "IN_REVIEW" }, minRole: "REVIEWER" },
  dismiss: { from: { NEW: "DISMISSED", IN_REVIEW: "DISMISSED" }, minRole: "REVIEWER" },
  review: { from: { IN_REVIEW: "IN_REVIEW" }, minRole: "REVIEWER", onlyMineOrEditor: true },
  submit: { from: { IN_REVIEW: "SUBMITTED" }, minRole: "REVIEWER", onlyMineOrEditor: true },
  approve: { from: { SUBMITTED: "APPROVED" }, minRole: "EDITOR" },
  return: { from: { SUBMITTED: "IN_REVIEW" }, minRole: "EDITOR" },
  reopen: { from: { APPROVED: "IN_REVIEW" }, minRole: "EDITOR" },
  mode: { from: { NEW: "NEW" }, minRole: "EDITOR" },
  // Only a claim needing two reviews is reconciled (below).
  reconcile: { from: {}, minRole: "EDITOR" },
  publish: { from: { APPROVED: "APPROVED" }, minRole: "EDITOR" },
  unpublish: {
    from: { APPROVED: "APPROVED", IN_REVIEW: "IN_REVIEW", SUBMITTED: "SUBMITTED" },
    minRole: "EDITOR",
  },
};
const RANK: Record<Role, number> = { REVIEWER: 0, EDITOR: 1, ADMIN: 2 };

describe("the lifecycle table, for every action, role, state and assignee", () => {
  for (const action of CLAIM_ACTIONS) {
    for (const role of ROLES) {
      for (const state of CLAIM_STATES) {
        for (const assigneeId of [ME, OTHER, null]) {
          const expected = EXPECTED[action];
          const roleOk = RANK[role] >= RANK[expected.minRole];
          const to = expected.from[state];
          // In review, someone else's claim is theirs (or an editor's) to change.
          const personOk =
            RANK[role] >= RANK.EDITOR ||
            (state === "IN_REVIEW" && action !== "take" && action !== "assign"
              ? assigneeId === ME
              : true);
          const allowed = roleOk && to !== undefined && personOk;
          it(`${role} ${allowed ? "may" : "may not"} ${action} a ${state} claim assigned to ${assigneeId ?? "nobody"}`, () => {
            const step = transition(
              action,
              { role, userId: ME },
              { state, assigneeId, submittedBy: OTHER },
            );
            if (allowed) {
              expect(step).toEqual({ ok: true, from: state, to });
            } else {
              expect(step.ok).toBe(false);
              if (step.ok) return;
              // The role or the person: FORBIDDEN, whatever the state; nobody from this state: INVALID_STATE.
              expect(step.refusal.code).toBe(
                !roleOk || (to !== undefined && !personOk) ? "FORBIDDEN" : "INVALID_STATE",
              );
              expect(step.refusal.message.length).toBeGreaterThan(10);
            }
          });
        }
      }
    }
  }

  it("four eyes: nobody approves a verdict they submitted, but they may return it", () => {
    for (const role of ["EDITOR", "ADMIN"] as const) {
      const mine = { state: "SUBMITTED" as const, assigneeId: null, submittedBy: ME };
      const approve = transition("approve", { role, userId: ME }, mine);
      expect(approve.ok).toBe(false);
      expect(!approve.ok && approve.refusal).toEqual({
        code: "FORBIDDEN",
        message: "You submitted this verdict; another editor must approve it.",
      });
      expect(allows("return", { role, userId: ME }, mine)).toBe(true);
    }
  });

  it("tells a reviewer to take a new claim before reviewing it", () => {
    const step = transition(
      "review",
      { role: "REVIEWER", userId: ME },
      { state: "NEW", assigneeId: null },
    );
    expect(!step.ok && step.refusal).toEqual({
      code: "INVALID_STATE",
      message: "Take this claim before reviewing it.",
    });
  });
});

/** Who has taken a claim needing two reviews, and who of them has submitted. */
const SITUATIONS: Record<string, { reviewers: string[]; submitted: string[] }> = {
  "nobody has taken": { reviewers: [], submitted: [] },
  "I took alone": { reviewers: [ME], submitted: [] },
  "another took alone": { reviewers: [OTHER], submitted: [] },
  "I and another took": { reviewers: [ME, OTHER], submitted: [] },
  "I submitted, the other not": { reviewers: [ME, OTHER], submitted: [ME] },
  "the other submitted, I not": { reviewers: [ME, OTHER], submitted: [OTHER] },
  "both of us submitted": { reviewers: [ME, OTHER], submitted: [ME, OTHER] },
  "two others took": { reviewers: [OTHER, "third"], submitted: [] },
  "two others submitted": { reviewers: [OTHER, "third"], submitted: [OTHER, "third"] },
};

type Expected = { to: ClaimState } | { code: "FORBIDDEN" | "INVALID_STATE" };

/**
 * Double review as the README describes it, by hand: two reviewers take the claim and
 * each writes their own review, hidden from the other (editors included) until both are
 * in; an editor who wrote neither reconciles (or returns both); approve and assign are
 * for claims reviewed once.
 */
function expectedDouble(
  action: ClaimAction,
  role: Role,
  state: ClaimState,
  { reviewers, submitted }: { reviewers: string[]; submitted: string[] },
): Expected {
  const editor = RANK[role] >= RANK.EDITOR;
  const mine = reviewers.includes(ME);
  const FORBIDDEN = { code: "FORBIDDEN" } as const;
  const INVALID = { code: "INVALID_STATE" } as const;
  const editorsOnly = [
    "assign",
    "approve",
    "return",
    "reconcile",
    "reopen",
    "mode",
    "publish",
    "unpublish",
  ];
  if (editorsOnly.includes(action) && !editor) return FORBIDDEN;
  switch (action) {
    case "take":
      if (state === "NEW") return { to: "IN_REVIEW" };
      return state === "IN_REVIEW" && !mine && reviewers.length < 2 ? { to: "IN_REVIEW" } : INVALID;
    case "assign":
    case "approve":
      return INVALID;
    // Once taken, its text and span are frozen for reviewers (both must judge the same
    // claim); an editor may change them (which returns both reviews).
    case "edit":
      if (state === "NEW") return { to: "NEW" };
      if (state !== "IN_REVIEW") return INVALID;
      return editor ? { to: "IN_REVIEW" } : FORBIDDEN;
    case "dismiss":
      if (state === "NEW") return { to: "DISMISSED" };
      if (state !== "IN_REVIEW") return INVALID;
      return editor ? { to: "DISMISSED" } : FORBIDDEN;
    case "review":
    case "submit": {
      if (state !== "IN_REVIEW") return INVALID;
      if (!mine) return FORBIDDEN;
      if (submitted.includes(ME)) return INVALID;
      if (action === "review") return { to: "IN_REVIEW" };
      return { to: submitted.includes(OTHER) ? "SUBMITTED" : "IN_REVIEW" };
    }
    case "return":
    case "reconcile":
      if (state !== "SUBMITTED") return INVALID;
      if (mine) return FORBIDDEN;
      return { to: action === "return" ? "IN_REVIEW" : "APPROVED" };
    case "reopen":
      return state === "APPROVED" ? { to: "IN_REVIEW" } : INVALID;
    case "mode":
      return state === "NEW" ? { to: "NEW" } : INVALID;
    // Publishing reads the claim's state only: who reviewed it does not matter.
    case "publish":
      return state === "APPROVED" ? { to: "APPROVED" } : INVALID;
    case "unpublish":
      return ["APPROVED", "IN_REVIEW", "SUBMITTED"].includes(state) ? { to: state } : INVALID;
  }
}

describe("the lifecycle table for a claim needing two reviews, for every action, role, state and reviewer", () => {
  for (const action of CLAIM_ACTIONS) {
    for (const role of ROLES) {
      for (const state of CLAIM_STATES) {
        for (const [situation, blind] of Object.entries(SITUATIONS)) {
          const expected = expectedDouble(action, role, state, blind);
          const verb = "to" in expected ? `may (to ${expected.to})` : `may not (${expected.code})`;
          it(`${role} ${verb} ${action} a ${state} claim when ${situation}`, () => {
            const step = transition(
              action,
              { role, userId: ME },
              { state, assigneeId: null, submittedBy: null, blind },
            );
            if ("to" in expected) {
              expect(step).toEqual({ ok: true, from: state, to: expected.to });
            } else {
              expect(step.ok).toBe(false);
              if (step.ok) return;
              expect(step.refusal.code).toBe(expected.code);
              expect(step.refusal.message.length).toBeGreaterThan(10);
            }
          });
        }
      }
    }
  }

  it("tells an editor who wrote one of the reviews to leave the decision to another", () => {
    const claim = {
      state: "SUBMITTED" as const,
      assigneeId: null,
      blind: { reviewers: [ME, OTHER], submitted: [ME, OTHER] },
    };
    const step = transition("reconcile", { role: "EDITOR", userId: ME }, claim);
    expect(!step.ok && step.refusal).toEqual({
      code: "FORBIDDEN",
      message: "You wrote one of the two reviews; another editor must decide on them.",
    });
    expect(allows("reconcile", { role: "EDITOR", userId: "third" }, claim)).toBe(true);
    expect(allows("approve", { role: "EDITOR", userId: "third" }, claim)).toBe(false);
  });
});

describe("a submission", () => {
  it("needs a verdict, a rationale and evidence", () => {
    expect(
      submissionProblems({
        verdictId: "v",
        rationale: "Because the record shows it.",
        evidenceCount: 1,
      }),
    ).toEqual({});
    expect(
      Object.keys(submissionProblems({ verdictId: null, rationale: "short", evidenceCount: 0 })),
    ).toEqual(["verdictId", "rationale", "evidence"]);
  });
});
