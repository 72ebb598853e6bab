import "server-only";
import { prisma, type PrismaClient } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import {
  checklistProblems,
  correctionNeeded,
  publishChecklist,
  slugFor,
  type ChecklistItem,
} from "@/lib/domain/publishing";
import { settings } from "@/lib/settings";
import { recordEvent } from "./outbox";
import { factCheckUrl } from "./public";
import { changeClaim } from "./claim-writer";
import type { SessionUser } from "./users";

/**
 * Publishing: an editor makes an approved claim's review a public fact-check page. The
 * page shows a copy of the review taken at publication (Publication), never the claim
 * itself, so a later draft or a reopened review stays off it until it is published again.
 * Every publication, republication and withdrawal is a lifecycle action of the claim
 * (checked, versioned and audited by the claim writer), in one transaction.
 */

/** What publishing reads of a claim: the checklist's facts and the page's copy. */
const PUBLISH_SELECT = {
  shortText: true,
  content: true,
  text: true,
  quoteExact: true,
  quotePrefix: true,
  quoteSuffix: true,
  claimantName: true,
  claimantRole: true,
  claimantType: true,
  appearanceUrl: true,
  appearanceDate: true,
  firstAppearanceUrl: true,
  rationale: true,
  approvedAt: true,
  verdict: { select: { id: true, label: true, ratingValue: true, retiredAt: true } },
  article: { select: { title: true, url: true, outlet: true, publishedAt: true } },
  evidence: {
    orderBy: { position: "asc" },
    select: {
      url: true,
      archivedUrl: true,
      title: true,
      publisher: true,
      stance: true,
      sourceType: true,
    },
  },
  approvedBy: { select: { name: true } },
  reviews: {
    orderBy: { submittedAt: "desc" },
    take: 1,
    select: { reviewer: { select: { name: true } } },
  },
  publication: {
    select: {
      id: true,
      slug: true,
      status: true,
      verdictId: true,
      verdictLabel: true,
      rationale: true,
    },
  },
} as const satisfies Prisma.ClaimSelect;

type PublishRead = Prisma.ClaimGetPayload<{ select: typeof PUBLISH_SELECT }>;

function checklistOf(claim: PublishRead): ChecklistItem[] {
  return publishChecklist({
    shortText: claim.shortText,
    verdict: claim.verdict
      ? { label: claim.verdict.label, retired: claim.verdict.retiredAt !== null }
      : null,
    claimantName: claim.claimantName,
    appearanceUrl: claim.appearanceUrl,
    evidenceCount: claim.evidence.length,
  });
}

/** The claim page's publishing card: the checklist, and the publication if there is one. */
export async function publishingOf(claimId: string, db: PrismaClient = prisma) {
  const claim = await db.claim.findUnique({ where: { id: claimId }, select: PUBLISH_SELECT });
  if (!claim) return null;
  const publication = claim.publication
    ? await db.publication.findUnique({
        where: { id: claim.publication.id },
        select: {
          slug: true,
          status: true,
          headline: true,
          summary: true,
          publishedAt: true,
          updatedAt: true,
          verdictLabel: true,
          unpublishedAt: true,
        },
      })
    : null;
  return {
    checklist: checklistOf(claim),
    /** A republication changes the verdict or rationale readers saw: a correction is due. */
    correctionDue:
      claim.publication !== null &&
      claim.verdict !== null &&
      correctionNeeded(claim.publication, {
        verdictId: claim.verdict.id,
        rationale: claim.rationale ?? "",
      }),
    suggestedHeadline: claim.shortText ?? claim.content ?? claim.text,
    publication,
  };
}

export interface PublishInput {
  claimId: string;
  version: number;
  headline: string;
  summary?: string;
  /** Required when the verdict or the rationale differ from the published ones. */
  correction?: string;
}

/**
 * Publishes an approved claim (or publishes it again): refuses, with every reason, a
 * claim that fails the checklist, and a republication that changes what readers saw
 * without saying why (the correction is then recorded and shown on the page).
 */
export async function publishClaim(
  user: SessionUser,
  input: PublishInput,
  db: PrismaClient = prisma,
) {
  return db.$transaction(async (tx) => {
    let slug = "";
    const { version } = await changeClaim(
      tx,
      user,
      { id: input.claimId, version: input.version },
      {
        action: "publish",
        audit: "claim.publish",
        select: PUBLISH_SELECT,
        check: (claim) => {
          const problems = checklistProblems(checklistOf(claim));
          if (problems.length > 0) {
            throw new AppError(
              "VALIDATION",
              `Not ready to publish: ${problems.join(" ")}`,
              Object.fromEntries(
                checklistOf(claim)
                  .filter((item) => !item.ok)
                  .map((item) => [item.key, item.problem ?? item.label]),
              ),
            );
          }
          const published = claim.publication;
          if (
            published &&
            published.status !== "UNPUBLISHED" &&
            correctionNeeded(published, {
              verdictId: claim.verdict!.id,
              rationale: claim.rationale ?? "",
            }) &&
            !input.correction?.trim()
          ) {
            throw new AppError(
              "VALIDATION",
              "The verdict or the rationale differ from the published ones: say what was corrected and why.",
              { correction: "Say what was corrected and why; readers see it on the page" },
            );
          }
        },
        afterWrite: async (claim) => {
          const written = await writePublication(tx, user, claim, input);
          slug = written.slug;
          // Told with the change: the reviewers, and the webhooks that follow publishing.
          await recordEvent(tx, {
            name: written.correction ? "claim.corrected" : "claim.published",
            claimId: claim.id,
            actorId: user.id,
            payload: {
              assigneeId: claim.assigneeId,
              verdictId: claim.verdict!.id,
              url: factCheckUrl(written.slug),
              ...(written.correction ? { reason: written.correction } : {}),
            },
          });
          return {
            after: {
              publication: written.slug,
              ...(written.correction ? { correction: written.correction } : {}),
            },
          };
        },
      },
    );
    return { slug, version };
  });
}

