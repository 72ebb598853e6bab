import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/domain/roles";
import { matchFields } from "@/lib/domain/matching";

/** Test and seed factories: each call makes distinct rows, so tests never collide. */
export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${randomBytes(5).toString("hex")}@claimdesk.test`;
}

export async function createUser(
  prisma: PrismaClient,
  {
    role = "REVIEWER",
    name,
    email = uniqueEmail(role.toLowerCase()),
    password = "correct horse battery staple",
    disabled = false,
  }: { role?: Role; name?: string; email?: string; password?: string; disabled?: boolean } = {},
) {
  const user = await prisma.user.create({
    data: {
      email: email.toLowerCase(),
      name: name ?? `Test ${role.toLowerCase()} ${email.slice(0, email.indexOf("@"))}`,
      role,
      passwordHash: await hashPassword(password),
      disabledAt: disabled ? new Date() : null,
    },
  });
  return { ...user, password };
}

/** An article with a body unique to this call (so duplicate detection never merges two). */
export async function createArticle(
  prisma: PrismaClient,
  { title = "Test article", body }: { title?: string; body?: string } = {},
) {
  const text =
    body ??
    `The city spent $4 million on the bridge in 2023, officials said. The work took 3 years (${randomBytes(6).toString("hex")}).`;
  return prisma.article.create({
    data: { title, body: text, contentHash: `test-${randomBytes(16).toString("hex")}` },
  });
}

/** A claim over the first sentence of an article, in any state. */
export async function createClaim(
  prisma: PrismaClient,
  {
    articleId,
    state = "NEW",
    assigneeId = null,
    checkworthiness = 0.5,
    text,
  }: {
    articleId?: string;
    state?: "NEW" | "IN_REVIEW" | "SUBMITTED" | "APPROVED" | "DISMISSED";
    assigneeId?: string | null;
    checkworthiness?: number;
    text?: string;
  } = {},
) {
  const article = articleId
    ? await prisma.article.findUniqueOrThrow({ where: { id: articleId } })
    : await createArticle(prisma);
  const end = article.body.indexOf(".") + 1 || article.body.length;
  const claimText = text ?? article.body.slice(0, end);
  return prisma.claim.create({
    data: {
      articleId: article.id,
      text: claimText,
      ...matchFields(claimText),
      start: 0,
      end,
      kind: "INDIRECT_QUOTE",
      state,
      assigneeId,
      checkworthiness,
    },
  });
}
