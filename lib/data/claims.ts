import "server-only";
import { prisma } from "@/lib/db";
import { EVIDENCE_SELECT, REVIEW_SELECT } from "./review-input";

/** Everything the claim page shows of the claim itself, its review form's values included. */
export async function getClaimDetail(claimId: string) {
  return prisma.claim.findUnique({
    where: { id: claimId },
    select: {
      id: true,
      text: true,
      content: true,
      start: true,
      end: true,
      kind: true,
      origin: true,
      state: true,
      version: true,
      checkworthiness: true,
      checkworthinessBy: true,
      speakerStart: true,
      speakerEnd: true,
      cueText: true,
      cueStart: true,
      cueEnd: true,
      dismissReason: true,
      assigneeId: true,
      doubleReview: true,
      createdAt: true,
      duplicateOf: { select: { id: true, text: true } },
      approvedAt: true,
      correctedAt: true,
      approvedBy: { select: { name: true } },
      verdict: { select: { label: true } },
      reviews: { orderBy: { submittedAt: "desc" }, take: 1, select: { reviewerId: true } },
      speaker: { select: { id: true, name: true, title: true, aliases: true } },
      article: {
        select: { id: true, title: true, body: true, outlet: true, url: true, publishedAt: true },
      },
      ...REVIEW_SELECT,
      evidence: { orderBy: { position: "asc" }, select: EVIDENCE_SELECT },
    },
  });
}

/** Other open claims of the same article, for merging. */
export async function listSiblingClaims(articleId: string, claimId: string) {
  return prisma.claim.findMany({
    where: { articleId, id: { not: claimId }, state: { in: ["NEW", "IN_REVIEW"] } },
    orderBy: { start: "asc" },
    select: { id: true, text: true, start: true, end: true, version: true },
  });
}

/** A claim's state, or null when there is no such claim. */
export async function findClaimState(claimId: string) {
  const claim = await prisma.claim.findUnique({ where: { id: claimId }, select: { state: true } });
  return claim?.state ?? null;
}
