import "server-only";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { SessionUser } from "./users";
import { changeClaim, requireRoleFor } from "./claim-writer";
import { joinAsBlindReviewer } from "./blind-reviews";

type ClaimRef = { id: string; version: number };

/**
 * Takes claims: a NEW claim becomes the taker's, IN_REVIEW; a claim needing two reviews
 * gets the taker as one of its two reviewers instead (a blind review of their own), from
 * NEW or while it waits for its second. All or none.
 */
export async function takeClaims(user: SessionUser, claims: ClaimRef[]) {
  return prisma.$transaction(async (tx) => {
    for (const ref of claims) {
      await changeClaim(tx, user, ref, {
        action: "take",
        audit: "claim.take",
        noun: "A selected claim",
        data: (claim) => (claim.doubleReview ? {} : { assigneeId: user.id }),
        always: ["assigneeId"],
        afterWrite: async (claim) =>
          claim.doubleReview ? joinAsBlindReviewer(tx, user, claim.id) : undefined,
      });
    }
    return { taken: claims.length };
  });
}

/** Editors assign claims before submission to an active user, with an optional due date. */
export async function assignClaims(
  user: SessionUser,
  input: { claims: ClaimRef[]; assigneeId: string; dueAt: Date | null },
) {
  requireRoleFor("assign", user);
  return prisma.$transaction(async (tx) => {
    const assignee = await tx.user.findUnique({
      where: { id: input.assigneeId },
      select: { id: true, disabledAt: true },
    });
    if (!assignee || assignee.disabledAt) {
      throw new AppError("VALIDATION", "Choose an active reviewer.", {
        assigneeId: "Not an active user",
      });
    }
    for (const ref of input.claims) {
      await changeClaim(tx, user, ref, {
        action: "assign",
        audit: "claim.assign",
        noun: "A selected claim",
        data: () => ({ assigneeId: assignee.id, dueAt: input.dueAt }),
        always: ["assigneeId", "dueAt"],
      });
    }
    return { assigned: input.claims.length };
  });
}
