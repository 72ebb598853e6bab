import "server-only";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { canDismissClaim, canEditClaim, editRefusal } from "@/lib/domain/lifecycle";
import { quoteSelector } from "@/lib/domain/extraction/selector";
import { checkworthiness } from "@/lib/domain/extraction/checkworthiness";
import { matchFields } from "@/lib/domain/matching";
import type { SessionUser } from "./users";
import { recordAudit } from "./audit";

type Tx = Prisma.TransactionClient;

const SNAPSHOT = {
  id: true,
  articleId: true,
  text: true,
  start: true,
  end: true,
  state: true,
  assigneeId: true,
  version: true,
  dismissReason: true,
  duplicateOfId: true,
} as const;

/** Trims whitespace off a span's ends so that a highlight never starts or ends in a gap. */
export function tidySpan(body: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(body[start]!)) start++;
  while (end > start && /\s/.test(body[end - 1]!)) end--;
  return { start, end };
}

function spanData(body: string, start: number, end: number) {
  const selector = quoteSelector(body, start, end);
  const text = body.slice(start, end);
  return {
    start,
    end,
    text,
    quoteExact: selector.exact,
    quotePrefix: selector.prefix,
    quoteSuffix: selector.suffix,
    checkworthiness: Math.round(checkworthiness(text) * 1000) / 1000,
    ...matchFields(text),
  };
}

