import "server-only";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { quoteSelector } from "@/lib/domain/extraction/selector";
import { contentCheckworthiness } from "@/lib/domain/extraction/checkworthiness";
import { hasCheckworthinessModel } from "@/lib/domain/language";
import { matchFields } from "@/lib/domain/matching";
import type { SessionUser } from "./users";
import { recordAudit } from "./audit";
import { changeClaim } from "./claim-writer";
import { dismissal } from "./dismissal";
import { revealed } from "./blind-reviews";

type Tx = Prisma.TransactionClient;
type Span = { start: number; end: number };

/** What span edits read of a claim beyond the writer's facts: its article and attribution. */
const SPAN_SELECT = {
  articleId: true,
  contentStart: true,
  contentEnd: true,
  cueStart: true,
  cueEnd: true,
  speakerStart: true,
  speakerEnd: true,
  article: { select: { id: true, body: true, language: true } },
} as const;

/** Trims whitespace off a span's ends so that a highlight never starts or ends in a gap. */
export function tidySpan(body: string, start: number, end: number): Span {
  while (start < end && /\s/.test(body[start]!)) start++;
  while (end > start && /\s/.test(body[end - 1]!)) end--;
  return { start, end };
}

type Attribution = {
  cueStart: number | null;
  cueEnd: number | null;
  speakerStart: number | null;
  speakerEnd: number | null;
  contentStart: number | null;
  contentEnd: number | null;
};

/** The article a claim's span points into: its text, and its language (for the score). */
type Article = { id: string; body: string; language: string };

/**
 * A span's fields: text, selector, match text, its content and the content's score. The
 * content is what it was where it still lies inside the new span, else the whole span.
 */
function spanData({ body, language }: Article, span: Span, attribution?: Attribution) {
  const selector = quoteSelector(body, span.start, span.end);
  const text = body.slice(span.start, span.end);
  const old =
    attribution?.contentStart != null && attribution.contentEnd != null
      ? {
          start: Math.max(attribution.contentStart, span.start),
          end: Math.min(attribution.contentEnd, span.end),
        }
      : null;
  const content = old && old.end - old.start >= 3 ? tidySpan(body, old.start, old.end) : span;
  const parts = attribution
    ? [
        { start: attribution.cueStart, end: attribution.cueEnd },
        { start: attribution.speakerStart, end: attribution.speakerEnd },
      ]
    : [];
  return {
    start: span.start,
    end: span.end,
    text,
    quoteExact: selector.exact,
    quotePrefix: selector.prefix,
    quoteSuffix: selector.suffix,
    content: body.slice(content.start, content.end),
    contentStart: content.start,
    contentEnd: content.end,
    // Scored here by words; a worker's sweep judges it again by the encoder model. Not
    // scored at all in a language no model was trained on.
    ...(hasCheckworthinessModel(language)
      ? {
          checkworthiness: contentCheckworthiness(body, span, parts),
          checkworthinessBy: "WORDS" as const,
        }
      : { checkworthiness: 0, checkworthinessBy: "NONE" as const }),
    ...matchFields(text),
  };
}

function checkSpan(body: string, start: number, end: number): Span {
  if (end > body.length) {
    throw new AppError(
      "VALIDATION",
      `The span runs past the end of the article (${body.length} characters).`,
      { end: "Past the end of the article" },
    );
  }
  const tidy = tidySpan(body, start, end);
  if (tidy.end - tidy.start < 3) {
    throw new AppError("VALIDATION", "Select at least a few words for a claim.", {
      end: "Too short",
    });
  }
  return tidy;
}

/** The article a claim points into, or a refusal. */
function articleOf(claim: { article: Article | null }) {
  if (!claim.article) {
    throw new AppError("INVALID_STATE", "This claim has no article to point into.");
  }
  return claim.article;
}

/**
 * The article's claims to be matched against the fact-check library again (a claim added
 * or its text changed): a worker's sweep does it within seconds, when the library holds
 * anything, and judges the changed claim by the encoder model first.
 */
async function matchInLibraryAgain(tx: Tx, articleId: string) {
  await tx.article.update({ where: { id: articleId }, data: { libraryCheckedAt: null } });
}

/**
 * An editor's change to the text or span of a claim whose blind reviews are open (the
 * lifecycle refuses it to everyone else): it needs a reason, and sends both reviews back to
 * their reviewers with it, so that both judge the claim as it now stands. A review submitted
 * before the two were revealed loses its blind verdict too: that was a verdict on another
 * text, and agreement is measured on the next one. `check` and `afterWrite` go into the
 * change's own; what afterWrite returns goes into its audit event.
 */
function returnsBlindReviews(tx: Tx, reason: string | undefined) {
  let open: Array<{ id: string; firstSubmittedAt: Date | null }> = [];
  return {
    async check(claim: { id: string; doubleReview: boolean }) {
      if (!claim.doubleReview) return;
      open = await tx.blindReview.findMany({
        where: { claimId: claim.id },
        select: { id: true, firstSubmittedAt: true },
      });
      if (open.length > 0 && !reason) {
        throw new AppError(
          "VALIDATION",
          "This claim is under two independent reviews: say why you change its text, for its reviewers.",
          { returnReason: "Give a reason for both reviewers" },
        );
      }
    },
    async afterWrite(claim: { id: string }): Promise<Record<string, string | number | null>> {
      if (open.length === 0) return {};
      await tx.blindReview.updateMany({
        where: { claimId: claim.id },
        data: {
          submittedAt: null,
          returnReason: reason,
          returnedAt: new Date(),
          version: { increment: 1 },
          ...(revealed(open) ? {} : { firstSubmittedAt: null, blindVerdictId: null }),
        },
      });
      return { reviewsReturned: open.length, reason: reason ?? null };
    },
  };
}

