import "server-only";
import { prisma } from "@/lib/db";
import type { ClaimState } from "@/lib/domain/claims";

export async function listClaims({
  state,
  take = 100,
}: { state?: ClaimState; take?: number } = {}) {
  return prisma.claim.findMany({
    where: state ? { state } : undefined,
    orderBy: [{ checkworthiness: "desc" }, { id: "asc" }],
    take,
    select: {
      id: true,
      text: true,
      state: true,
      checkworthiness: true,
      createdAt: true,
      article: { select: { id: true, title: true } },
      speaker: { select: { name: true } },
      assignee: { select: { name: true } },
      verdict: { select: { label: true } },
    },
  });
}
