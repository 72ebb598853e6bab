import "server-only";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { languageName } from "@/lib/domain/language";
import { AppError } from "@/lib/errors";
import type { SessionUser } from "./users";
import { recordAudit } from "./audit";
import { insertReextractItems } from "./reextraction";

/**
 * A reviewer's correction of an article's language, and its claims extracted again in it
 * by a worker (claims anyone has touched are kept as they are: lib/data/reextraction.ts).
 * One transaction: the article's row locked, the change, its audit event and the
 * re-extraction item. Returns whether the re-extraction was queued (not when the
 * language is unchanged).
 */
export async function setArticleLanguage(
  user: SessionUser,
  input: { articleId: string; language: string },
): Promise<{ language: string; name: string; queued: boolean }> {
  return prisma.$transaction(async (tx) => {
    const [article] = await tx.$queryRaw<Array<{ language: string; languageSource: string }>>`
      SELECT language, "languageSource" FROM "Article" WHERE id = ${input.articleId}::uuid FOR UPDATE`;
    if (!article) throw new AppError("NOT_FOUND", "This article no longer exists.");
    const result = { language: input.language, name: languageName(input.language) };
    if (article.language === input.language && article.languageSource === "REVIEWER") {
      return { ...result, queued: false };
    }
    await tx.article.update({
      where: { id: input.articleId },
      data: { language: input.language, languageSource: "REVIEWER" },
    });
    const actor = { userId: user.id };
    const queued =
      article.language === input.language
        ? 0
        : await insertReextractItems(tx, Prisma.sql`a.id = ${input.articleId}::uuid`, actor);
    await recordAudit(tx, {
      actorId: user.id,
      action: "article.language",
      entity: "Article",
      entityId: input.articleId,
      before: { language: article.language, source: article.languageSource },
      after: { language: input.language, reextract: queued > 0 },
    });
    return { ...result, queued: queued > 0 };
  });
}