/** A claim added by hand over a span of an article, with its audit event. */
async function createManualClaim(
  tx: Tx,
  user: SessionUser,
  article: Article,
  span: Span,
  note: Record<string, string> = {},
) {
  const claim = await tx.claim.create({
    data: {
      articleId: article.id,
      ...spanData(article, span),
      kind: "ASSERTION",
      origin: "MANUAL",
      createdById: user.id,
    },
    select: { id: true, text: true, start: true, end: true, state: true, version: true },
  });
  await matchInLibraryAgain(tx, article.id);
  await recordAudit(tx, {
    actorId: user.id,
    action: "claim.create",
    entity: "Claim",
    entityId: claim.id,
    after: {
      text: claim.text,
      start: claim.start,
      end: claim.end,
      state: claim.state,
      ...note,
      version: claim.version,
    },
  });
  return claim;
}

export async function addManualClaim(
  user: SessionUser,
  input: { articleId: string; start: number; end: number },
) {
  return prisma.$transaction(async (tx) => {
    const article = await tx.article.findUnique({
      where: { id: input.articleId },
      select: { id: true, body: true, language: true },
    });
    if (!article) throw new AppError("NOT_FOUND", "This article no longer exists.");
    return createManualClaim(tx, user, article, checkSpan(article.body, input.start, input.end));
  });
}

export async function updateClaimSpan(
  user: SessionUser,
  input: { claimId: string; version: number; start: number; end: number; returnReason?: string },
) {
  return prisma.$transaction(async (tx) => {
    let span: Span = { start: 0, end: 0 };
    const blind = returnsBlindReviews(tx, input.returnReason);
    const { version } = await changeClaim(
      tx,
      user,
      { id: input.claimId, version: input.version },
      {
        action: "edit",
        audit: "claim.span",
        select: SPAN_SELECT,
        check: async (claim) => {
          span = checkSpan(articleOf(claim).body, input.start, input.end);
          await blind.check(claim);
        },
        data: (claim) => spanData(articleOf(claim), span, claim),
        afterWrite: async (claim) => {
          await matchInLibraryAgain(tx, articleOf(claim).id);
          return { after: await blind.afterWrite(claim) };
        },
      },
    );
    return { id: input.claimId, version, ...span };
  });
}

/** Splits a claim at an offset inside it: the first part stays, the rest becomes a new claim. */
export async function splitClaim(
  user: SessionUser,
  input: { claimId: string; version: number; at: number; returnReason?: string },
) {
  return prisma.$transaction(async (tx) => {
    let parts: [Span, Span] | null = null;
    let newId = "";
    const blind = returnsBlindReviews(tx, input.returnReason);
    await changeClaim(
      tx,
      user,
      { id: input.claimId, version: input.version },
      {
        action: "edit",
        audit: "claim.split",
        select: SPAN_SELECT,
        check: async (claim) => {
          const body = articleOf(claim).body;
          if (claim.start === null || claim.end === null) {
            throw new AppError("INVALID_STATE", "This claim has no span in an article to split.");
          }
          if (input.at <= claim.start || input.at >= claim.end) {
            throw new AppError("VALIDATION", "Split inside the claim's text.", {
              at: "Outside the claim",
            });
          }
          parts = [checkSpan(body, claim.start, input.at), checkSpan(body, input.at, claim.end)];
          await blind.check(claim);
        },
        data: (claim) => spanData(articleOf(claim), parts![0], claim),
        afterWrite: async (claim) => {
          const created = await createManualClaim(tx, user, articleOf(claim), parts![1], {
            splitFrom: claim.id,
          });
          newId = created.id;
          return { after: { splitInto: created.id, ...(await blind.afterWrite(claim)) } };
        },
      },
    );
    return { keptId: input.claimId, newId };
  });
}

/** Merges another claim of the same article into this one: this one spans both, the other is dismissed as its duplicate. */
export async function mergeClaims(
  user: SessionUser,
  input: {
    claimId: string;
    version: number;
    otherClaimId: string;
    otherVersion: number;
    returnReason?: string;
  },
) {
  if (input.claimId === input.otherClaimId)
    throw new AppError("VALIDATION", "Choose a different claim to merge with.");
  return prisma.$transaction(async (tx) => {
    const other = await tx.claim.findUnique({
      where: { id: input.otherClaimId },
      select: { articleId: true, start: true, end: true },
    });
    if (!other) throw new AppError("NOT_FOUND", "The other claim no longer exists.");
    const blind = returnsBlindReviews(tx, input.returnReason);
    await changeClaim(
      tx,
      user,
      { id: input.claimId, version: input.version },
      {
        action: "edit",
        audit: "claim.merge",
        select: SPAN_SELECT,
        check: async (claim) => {
          if (
            !claim.article ||
            claim.articleId !== other.articleId ||
            claim.start === null ||
            other.start === null
          ) {
            throw new AppError("VALIDATION", "Only claims of the same article can be merged.");
          }
          await blind.check(claim);
        },
        data: (claim) =>
          spanData(
            articleOf(claim),
            {
              start: Math.min(claim.start!, other.start!),
              end: Math.max(claim.end!, other.end!),
            },
            claim,
          ),
        note: { mergedFrom: input.otherClaimId },
        afterWrite: async (claim) => ({ after: await blind.afterWrite(claim) }),
      },
    );
    await changeClaim(
      tx,
      user,
      { id: input.otherClaimId, version: input.otherVersion },
      { ...dismissal("Merged into another claim", input.claimId), noun: "The other claim" },
    );
    return { id: input.claimId };
  });
}
