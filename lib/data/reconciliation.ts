import "server-only";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { ReconcileInput } from "@/lib/validation/double-review";
import type { SessionUser } from "./users";
import { changeClaim, requireRoleFor } from "./claim-writer";
import { sourceValues } from "@/lib/domain/review-fields";
import { evidenceFields, requireVocabularyVerdict } from "./review-input";
import { BLIND_SELECT, evidenceOf } from "./blind-reviews";

type Tx = Prisma.TransactionClient;

/**
 * An editor who wrote neither of a claim's two blind reviews (lib/data/blind-reviews.ts)
 * reconciles them once both are in: adopts one, writes the final verdict drawing on both, or
 * returns both with a reason. Each decision is a Reconciliation row, with the two verdicts
 * as they stood.
 */

/** Both reviews, in the order they were taken; refuses unless both are submitted. */
async function submittedPair(tx: Tx, claimId: string) {
  const reviews = await tx.blindReview.findMany({
    where: { claimId },
    orderBy: [{ takenAt: "asc" }, { id: "asc" }],
    select: BLIND_SELECT,
  });
  if (reviews.length !== 2 || reviews.some((r) => !r.submittedAt || !r.verdictId)) {
    throw new AppError("INVALID_STATE", "Both reviews must be submitted first.");
  }
  return reviews as [(typeof reviews)[number], (typeof reviews)[number]];
}

const snapshot = (pair: Awaited<ReturnType<typeof submittedPair>>) => ({
  firstReviewId: pair[0].id,
  secondReviewId: pair[1].id,
  firstVerdictId: pair[0].verdictId!,
  secondVerdictId: pair[1].verdictId!,
});

/**
 * The editor's decision on two submitted reviews: adopt one (its verdict, rationale, source
 * and evidence become the claim's), or write the final verdict and rationale (the source of
 * the review named, the evidence of both, one copy of each address). Either way the claim
 * is APPROVED with the editor as approver, the two verdicts as they stood are recorded, and
 * the audit event is written in the same transaction.
 */
export async function reconcileClaim(user: SessionUser, input: ReconcileInput) {
  requireRoleFor("reconcile", user);
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    const sourceId = input.outcome === "ADOPT" ? input.reviewId : input.sourceReviewId;
    let pair: Awaited<ReturnType<typeof submittedPair>>;
    let reconciliationId = "";
    const source = () => pair.find((r) => r.id === sourceId)!;
    const final = () =>
      input.outcome === "ADOPT"
        ? { verdictId: source().verdictId!, rationale: source().rationale }
        : { verdictId: input.verdictId, rationale: input.rationale };
    const { version } = await changeClaim(
      tx,
      user,
      { id: input.claimId, version: input.version },
      {
        action: "reconcile",
        audit: "claim.reconcile",
        check: async () => {
          pair = await submittedPair(tx, input.claimId);
          if (!pair.some((r) => r.id === sourceId)) {
            throw new AppError("VALIDATION", "That review is not one of this claim's.", {
              [input.outcome === "ADOPT" ? "reviewId" : "sourceReviewId"]: "Unknown review",
            });
          }
          if (input.outcome === "FINAL") await requireVocabularyVerdict(tx, input.verdictId);
        },
        data: () => ({
          ...sourceValues(source()),
          ...final(),
          approvedById: user.id,
          approvedAt: now,
        }),
        always: ["verdictId"],
        afterWrite: async (claim) => {
          const from = source();
          const other = pair.find((r) => r.id !== sourceId)!;
          const withAuthor = (r: typeof from) =>
            evidenceOf(r).map((e) => ({ ...e, addedById: r.reviewerId }));
          const evidence =
            input.outcome === "ADOPT"
              ? withAuthor(from)
              : mergeEvidence(withAuthor(from), withAuthor(other));
          await tx.evidence.deleteMany({ where: { claimId: claim.id } });
          await tx.evidence.createMany({
            data: evidence.map((e, position) => ({
              claimId: claim.id,
              position,
              ...evidenceFields(e),
              addedById: e.addedById,
            })),
          });
          const reconciliation = await tx.reconciliation.create({
            data: {
              claimId: claim.id,
              editorId: user.id,
              outcome: input.outcome,
              adoptedReviewId: input.outcome === "ADOPT" ? from.id : null,
              ...final(),
              ...snapshot(pair),
              decidedAt: now,
            },
            select: { id: true },
          });
          reconciliationId = reconciliation.id;
          return {
            after: {
              outcome: input.outcome,
              reconciliationId,
              sourceReviewId: from.id,
              evidence: evidence.map((e) => ({ url: e.url, stance: e.stance })),
            },
          };
        },
      },
    );
    return { id: input.claimId, version, reconciliationId };
  });
}

/** The first list, then the second's items whose address the first does not have. */
function mergeEvidence<E extends { url: string }>(first: E[], second: E[]): E[] {
  const seen = new Set(first.map((e) => e.url));
  return [...first, ...second.filter((e) => !seen.has(e.url))].slice(0, 100);
}

/** Both reviews back with their reviewers, to revise (each keeps its first, blind verdict). */
async function reopenBlindReviews(tx: Tx, claimId: string) {
  await tx.blindReview.updateMany({
    where: { claimId },
    data: { submittedAt: null, version: { increment: 1 } },
  });
}

/**
 * Returns both submitted reviews to their reviewers with a reason (shown at the top of both
 * forms); each revises their own. Called by returnClaim for claims needing two reviews.
 */
export async function returnBothReviews(
  tx: Tx,
  user: SessionUser,
  input: { claimId: string; version: number; reason: string },
) {
  return changeClaim(
    tx,
    user,
    { id: input.claimId, version: input.version },
    {
      action: "return",
      audit: "claim.return",
      note: { reason: input.reason },
      afterWrite: async (claim) => {
        const pair = await submittedPair(tx, claim.id);
        await reopenBlindReviews(tx, claim.id);
        await tx.reconciliation.create({
          data: {
            claimId: claim.id,
            editorId: user.id,
            outcome: "RETURN",
            reason: input.reason,
            ...snapshot(pair),
          },
        });
      },
    },
  );
}

/** Reopens an approved double-reviewed claim: both reviewers revise their reviews. */
export async function reopenBothReviews(
  tx: Tx,
  user: SessionUser,
  input: { claimId: string; version: number; reason: string },
) {
  return changeClaim(
    tx,
    user,
    { id: input.claimId, version: input.version },
    {
      action: "reopen",
      audit: "claim.reopen",
      data: () => ({ approvedById: null, approvedAt: null, correctedAt: new Date() }),
      note: { reason: input.reason },
      afterWrite: async (claim) => {
        await reopenBlindReviews(tx, claim.id);
        return { before: { verdictId: claim.verdictId }, after: { verdictId: claim.verdictId } };
      },
    },
  );
}

/** Claims whose two reviews are both in, waiting for an editor: oldest submission first. */
export async function listAwaitingReconciliation(limit = 50) {
  const [claims, total] = await Promise.all([
    prisma.claim.findMany({
      where: { state: "SUBMITTED", doubleReview: true },
      orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
      take: limit,
      select: {
        id: true,
        text: true,
        updatedAt: true,
        article: { select: { id: true, title: true } },
        blindReviews: {
          orderBy: [{ takenAt: "asc" }, { id: "asc" }],
          select: { reviewer: { select: { name: true } }, verdict: { select: { label: true } } },
        },
      },
    }),
    prisma.claim.count({ where: { state: "SUBMITTED", doubleReview: true } }),
  ]);
  return { claims, total };
}