function checkSpan(body: string, start: number, end: number) {
  if (end > body.length) {
    throw new AppError(
      "VALIDATION",
      `The span runs past the end of the article (${body.length} characters).`,
      {
        end: "Past the end of the article",
      },
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

/** Reads a claim for a change, checking the version the user saw, and their right to change it. */
async function claimForEdit(
  tx: Tx,
  user: SessionUser,
  claimId: string,
  version: number,
  dismissing = false,
) {
  const claim = await tx.claim.findUnique({
    where: { id: claimId },
    select: { ...SNAPSHOT, article: { select: { id: true, body: true } } },
  });
  if (!claim) throw new AppError("NOT_FOUND", "This claim no longer exists.");
  if (claim.version !== version) {
    throw new AppError(
      "CONFLICT",
      "Someone else changed this claim since you opened it. Reload to see their change.",
    );
  }
  const access = {
    role: user.role,
    userId: user.id,
    state: claim.state,
    assigneeId: claim.assigneeId,
  };
  if (!(dismissing ? canDismissClaim(access) : canEditClaim(access))) {
    throw new AppError(
      claim.state === "IN_REVIEW" ? "FORBIDDEN" : "INVALID_STATE",
      editRefusal(access),
    );
  }
  return claim;
}

/** Writes a change only if nobody else wrote since `version` was read (optimistic concurrency). */
async function writeVersioned(
  tx: Tx,
  claimId: string,
  version: number,
  data: Prisma.ClaimUncheckedUpdateManyInput,
) {
  const { count } = await tx.claim.updateMany({
    where: { id: claimId, version },
    data: { ...data, version: { increment: 1 } },
  });
  if (count !== 1) {
    throw new AppError(
      "CONFLICT",
      "Someone else changed this claim at the same moment. Reload to see their change.",
    );
  }
}

function snapshot(claim: {
  text: string;
  start: number | null;
  end: number | null;
  state: string;
}) {
  return { text: claim.text, start: claim.start, end: claim.end, state: claim.state };
}

/** A claim added by hand over a span of an article, with its audit event. */
async function createManualClaim(
  tx: Tx,
  user: SessionUser,
  articleId: string,
  body: string,
  span: { start: number; end: number },
  note: Record<string, string> = {},
) {
  const claim = await tx.claim.create({
    data: {
      articleId,
      ...spanData(body, span.start, span.end),
      kind: "ASSERTION",
      origin: "MANUAL",
      createdById: user.id,
    },
    select: { id: true, text: true, start: true, end: true, state: true },
  });
  await recordAudit(tx, {
    actorId: user.id,
    action: "claim.create",
    entity: "Claim",
    entityId: claim.id,
    after: { ...snapshot(claim), ...note },
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
      select: { id: true, body: true },
    });
    if (!article) throw new AppError("NOT_FOUND", "This article no longer exists.");
    return createManualClaim(
      tx,
      user,
      article.id,
      article.body,
      checkSpan(article.body, input.start, input.end),
    );
  });
}

export async function updateClaimSpan(
  user: SessionUser,
  input: { claimId: string; version: number; start: number; end: number },
) {
  return prisma.$transaction(async (tx) => {
    const claim = await claimForEdit(tx, user, input.claimId, input.version);
    if (!claim.article)
      throw new AppError("INVALID_STATE", "This claim has no article to point into.");
    const span = checkSpan(claim.article.body, input.start, input.end);
    const data = spanData(claim.article.body, span.start, span.end);
    await writeVersioned(tx, claim.id, claim.version, data);
    await recordAudit(tx, {
      actorId: user.id,
      action: "claim.span",
      entity: "Claim",
      entityId: claim.id,
      before: snapshot(claim),
      after: snapshot({ ...claim, ...data }),
    });
    return { id: claim.id, version: claim.version + 1, ...span };
  });
}

/** Splits a claim at an offset inside it: the first part stays, the rest becomes a new claim. */
export async function splitClaim(
  user: SessionUser,
  input: { claimId: string; version: number; at: number },
) {
  return prisma.$transaction(async (tx) => {
    const claim = await claimForEdit(tx, user, input.claimId, input.version);
    if (!claim.article || claim.start === null || claim.end === null) {
      throw new AppError("INVALID_STATE", "This claim has no span in an article to split.");
    }
    if (input.at <= claim.start || input.at >= claim.end) {
      throw new AppError("VALIDATION", "Split inside the claim's text.", {
        at: "Outside the claim",
      });
    }
    const first = checkSpan(claim.article.body, claim.start, input.at);
    const second = checkSpan(claim.article.body, input.at, claim.end);
    const firstData = spanData(claim.article.body, first.start, first.end);
    await writeVersioned(tx, claim.id, claim.version, firstData);
    const created = await createManualClaim(
      tx,
      user,
      claim.article.id,
      claim.article.body,
      second,
      {
        splitFrom: claim.id,
      },
    );
    await recordAudit(tx, {
      actorId: user.id,
      action: "claim.split",
      entity: "Claim",
      entityId: claim.id,
      before: snapshot(claim),
      after: { ...snapshot({ ...claim, ...firstData }), splitInto: created.id },
    });
    return { keptId: claim.id, newId: created.id };
  });
}

/** Merges another claim of the same article into this one: this one spans both, the other is dismissed as its duplicate. */
export async function mergeClaims(
  user: SessionUser,
  input: { claimId: string; version: number; otherClaimId: string; otherVersion: number },
) {
  if (input.claimId === input.otherClaimId)
    throw new AppError("VALIDATION", "Choose a different claim to merge with.");
  return prisma.$transaction(async (tx) => {
    const claim = await claimForEdit(tx, user, input.claimId, input.version);
    const other = await claimForEdit(tx, user, input.otherClaimId, input.otherVersion, true);
    if (
      !claim.article ||
      claim.articleId !== other.articleId ||
      claim.start === null ||
      other.start === null
    ) {
      throw new AppError("VALIDATION", "Only claims of the same article can be merged.");
    }
    const start = Math.min(claim.start, other.start);
    const end = Math.max(claim.end!, other.end!);
    const data = spanData(claim.article.body, start, end);
    await writeVersioned(tx, claim.id, claim.version, data);
    const reason = "Merged into another claim";
    await writeVersioned(tx, other.id, other.version, {
      state: "DISMISSED",
      dismissReason: reason,
      duplicateOfId: claim.id,
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "claim.merge",
      entity: "Claim",
      entityId: claim.id,
      before: snapshot(claim),
      after: { ...snapshot({ ...claim, ...data }), mergedFrom: other.id },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "claim.dismiss",
      entity: "Claim",
      entityId: other.id,
      before: snapshot(other),
      after: { state: "DISMISSED", dismissReason: reason, duplicateOfId: claim.id },
    });
    return { id: claim.id };
  });
}

export async function dismissClaim(
  user: SessionUser,
  input: { claimId: string; version: number; reason: string; duplicateOf?: string | null },
) {
  return prisma.$transaction(async (tx) => {
    const claim = await claimForEdit(tx, user, input.claimId, input.version, true);
    const duplicateOfId = input.duplicateOf ?? null;
    if (duplicateOfId) {
      if (duplicateOfId === claim.id) {
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
    await writeVersioned(tx, claim.id, claim.version, {
      state: "DISMISSED",
      dismissReason: input.reason,
      duplicateOfId,
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "claim.dismiss",
      entity: "Claim",
      entityId: claim.id,
      before: snapshot(claim),
      after: { state: "DISMISSED", dismissReason: input.reason, duplicateOfId },
    });
    return { id: claim.id };
  });
}
