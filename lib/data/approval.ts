import "server-only";
import { decodeCursor, encodeCursor } from "@/lib/validation/queue";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { SessionUser } from "./users";
import { changeClaim } from "./claim-writer";
import { reopenBothReviews, returnBothReviews } from "./reconciliation";
import { markUnderReview } from "./publishing";

/** What a decision reads: the latest submission and whether it was decided. */
const DECISION_SELECT = {
  reviews: {
    orderBy: { submittedAt: "desc" },
    take: 1,
    select: { id: true, reviewerId: true, verdictId: true, decision: { select: { id: true } } },
  },
} as const satisfies Prisma.ClaimSelect;

type Pending = { reviews: Array<{ id: string; decision: { id: string } | null }> };

/** The submission awaiting a decision, or a refusal. */
function pendingReview<C extends Pending>(claim: C, what: string): C["reviews"][number] {
  const review = claim.reviews[0];
  if (!review || review.decision) {
    throw new AppError("INVALID_STATE", `There is no pending submission to ${what}.`);
  }
  return review;
}

/**
 * Whether the claim has two blind reviews (settled while it was NEW, so it cannot change
 * under a return or a reopen, which start from SUBMITTED and APPROVED).
 */
async function needsTwoReviews(tx: Prisma.TransactionClient, claimId: string) {
  const claim = await tx.claim.findUnique({
    where: { id: claimId },
    select: { doubleReview: true },
  });
  return claim?.doubleReview ?? false;
}

/** Approves the submitted verdict: it becomes the claim's verdict, with approver and time. */
export async function approveClaim(user: SessionUser, input: { claimId: string; version: number }) {
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    const { version } = await changeClaim(
      tx,
      user,
      { id: input.claimId, version: input.version },
      {
        action: "approve",
        audit: "claim.approve",
        select: DECISION_SELECT,
        submittedBy: (claim) => claim.reviews[0]?.reviewerId ?? null,
        check: (claim) => void pendingReview(claim, "approve"),
        data: (claim) => ({
          verdictId: claim.reviews[0]!.verdictId,
          approvedById: user.id,
          approvedAt: now,
        }),
        afterWrite: async (claim) => {
          const review = claim.reviews[0]!;
          await tx.decision.create({
            data: { reviewId: review.id, editorId: user.id, outcome: "APPROVE", decidedAt: now },
          });
          return { after: { reviewId: review.id } };
        },
        always: ["verdictId"],
      },
    );
    return { id: input.claimId, version };
  });
}

/** Sends the submission back to its reviewer with a reason, shown at the top of their form. */
export async function returnClaim(
  user: SessionUser,
  input: { claimId: string; version: number; reason: string },
) {
  return prisma.$transaction(async (tx) => {
    if (await needsTwoReviews(tx, input.claimId)) {
      const { version } = await returnBothReviews(tx, user, input);
      return { id: input.claimId, version };
    }
    const { version } = await changeClaim(
      tx,
      user,
      { id: input.claimId, version: input.version },
      {
        action: "return",
        audit: "claim.return",
        select: DECISION_SELECT,
        check: (claim) => void pendingReview(claim, "return"),
        data: (claim) => ({ assigneeId: claim.reviews[0]!.reviewerId }),
        note: { reason: input.reason },
        always: ["assigneeId"],
        afterWrite: async (claim) => {
          await tx.decision.create({
            data: {
              reviewId: claim.reviews[0]!.id,
              editorId: user.id,
              outcome: "RETURN",
              reason: input.reason,
            },
          });
        },
      },
    );
    return { id: input.claimId, version };
  });
}

/**
 * Reopens an approved claim for a correction: back in review with its earlier reviewer,
 * the approved verdict kept in the history; once re-approved, exports mark it corrected.
 */
