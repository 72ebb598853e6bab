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
