import "server-only";
import { prisma } from "@/lib/db";
import { visibleBlindReviewIds } from "./blind-reviews";

/**
 * A claim's audit trail, oldest first, as `viewerId` may read it. Every change of a claim,
 * its evidence included, is one "Claim" event (lib/data/claim-writer.ts); a claim needing
 * two reviews adds its blind reviews' events, each shown only to its author until both
 * reviews are in (lib/data/blind-reviews.ts).
 */
export async function listClaimHistory(
  claimId: string,
  viewerId: string,
  { doubleReview = true }: { doubleReview?: boolean } = {},
) {
  // Only a claim needing two reviews has blind reviews: others skip the lookup.
  const blind = doubleReview ? await visibleBlindReviewIds(claimId, viewerId) : [];
  return prisma.auditEvent.findMany({
    where: {
      OR: [
        { entity: "Claim", entityId: claimId },
        ...(blind.length ? [{ entity: "BlindReview", entityId: { in: blind } }] : []),
      ],
    },
    orderBy: { id: "asc" },
    select: {
      id: true,
      action: true,
      at: true,
      before: true,
      after: true,
      actorLabel: true,
      actor: { select: { name: true } },
    },
  });
}
