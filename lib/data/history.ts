import "server-only";
import { prisma } from "@/lib/db";

/**
 * A claim's audit trail, oldest first. Every change of a claim, its evidence included, is
 * one "Claim" event (lib/data/claim-writer.ts); nothing writes events of its own for evidence.
 */
export async function listClaimHistory(claimId: string) {
  return prisma.auditEvent.findMany({
    where: { entity: "Claim", entityId: claimId },
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
