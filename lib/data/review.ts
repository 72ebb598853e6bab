import "server-only";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ReviewFormInput } from "@/lib/validation/review";
import type { SessionUser } from "./users";
import { changeClaim } from "./claim-writer";
import { saveBlindReview } from "./blind-reviews";
import {
  checkReviewInput,
  EVIDENCE_SELECT,
  evidenceFields,
  evidenceSummary,
  REVIEW_SELECT,
  reviewValues,
} from "./review-input";

/**
 * Saves the review form (source, proposed verdict, rationale, evidence in order) in one
 * transaction, and with `submit` then moves the claim to SUBMITTED with a Review record
 * (a second change: its own audit event and version). A claim changed since `version` is refused with who changed what,
 * so the person can merge by hand without losing what they typed. A claim that needs two
 * reviews keeps each reviewer's in their own blind review instead (lib/data/blind-reviews.ts),
 * `version` then being that review's.
 */
export async function saveReview(
  user: SessionUser,
  input: ReviewFormInput,
  { submit }: { submit: boolean },
) {
  // Whether a claim needs two reviews is settled while it is NEW, before anyone reviews it.
  const mode = await prisma.claim.findUnique({
    where: { id: input.claimId },
    select: { doubleReview: true },
  });
  if (mode?.doubleReview) return saveBlindReview(user, input, { submit });
  return prisma.$transaction(async (tx) => {
    const values = reviewValues(input);
    const saved = await changeClaim(
      tx,
      user,
      { id: input.claimId, version: input.version },
      {
        action: "review",
        audit: "claim.review",
        select: {
          ...REVIEW_SELECT,
          evidence: { orderBy: { position: "asc" }, select: EVIDENCE_SELECT },
        },
        check: async (claim) => {
          await checkReviewInput(tx, input, new Set(claim.evidence.map((e) => e.id)), submit);
        },
        data: () => values,
        afterWrite: async (claim) => {
          await writeEvidence(tx, user, claim.id, input.evidence);
          const before = evidenceSummary(claim.evidence);
          const after = evidenceSummary(input.evidence);
          return JSON.stringify(before) === JSON.stringify(after)
            ? {}
            : { before: { evidence: before }, after: { evidence: after } };
        },
      },
    );
    if (!submit) return { id: input.claimId, version: saved.version, state: saved.claim.state };
    const submitted = await changeClaim(
      tx,
      user,
      { id: input.claimId, version: saved.version },
      {
        action: "submit",
        audit: "claim.submit",
        afterWrite: async (claim) => {
          const review = await tx.review.create({
            data: {
              claimId: claim.id,
              reviewerId: user.id,
              verdictId: input.verdictId!,
              rationale: input.rationale!,
            },
          });
          // The verdict submitted is the one just saved: recorded, not a change.
          const verdictId = input.verdictId ?? null;
          return { before: { verdictId }, after: { reviewId: review.id, verdictId } };
        },
      },
    );
    return { id: input.claimId, version: submitted.version, state: "SUBMITTED" as const };
  });
}

/** The evidence list as submitted, in its order: kept items updated, new ones added, the rest deleted. */
async function writeEvidence(
  tx: Prisma.TransactionClient,
  user: SessionUser,
  claimId: string,
  evidence: ReviewFormInput["evidence"],
) {
  const keep = new Set(evidence.flatMap((e) => (e.id ? [e.id] : [])));
  await tx.evidence.deleteMany({ where: { claimId, id: { notIn: [...keep] } } });
  for (const [position, item] of evidence.entries()) {
    const data = { position, ...evidenceFields(item) };
    if (item.id) await tx.evidence.update({ where: { id: item.id }, data });
    else await tx.evidence.create({ data: { ...data, claimId, addedById: user.id } });
  }
}
