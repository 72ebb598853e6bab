import "server-only";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { SessionUser } from "./users";
import { changeClaim, type ClaimChange } from "./claim-writer";

/**
 * Dismissal (not a claim, not check-worthy, a duplicate), one claim or many, all or none:
 * the same change, audit event and refusals whether from the claim page, the queue's bulk
 * action, "Link as duplicate" or a merge.
 */
export function dismissal(
  reason: string,
  duplicateOfId: string | null = null,
): ClaimChange<Record<never, never>> {
  return {
    action: "dismiss",
    audit: "claim.dismiss",
    data: () => ({ dismissReason: reason, duplicateOfId }),
    always: ["dismissReason", "duplicateOfId"],
  };
}

export async function dismissClaims(
  user: SessionUser,
  input: {
    claims: Array<{ id: string; version: number }>;
    reason: string;
    duplicateOf?: string | null;
  },
) {
  return prisma.$transaction(async (tx) => {
    const duplicateOfId = input.duplicateOf ?? null;
    if (duplicateOfId) await checkOriginal(tx, duplicateOfId, input.claims);
    for (const ref of input.claims) {
      await changeClaim(tx, user, ref, {
        ...dismissal(input.reason, duplicateOfId),
        noun: input.claims.length > 1 ? "A selected claim" : "This claim",
      });
    }
    return { dismissed: input.claims.length };
  });
}

async function checkOriginal(
  tx: Prisma.TransactionClient,
  duplicateOfId: string,
  claims: Array<{ id: string }>,
) {
  if (claims.some((c) => c.id === duplicateOfId)) {
    throw new AppError("VALIDATION", "A claim cannot duplicate itself.", {
      duplicateOf: "The same claim",
    });
  }
  if (!(await tx.claim.findUnique({ where: { id: duplicateOfId }, select: { id: true } }))) {
    throw new AppError("VALIDATION", "There is no claim at that address.", {
      duplicateOf: "Unknown claim",
    });
  }
}

/** One claim: the claim page's "Dismiss" and "Link as duplicate". */
export async function dismissClaim(
  user: SessionUser,
  input: { claimId: string; version: number; reason: string; duplicateOf?: string | null },
) {
  const { claimId, version, ...rest } = input;
  await dismissClaims(user, { claims: [{ id: claimId, version }], ...rest });
  return { id: claimId };
}
