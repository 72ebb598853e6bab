import "server-only";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { allows } from "@/lib/domain/lifecycle";
import type { SessionUser } from "./users";
import { recordAudit } from "./audit";
import { changeClaim } from "./claim-writer";

/**
 * Corrects a speaker's name once for the article (the first mention misspelled, say): the
 * speaker's row, and the claimant of each of its claims that still carries the old name and
 * that this person may edit (new, or in review by them, or any in review for an editor);
 * the others (submitted, approved, someone else's) keep theirs, and are counted. Audited:
 * one event for the speaker, one per claim changed.
 */
export async function renameSpeaker(user: SessionUser, input: { speakerId: string; name: string }) {
  return prisma.$transaction(async (tx) => {
    const speaker = await tx.speaker.findUnique({
      where: { id: input.speakerId },
      select: { id: true, articleId: true, name: true, aliases: true },
    });
    if (!speaker) throw new AppError("NOT_FOUND", "This speaker no longer exists.");
    if (speaker.name === input.name) return { changed: 0, kept: 0 };
    const taken = await tx.speaker.findUnique({
      where: { articleId_name: { articleId: speaker.articleId, name: input.name } },
      select: { id: true },
    });
    if (taken) {
      throw new AppError("VALIDATION", `Another speaker of this article is called ${input.name}.`, {
        name: "Already a speaker of this article",
      });
    }
    await tx.speaker.update({
      where: { id: speaker.id },
      data: {
        name: input.name,
        aliases: [...new Set([...speaker.aliases, speaker.name])],
      },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "speaker.rename",
      entity: "Speaker",
      entityId: speaker.id,
      before: { name: speaker.name },
      after: { name: input.name },
    });
    const claims = await tx.claim.findMany({
      where: { speakerId: speaker.id, claimantName: speaker.name },
      select: { id: true, version: true, state: true, assigneeId: true },
    });
    let changed = 0;
    for (const claim of claims) {
      if (!allows("edit", { role: user.role, userId: user.id }, claim)) continue;
      await changeClaim(tx, user, claim, {
        action: "edit",
        audit: "claim.claimant",
        select: { claimantName: true },
        data: () => ({ claimantName: input.name }),
        note: { speakerRenamed: speaker.id },
      });
      changed++;
    }
    return { changed, kept: claims.length - changed };
  });
}
