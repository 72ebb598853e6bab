import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import {
  hashRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  RECOVERY_CODE_COUNT,
  sealSecret,
} from "@/lib/auth/two-factor";
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

/**
 * Turns two-factor sign-in on for a user as enrolment would (the secret sealed with the app's
 * secret, hashed recovery codes), for tests that sign in as someone who has it.
 */
export async function enrolSecondFactor(
  prisma: PrismaClient,
  userId: string,
  appSecret: string,
  recoveryCodeCount = RECOVERY_CODE_COUNT,
) {
  const secret = newTotpSecret();
  const recoveryCodes = newRecoveryCodes(recoveryCodeCount);
  await prisma.user.update({
    where: { id: userId },
    data: { totpSecret: sealSecret(secret, appSecret), totpEnabledAt: new Date() },
  });
  await prisma.recoveryCode.createMany({
    data: recoveryCodes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })),
  });
  return { secret, recoveryCodes };
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
    claimantName = null,
    claimantRole = null,
  }: {
    articleId?: string;
    state?: "NEW" | "IN_REVIEW" | "SUBMITTED" | "APPROVED" | "DISMISSED";
    assigneeId?: string | null;
    checkworthiness?: number;
    text?: string;
    /** The claimant extraction suggested (a person, with the role when given). */
    claimantName?: string | null;
    claimantRole?: string | null;
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
      claimantName,
      claimantRole,
      claimantType: claimantName ? "PERSON" : null,
    },
  });
}

/**
 * A claim reviewed and approved with everything publishing asks for (a short form, a
 * verdict, a claimant, where it appeared, one evidence item): ready for publishClaim.
 */
export async function createPublishableClaim(
  prisma: PrismaClient,
  {
    shortText = "The bridge cost the city $4 million in 2023",
    rationale = "The city's budget report for 2023 lists $3.1 million spent on the bridge.",
    approvedById = null,
  }: { shortText?: string; rationale?: string; approvedById?: string | null } = {},
) {
  const claim = await createClaim(prisma, { state: "APPROVED" });
  const verdict =
    (await prisma.verdict.findFirst({ where: { retiredAt: null }, orderBy: { order: "asc" } })) ??
    (await prisma.verdict.create({
      data: {
        key: `false-${randomBytes(3).toString("hex")}`,
        label: "False",
        ratingValue: 1,
        order: 99,
      },
    }));
  await prisma.evidence.create({
    data: {
      claimId: claim.id,
      url: "https://city.example/budget-2023.pdf",
      title: "Budget report 2023",
      publisher: "City of Example",
      stance: "REFUTES",
      sourceType: "PRIMARY",
      position: 0,
    },
  });
  return prisma.claim.update({
    where: { id: claim.id },
    data: {
      shortText,
      rationale,
      verdictId: verdict.id,
      claimantName: "Mayor Ana Costa",
      claimantRole: "Mayor",
      claimantType: "PERSON",
      appearanceUrl: "https://news.example/2026/bridge",
      appearanceDate: new Date("2026-11-30T00:00:00Z"),
      approvedById,
      approvedAt: new Date(),
    },
  });
}

/**
 * A publication of a claim written directly, as publishing writes it but without its
 * checks (tests that need a public page and not the publishing itself).
 */
export async function createPublication(
  prisma: PrismaClient,
  {
    claimId,
    verdictId,
    status = "PUBLISHED",
    slug = `fact-check-${randomBytes(4).toString("hex")}`,
  }: {
    claimId: string;
    verdictId: string;
    status?: "PUBLISHED" | "UNDER_REVIEW" | "UNPUBLISHED";
    slug?: string;
  },
) {
  const now = new Date();
  return prisma.publication.create({
    data: {
      claimId,
      slug,
      status,
      headline: "The bridge did not cost four million",
      claimReviewed: "The bridge cost the city $4 million in 2023",
      quote: "The bridge cost the city $4 million in 2023, the mayor said.",
      claimantName: "Mayor Ana Costa",
      appearanceUrl: "https://news.example/2026/bridge",
      verdictId,
      verdictLabel: "False",
      verdictRating: 1,
      rationale: "The city's budget report for 2023 lists $3.1 million spent on the bridge.",
      evidence: [],
      reviewedAt: now,
      publishedAt: now,
      updatedAt: now,
      ...(status === "UNPUBLISHED" ? { unpublishedAt: now } : {}),
    },
  });
}
