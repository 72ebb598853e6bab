import "server-only";
import { decodeCursor, encodeCursor } from "@/lib/validation/queue";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { decisionRefusal, type Decision } from "@/lib/domain/lifecycle";
import type { SessionUser } from "./users";
import { recordAudit } from "./audit";

async function claimForDecision(
  tx: Prisma.TransactionClient,
  user: SessionUser,
  decision: Decision,
  claimId: string,
  version: number,
) {
  const claim = await tx.claim.findUnique({
    where: { id: claimId },
    select: {
      id: true,
      state: true,
      version: true,
      verdictId: true,
      assigneeId: true,
      approvedById: true,
      approvedAt: true,
      reviews: {
        orderBy: { submittedAt: "desc" },
        take: 1,
        select: {
          id: true,
          reviewerId: true,
          verdictId: true,
          rationale: true,
          decision: { select: { id: true } },
        },
      },
    },
  });
  if (!claim) throw new AppError("NOT_FOUND", "This claim no longer exists.");
  if (claim.version !== version) {
    throw new AppError(
      "CONFLICT",
      "This claim changed since you opened it; reload to see the current version.",
    );
  }
  const review = claim.reviews[0] ?? null;
  const refusal = decisionRefusal(
    decision,
    { role: user.role, userId: user.id },
    {
      state: claim.state,
      submittedBy: review?.reviewerId ?? null,
    },
  );
  if (refusal) {
    const wrongState =
      decision === "reopen" ? claim.state !== "APPROVED" : claim.state !== "SUBMITTED";
    throw new AppError(
      user.role !== "REVIEWER" && wrongState ? "INVALID_STATE" : "FORBIDDEN",
      refusal,
    );
  }
  return { claim, review };
}

async function bump(
  tx: Prisma.TransactionClient,
  claimId: string,
  version: number,
  data: Prisma.ClaimUncheckedUpdateManyInput,
) {
  const { count } = await tx.claim.updateMany({
    where: { id: claimId, version },
    data: { ...data, version: version + 1 },
  });
  if (count !== 1)
    throw new AppError(
      "CONFLICT",
      "This claim changed at the same moment; reload and decide again.",
    );
}

/** Approves the submitted verdict: it becomes the claim's verdict, with approver and time. */
export async function approveClaim(user: SessionUser, input: { claimId: string; version: number }) {
  return prisma.$transaction(async (tx) => {
    const { claim, review } = await claimForDecision(
      tx,
      user,
      "approve",
      input.claimId,
      input.version,
    );
    if (!review || review.decision)
      throw new AppError("INVALID_STATE", "There is no pending submission to approve.");
    const now = new Date();
    await bump(tx, claim.id, claim.version, {
      state: "APPROVED",
      verdictId: review.verdictId,
      approvedById: user.id,
      approvedAt: now,
    });
    await tx.decision.create({
      data: { reviewId: review.id, editorId: user.id, outcome: "APPROVE", decidedAt: now },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "claim.approve",
      entity: "Claim",
      entityId: claim.id,
      before: { state: claim.state, version: claim.version },
      after: {
        state: "APPROVED",
        verdictId: review.verdictId,
        reviewId: review.id,
        version: claim.version + 1,
      },
    });
    return { id: claim.id, version: claim.version + 1 };
  });
}

/** Sends the submission back to its reviewer with a reason, shown at the top of their form. */
export async function returnClaim(
  user: SessionUser,
  input: { claimId: string; version: number; reason: string },
) {
  return prisma.$transaction(async (tx) => {
    const { claim, review } = await claimForDecision(
      tx,
      user,
      "return",
      input.claimId,
      input.version,
    );
    if (!review || review.decision)
      throw new AppError("INVALID_STATE", "There is no pending submission to return.");
    await bump(tx, claim.id, claim.version, { state: "IN_REVIEW", assigneeId: review.reviewerId });
    await tx.decision.create({
      data: { reviewId: review.id, editorId: user.id, outcome: "RETURN", reason: input.reason },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "claim.return",
      entity: "Claim",
      entityId: claim.id,
      before: { state: claim.state, version: claim.version },
      after: {
        state: "IN_REVIEW",
        reason: input.reason,
        assigneeId: review.reviewerId,
        version: claim.version + 1,
      },
    });
    return { id: claim.id, version: claim.version + 1 };
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
    const { claim, review } = await claimForDecision(
      tx,
      user,
      "reopen",
      input.claimId,
      input.version,
    );
    await bump(tx, claim.id, claim.version, {
      state: "IN_REVIEW",
      assigneeId: review?.reviewerId ?? claim.assigneeId,
      approvedById: null,
      approvedAt: null,
      correctedAt: new Date(),
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "claim.reopen",
      entity: "Claim",
      entityId: claim.id,
      before: {
        state: claim.state,
        verdictId: claim.verdictId,
        approvedById: claim.approvedById,
        approvedAt: claim.approvedAt?.toISOString() ?? null,
        version: claim.version,
      },
      after: { state: "IN_REVIEW", reason: input.reason, version: claim.version + 1 },
    });
    return { id: claim.id, version: claim.version + 1 };
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
    prisma.claim.count({ where: { state: "SUBMITTED" } }),
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