export async function reopenClaim(
  user: SessionUser,
  input: { claimId: string; version: number; reason: string },
) {
  return prisma.$transaction(async (tx) => {
    // Its public page, if any, says it is under review (the reopen below refuses, and this
    // rolls back with it, when the claim cannot be reopened).
    await markUnderReview(tx, input.claimId);
    if (await needsTwoReviews(tx, input.claimId)) {
      const { version } = await reopenBothReviews(tx, user, input);
      return { id: input.claimId, version };
    }
    const { version } = await changeClaim(
      tx,
      user,
      { id: input.claimId, version: input.version },
      {
        action: "reopen",
        audit: "claim.reopen",
        select: DECISION_SELECT,
        data: (claim) => ({
          assigneeId: claim.reviews[0]?.reviewerId ?? claim.assigneeId,
          approvedById: null,
          approvedAt: null,
          correctedAt: new Date(),
        }),
        note: { reason: input.reason },
        // The verdict stays (the reviewer starts from it); the history shows what was approved.
        afterWrite: async (claim) => ({
          before: { verdictId: claim.verdictId },
          after: { verdictId: claim.verdictId },
        }),
      },
    );
    return { id: input.claimId, version };
  });
}

export const APPROVAL_PAGE_SIZE = 25;

/**
 * The approval queue, a page at a time: submitted claims, oldest pending submission first,
 * with all an editor weighs. Keyset-paged on the submission (Review_submittedAt_id_idx),
 * so the thousandth page costs what the first does.
 */
export async function listSubmittedClaims(after?: string) {
  const cursor = decodeCursor(after, "date");
  const pending = await prisma.review.findMany({
    where: {
      decision: null,
      claim: { state: "SUBMITTED" },
      ...(cursor
        ? {
            OR: [
              { submittedAt: { gt: cursor.key } },
              { submittedAt: cursor.key, id: { gt: cursor.id } },
            ],
          }
        : {}),
    },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    take: APPROVAL_PAGE_SIZE + 1,
    select: { id: true, submittedAt: true, claimId: true },
  });
  const page = pending.slice(0, APPROVAL_PAGE_SIZE);
  const last = page.at(-1);
  const [claims, total] = await Promise.all([
    prisma.claim.findMany({
      where: { id: { in: page.map((r) => r.claimId) } },
      select: {
        id: true,
        text: true,
        start: true,
        end: true,
        version: true,
        dueAt: true,
        claimantName: true,
        claimantRole: true,
        appearanceUrl: true,
        rationale: true,
        article: { select: { id: true, title: true, body: true } },
        evidence: {
          orderBy: { position: "asc" },
          select: {
            id: true,
            url: true,
            archivedUrl: true,
            title: true,
            publisher: true,
            stance: true,
            sourceType: true,
          },
        },
        reviews: {
          orderBy: { submittedAt: "desc" },
          take: 1,
          select: {
            submittedAt: true,
            rationale: true,
            reviewerId: true,
            reviewer: { select: { name: true } },
            verdict: { select: { label: true } },
          },
        },
      },
    }),
    prisma.claim.count({ where: { state: "SUBMITTED", doubleReview: false } }),
  ]);
  const order = new Map(page.map((r, i) => [r.claimId, i]));
  return {
    claims: claims
      .filter((c) => c.reviews.length > 0)
      .sort((a, b) => order.get(a.id)! - order.get(b.id)!),
    total,
    next:
      pending.length > APPROVAL_PAGE_SIZE && last
        ? encodeCursor({ key: last.submittedAt.toISOString(), id: last.id })
        : null,
  };
}

/** The last return of a claim in review, to show its reason at the top of the reviewer's form. */
export async function latestReturn(claimId: string) {
  const review = await prisma.review.findFirst({
    where: { claimId },
    orderBy: { submittedAt: "desc" },
    select: {
      decision: {
        select: {
          outcome: true,
          reason: true,
          decidedAt: true,
          editor: { select: { name: true } },
        },
      },
    },
  });
  const decision = review?.decision;
  return decision && decision.outcome === "RETURN" ? decision : null;
}
