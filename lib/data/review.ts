import "server-only";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { submissionProblems } from "@/lib/domain/lifecycle";
import type { ReviewFormInput } from "@/lib/validation/review";
import type { SessionUser } from "./users";
import { changeClaim } from "./claim-writer";

const REVIEW_SELECT = {
  shortText: true,
  claimantName: true,
  claimantRole: true,
  claimantType: true,
  appearanceUrl: true,
  appearanceDate: true,
  firstAppearanceUrl: true,
  firstAppearanceDate: true,
  verdictId: true,
  rationale: true,
} as const;

const REVIEW_FIELDS = Object.keys(REVIEW_SELECT) as Array<keyof typeof REVIEW_SELECT>;

type ReviewField = (typeof REVIEW_FIELDS)[number];

const EVIDENCE_SELECT = {
  id: true,
  position: true,
  url: true,
  archivedUrl: true,
  title: true,
  publisher: true,
  excerpt: true,
  stance: true,
  sourceType: true,
} as const;

function evidenceSummary(
  items: Array<{ url: string; stance: string; sourceType: string; title: string | null }>,
) {
  return items.map((e) => ({
    url: e.url,
    stance: e.stance,
    sourceType: e.sourceType,
    title: e.title,
  }));
}

/**
 * Saves the review form (source, proposed verdict, rationale, evidence in order) in one
 * transaction, and with `submit` then moves the claim to SUBMITTED with a Review record
 * (a second change: its own audit event and version). A claim changed since `version` is refused with who changed what,
 * so the person can merge by hand without losing what they typed.
 */
export async function saveReview(
  user: SessionUser,
  input: ReviewFormInput,
  { submit }: { submit: boolean },
) {
  return prisma.$transaction(async (tx) => {
    const values = Object.fromEntries(REVIEW_FIELDS.map((f) => [f, input[f]])) as Pick<
      ReviewFormInput,
      ReviewField
    >;
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

/** The verdict is in the vocabulary, evidence ids are the claim's, a submission is complete. */
async function checkReviewInput(
  tx: Prisma.TransactionClient,
  input: ReviewFormInput,
  evidenceIds: Set<string>,
  submit: boolean,
) {
  if (input.verdictId) {
    const verdict = await tx.verdict.findUnique({
      where: { id: input.verdictId },
      select: { retiredAt: true },
    });
    if (!verdict || verdict.retiredAt) {
      throw new AppError("VALIDATION", "That verdict is not in the vocabulary.", {
        verdictId: "Unknown verdict",
      });
    }
  }
  if (input.evidence.some((item) => item.id && !evidenceIds.has(item.id))) {
    throw new AppError("VALIDATION", "An evidence item no longer exists; reload the claim.", {
      evidence: "Unknown item",
    });
  }
  if (submit) {
    const problems = submissionProblems({
      verdictId: input.verdictId,
      rationale: input.rationale,
      evidenceCount: input.evidence.length,
    });
    if (Object.keys(problems).length > 0) {
      throw new AppError("VALIDATION", Object.values(problems).join(". ") + ".", problems);
    }
  }
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
    const data = {
      position,
      url: item.url,
      archivedUrl: item.archivedUrl,
      title: item.title,
      publisher: item.publisher,
      excerpt: item.excerpt,
      stance: item.stance,
      sourceType: item.sourceType,
    };
    if (item.id) await tx.evidence.update({ where: { id: item.id }, data });
    else await tx.evidence.create({ data: { ...data, claimId, addedById: user.id } });
  }
}

export async function getReviewForm(claimId: string) {
  return prisma.claim.findUnique({
    where: { id: claimId },
    select: {
      id: true,
      version: true,
      state: true,
      assigneeId: true,
      ...REVIEW_SELECT,
      evidence: { orderBy: { position: "asc" }, select: EVIDENCE_SELECT },
    },
  });
}
