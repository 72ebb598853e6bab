import "server-only";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { SessionUser } from "./users";
import { recordAudit } from "./audit";

/** A comment on a claim, in any state (a comment does not change the claim or its version). */
export async function addComment(user: SessionUser, input: { claimId: string; body: string }) {
  return prisma.$transaction(async (tx) => {
    const claim = await tx.claim.findUnique({ where: { id: input.claimId }, select: { id: true } });
    if (!claim) throw new AppError("NOT_FOUND", "This claim no longer exists.");
    const comment = await tx.comment.create({
      data: { claimId: claim.id, authorId: user.id, body: input.body },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "comment.create",
      entity: "Comment",
      entityId: comment.id,
      after: { claimId: claim.id, body: input.body },
    });
    return { id: comment.id };
  });
}

export async function listComments(claimId: string) {
  return prisma.comment.findMany({
    where: { claimId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      body: true,
      createdAt: true,
      author: { select: { name: true, role: true } },
    },
  });
}