/** The page's copy of the claim's review, written (first publication) or replaced. */
async function writePublication(
  tx: Prisma.TransactionClient,
  user: SessionUser,
  claim: PublishRead & { id: string },
  input: PublishInput,
): Promise<{ slug: string; correction: string | null }> {
  const now = new Date();
  const verdict = claim.verdict!;
  const bylines = settings().CLAIMDESK_PUBLIC_BYLINES;
  const reviewer = claim.reviews[0]?.reviewer.name;
  const copy = {
    status: "PUBLISHED" as const,
    headline: input.headline.trim(),
    summary: input.summary?.trim() || null,
    claimReviewed: claim.shortText!.trim(),
    quote: claim.quoteExact ?? claim.text,
    quotePrefix: claim.quotePrefix,
    quoteSuffix: claim.quoteSuffix,
    articleTitle: claim.article?.title ?? null,
    articleUrl: claim.article?.url ?? null,
    articleOutlet: claim.article?.outlet ?? null,
    articlePublishedAt: claim.article?.publishedAt ?? null,
    claimantName: claim.claimantName!.trim(),
    claimantRole: claim.claimantRole,
    claimantType: claim.claimantType,
    appearanceUrl: claim.appearanceUrl!,
    appearanceDate: claim.appearanceDate,
    firstAppearanceUrl: claim.firstAppearanceUrl,
    verdictId: verdict.id,
    verdictLabel: verdict.label,
    verdictRating: verdict.ratingValue,
    rationale: claim.rationale ?? "",
    evidence: claim.evidence,
    byline: bylines
      ? [
          reviewer && `Reviewed by ${reviewer}`,
          claim.approvedBy && `approved by ${claim.approvedBy.name}`,
        ]
          .filter(Boolean)
          .join(", ") || null
      : null,
    reviewedAt: claim.approvedAt ?? now,
    updatedAt: now,
    unpublishedAt: null,
    unpublishReason: null,
    publishedById: user.id,
  };
  const previous = claim.publication;
  if (!previous) {
    const slug = slugFor(copy.headline, claim.id);
    await tx.publication.create({
      data: { ...copy, claimId: claim.id, slug, publishedAt: now },
    });
    return { slug, correction: null };
  }
  const corrected =
    previous.status !== "UNPUBLISHED" &&
    correctionNeeded(previous, { verdictId: verdict.id, rationale: copy.rationale });
  await tx.publication.update({
    where: { id: previous.id },
    data: { ...copy, version: { increment: 1 } },
  });
  if (!corrected) return { slug: previous.slug, correction: null };
  const note = input.correction!.trim();
  await tx.publicationCorrection.create({
    data: {
      publicationId: previous.id,
      correctedAt: now,
      fromVerdictLabel: previous.verdictLabel,
      toVerdictLabel: verdict.label,
      note,
    },
  });
  return { slug: previous.slug, correction: note };
}

/**
 * Withdraws a published fact-check: its address then answers 410 with a short notice
 * (never a silent 404); publishing it again brings the page back at the same address.
 */
export async function unpublishClaim(
  user: SessionUser,
  input: { claimId: string; version: number; reason: string },
  db: PrismaClient = prisma,
) {
  return db.$transaction(async (tx) => {
    const { version } = await changeClaim(
      tx,
      user,
      { id: input.claimId, version: input.version },
      {
        action: "unpublish",
        audit: "claim.unpublish",
        select: { publication: { select: { id: true, slug: true, status: true } } },
        check: (claim) => {
          if (!claim.publication || claim.publication.status === "UNPUBLISHED") {
            throw new AppError("INVALID_STATE", "This claim is not published.");
          }
        },
        note: { reason: input.reason },
        afterWrite: async (claim) => {
          await tx.publication.update({
            where: { id: claim.publication!.id },
            data: {
              status: "UNPUBLISHED",
              unpublishedAt: new Date(),
              unpublishReason: input.reason,
              version: { increment: 1 },
            },
          });
          return { after: { publication: claim.publication!.slug } };
        },
      },
    );
    return { version };
  });
}

/** A reopened claim's page stays up, marked as under review, until it is published again. */
export async function markUnderReview(tx: Prisma.TransactionClient, claimId: string) {
  await tx.publication.updateMany({
    where: { claimId, status: "PUBLISHED" },
    data: { status: "UNDER_REVIEW", version: { increment: 1 } },
  });
}
