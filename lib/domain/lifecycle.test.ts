import { describe, expect, it } from "vitest";
import { CLAIM_STATES, type ClaimState } from "./claims";
import {
  canEditClaim,
  canEditReview,
  canTakeClaim,
  decisionRefusal,
  submissionProblems,
  type Decision,
} from "./lifecycle";
import { ROLES } from "./roles";

const ME = "me";
const OTHER = "other";

describe("who may decide on a verdict, for every state, role and decision", () => {
  const expected: Record<Decision, ClaimState[]> = {
    approve: ["SUBMITTED"],
    return: ["SUBMITTED"],
    reopen: ["APPROVED"],
  };
  for (const decision of ["approve", "return", "reopen"] as const) {
    for (const role of ROLES) {
      for (const state of CLAIM_STATES) {
        const allowed = role !== "REVIEWER" && expected[decision].includes(state);
        it(`${role} ${allowed ? "may" : "may not"} ${decision} a ${state} claim submitted by someone else`, () => {
          const refusal = decisionRefusal(
            decision,
            { role, userId: ME },
            { state, submittedBy: OTHER },
          );
          expect(refusal === null).toBe(allowed);
        });
      }
    }
  }

  it("an editor cannot approve a verdict they submitted, but can return it", () => {
    const who = { role: "EDITOR" as const, userId: ME };
    expect(decisionRefusal("approve", who, { state: "SUBMITTED", submittedBy: ME })).toMatch(
      /another editor/,
    );
    expect(decisionRefusal("return", who, { state: "SUBMITTED", submittedBy: ME })).toBeNull();
    expect(
      decisionRefusal(
        "approve",
        { role: "ADMIN", userId: ME },
        { state: "SUBMITTED", submittedBy: ME },
      ),
    ).toMatch(/another editor/);
  });
});

describe("editing rules", () => {
  it("a reviewer edits a new claim, their own claim in review, and nothing later", () => {
    const access = (state: ClaimState, assigneeId: string | null) => ({
      role: "REVIEWER" as const,
      userId: ME,
      state,
      assigneeId,
    });
    expect(canEditClaim(access("NEW", null))).toBe(true);
    expect(canEditClaim(access("IN_REVIEW", ME))).toBe(true);
    expect(canEditClaim(access("IN_REVIEW", OTHER))).toBe(false);
    for (const state of ["SUBMITTED", "APPROVED", "DISMISSED"] as const)
      expect(canEditClaim(access(state, ME))).toBe(false);
    expect(canEditReview(access("NEW", null))).toBe(false);
    expect(
      canEditReview({ role: "EDITOR", userId: ME, state: "IN_REVIEW", assigneeId: OTHER }),
    ).toBe(true);
  });

  it("only new claims can be taken", () => {
    expect(CLAIM_STATES.filter(canTakeClaim)).toEqual(["NEW"]);
  });

  it("a submission needs a verdict, a rationale and evidence", () => {
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
