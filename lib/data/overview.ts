import "server-only";
import { prisma } from "@/lib/db";
import { CLAIM_STATES, type ClaimState } from "@/lib/domain/claims";

export async function countClaimsByState(): Promise<Record<ClaimState, number>> {
  const groups = await prisma.claim.groupBy({ by: ["state"], _count: { _all: true } });
  const counts = Object.fromEntries(CLAIM_STATES.map((s) => [s, 0])) as Record<ClaimState, number>;
  for (const g of groups) counts[g.state] = g._count._all;
  return counts;
}

export async function countArticles(): Promise<number> {
  return prisma.article.count();
}
