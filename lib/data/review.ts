import "server-only";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import {
  canAssignClaim,
  canDismissClaim,
  canEditReview,
  canTakeClaim,
  editRefusal,
  submissionProblems,
} from "@/lib/domain/lifecycle";
import { hasRole } from "@/lib/domain/roles";
import type { ReviewFormInput } from "@/lib/validation/review";
import type { SessionUser } from "./users";
import { recordAudit } from "./audit";

const REVIEW_SELECT = {
  claimantName: true,
  claimantRole: true,
  claimantType: true,
  appearanceUrl: true,
  appearanceDate: true,
  firstAppearanceUrl: true,
  firstAppearanceDate: true,
  verdictId: true,
  rationale: true,
} as const;

const REVIEW_FIELDS = Object.keys(REVIEW_SELECT) as Array<keyof typeof REVIEW_SELECT>;

type ReviewField = (typeof REVIEW_FIELDS)[number];

const EVIDENCE_SELECT = {
  id: true,
  position: true,
  url: true,
  archivedUrl: true,
  title: true,
  publisher: true,
  excerpt: true,
  stance: true,
  sourceType: true,
} as const;

function comparable(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : (value ?? null);
}

function evidenceSummary(
  items: Array<{ url: string; stance: string; sourceType: string; title: string | null }>,
) {
  return items.map((e) => ({
    url: e.url,
    stance: e.stance,
    sourceType: e.sourceType,
    title: e.title,
  }));
}

/** Fields whose values differ, as {field: [before, after]} with JSON-safe values. */
function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  fields: readonly string[],
) {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const field of fields) {
    const a = comparable(before[field]);
    const b = comparable(after[field]);
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[field] = [a, b];
  }
  return changes;
}

/**
 * Saves the review form (source, proposed verdict, rationale, evidence in order) in one
 * transaction, and with `submit` moves the claim to SUBMITTED with a Review record. The
 * save is refused when the claim changed since `version`: the error says who changed what,
 * so the person can merge by hand without losing what they typed.
 */
export async function saveReview(
  user: SessionUser,
  input: ReviewFormInput,
  { submit }: { submit: boolean },
) {
  return prisma.$transaction(async (tx) => {
    const claim = await tx.claim.findUnique({
      where: { id: input.claimId },
      select: {
        id: true,
        state: true,
        assigneeId: true,
        version: true,
        ...REVIEW_SELECT,
        evidence: { orderBy: { position: "asc" }, select: EVIDENCE_SELECT },
      },
    });
    if (!claim) throw new AppError("NOT_FOUND", "This claim no longer exists.");
    if (claim.version !== input.version) throw await conflict(tx, claim.id, input.version);
    const access = {
      role: user.role,
      userId: user.id,
      state: claim.state,
      assigneeId: claim.assigneeId,
    };
    if (!canEditReview(access)) {
      throw new AppError(
        claim.state === "NEW"
          ? "INVALID_STATE"
          : claim.state === "IN_REVIEW"
            ? "FORBIDDEN"
            : "INVALID_STATE",
        claim.state === "NEW" ? "Take this claim before reviewing it." : editRefusal(access),
      );
    }
    if (input.verdictId) {
      const verdict = await tx.verdict.findUnique({
        where: { id: input.verdictId },
        select: { retiredAt: true },
      });
      if (!verdict || verdict.retiredAt) {
        throw new AppError("VALIDATION", "That verdict is not in the vocabulary.", {
          verdictId: "Unknown verdict",
        });
      }
    }
    const known = new Set(claim.evidence.map((e) => e.id));
    for (const item of input.evidence) {
      if (item.id && !known.has(item.id)) {
        throw new AppError("VALIDATION", "An evidence item no longer exists; reload the claim.", {
          evidence: "Unknown item",
        });
      }
    }
    if (submit) {
      const problems = submissionProblems({
        verdictId: input.verdictId,
        rationale: input.rationale,
        evidenceCount: input.evidence.length,
      });
      if (Object.keys(problems).length > 0) {
        throw new AppError("VALIDATION", Object.values(problems).join(". ") + ".", problems);
      }
    }

    const values = Object.fromEntries(REVIEW_FIELDS.map((f) => [f, input[f]])) as Pick<
      ReviewFormInput,
      ReviewField
    >;
    const newVersion = claim.version + 1;
    const { count } = await tx.claim.updateMany({
      where: { id: claim.id, version: claim.version },
      data: { ...values, version: newVersion, ...(submit ? { state: "SUBMITTED" } : {}) },
    });
    if (count !== 1) throw await conflict(tx, claim.id, input.version);

    // Evidence: the list as submitted, in its order.
    const keep = new Set(input.evidence.flatMap((e) => (e.id ? [e.id] : [])));
    await tx.evidence.deleteMany({ where: { claimId: claim.id, id: { notIn: [...keep] } } });
    for (const [position, item] of input.evidence.entries()) {
      const data = {
        position,
        url: item.url,
        archivedUrl: item.archivedUrl,
        title: item.title,
        publisher: item.publisher,
        excerpt: item.excerpt,
        stance: item.stance,
        sourceType: item.sourceType,
      };
      if (item.id) await tx.evidence.update({ where: { id: item.id }, data });
      else await tx.evidence.create({ data: { ...data, claimId: claim.id, addedById: user.id } });
    }

    const before = claim as unknown as Record<string, unknown>;
    const changes = changedFields(before, values, REVIEW_FIELDS);
    const evidenceBefore = evidenceSummary(claim.evidence);
    const evidenceAfter = evidenceSummary(input.evidence);
    const evidenceChanged = JSON.stringify(evidenceBefore) !== JSON.stringify(evidenceAfter);
    await recordAudit(tx, {
      actorId: user.id,
      action: "claim.review",
      entity: "Claim",
      entityId: claim.id,
      before: {
        ...Object.fromEntries(Object.entries(changes).map(([f, [a]]) => [f, a])),
        ...(evidenceChanged ? { evidence: evidenceBefore } : {}),
        version: claim.version,
      } as Prisma.InputJsonObject,
      after: {
        ...Object.fromEntries(Object.entries(changes).map(([f, [, b]]) => [f, b])),
        ...(evidenceChanged ? { evidence: evidenceAfter } : {}),
        version: newVersion,
      } as Prisma.InputJsonObject,
    });
    if (submit) {
      const review = await tx.review.create({
        data: {
          claimId: claim.id,
          reviewerId: user.id,
          verdictId: input.verdictId!,
          rationale: input.rationale!,
        },
      });
      await recordAudit(tx, {
        actorId: user.id,
        action: "claim.submit",
        entity: "Claim",
        entityId: claim.id,
        before: { state: claim.state, version: newVersion },
        after: {
          state: "SUBMITTED",
          reviewId: review.id,
          verdictId: input.verdictId,
          version: newVersion,
        },
      });
    }
    return { id: claim.id, version: newVersion, state: submit ? "SUBMITTED" : claim.state };
  });
}

/** A CONFLICT error naming who changed which fields since `version`. */
async function conflict(
  tx: Prisma.TransactionClient,
  claimId: string,
  version: number,
): Promise<AppError> {
  const events = await tx.auditEvent.findMany({
    where: { entity: "Claim", entityId: claimId, after: { path: ["version"], gt: version } },
    orderBy: { id: "asc" },
    select: {
      action: true,
      at: true,
      after: true,
      actor: { select: { name: true } },
      actorLabel: true,
    },
  });
  const people = [...new Set(events.map((e) => e.actor?.name ?? e.actorLabel ?? "someone"))];
  const fields = [
    ...new Set(
      events.flatMap((e) =>
        Object.keys((e.after as Record<string, unknown> | null) ?? {}).filter(
          (k) => k !== "version" && k !== "reviewId",
        ),
      ),
    ),
  ];
  const who = people.length ? people.join(" and ") : "Someone else";
  const what = fields.length ? `: ${fields.join(", ")}` : "";
  return new AppError(
    "CONFLICT",
    `${who} saved this claim after you opened it${what}. Your changes are still in the form; reload the claim in another tab to compare, then save again.`,
    undefined,
    { people, fields },
  );
}

export async function takeClaims(
  user: SessionUser,
  claims: Array<{ id: string; version: number }>,
) {
  return prisma.$transaction(async (tx) => {
    for (const ref of claims) {
      const claim = await tx.claim.findUnique({
        where: { id: ref.id },
        select: { id: true, state: true, version: true },
      });
      if (!claim) throw new AppError("NOT_FOUND", "A selected claim no longer exists.");
      if (!canTakeClaim(claim.state)) {
        throw new AppError(
          "INVALID_STATE",
          "Only new claims can be taken; reload the queue to see who took it.",
        );
      }
      const { count } = await tx.claim.updateMany({
        where: { id: claim.id, version: ref.version, state: "NEW" },
        data: { state: "IN_REVIEW", assigneeId: user.id, version: { increment: 1 } },
      });
      if (count !== 1)
        throw new AppError(
          "CONFLICT",
          "Someone took or changed a selected claim first; reload the queue.",
        );
      await recordAudit(tx, {
        actorId: user.id,
        action: "claim.take",
        entity: "Claim",
        entityId: claim.id,
        before: { state: "NEW", assigneeId: null, version: claim.version },
        after: { state: "IN_REVIEW", assigneeId: user.id, version: claim.version + 1 },
      });
    }
    return { taken: claims.length };
  });
}

export async function assignClaims(
  user: SessionUser,
  input: { claims: Array<{ id: string; version: number }>; assigneeId: string; dueAt: Date | null },
) {
  if (!hasRole(user.role, "EDITOR")) throw new AppError("FORBIDDEN", "Only editors assign claims.");
  return prisma.$transaction(async (tx) => {
    const assignee = await tx.user.findUnique({
      where: { id: input.assigneeId },
      select: { id: true, disabledAt: true },
    });
    if (!assignee || assignee.disabledAt) {
      throw new AppError("VALIDATION", "Choose an active reviewer.", {
        assigneeId: "Not an active user",
      });
    }
    for (const ref of input.claims) {
      const claim = await tx.claim.findUnique({
        where: { id: ref.id },
        select: { id: true, state: true, version: true, assigneeId: true, dueAt: true },
      });
      if (!claim) throw new AppError("NOT_FOUND", "A selected claim no longer exists.");
      if (!canAssignClaim(user.role, claim.state)) {
        throw new AppError(
          "INVALID_STATE",
          "Only new claims and claims in review can be assigned.",
        );
      }
      const { count } = await tx.claim.updateMany({
        where: { id: claim.id, version: ref.version },
        data: {
          state: "IN_REVIEW",
          assigneeId: assignee.id,
          dueAt: input.dueAt,
          version: { increment: 1 },
        },
      });
      if (count !== 1)
        throw new AppError("CONFLICT", "A selected claim changed meanwhile; reload the queue.");
      await recordAudit(tx, {
        actorId: user.id,
        action: "claim.assign",
        entity: "Claim",
        entityId: claim.id,
        before: {
          state: claim.state,
          assigneeId: claim.assigneeId,
          dueAt: claim.dueAt?.toISOString() ?? null,
          version: claim.version,
        },
        after: {
          state: "IN_REVIEW",
          assigneeId: assignee.id,
          dueAt: input.dueAt?.toISOString() ?? null,
          version: claim.version + 1,
        },
      });
    }
    return { assigned: input.claims.length };
  });
}

export async function dismissClaims(
  user: SessionUser,
  input: { claims: Array<{ id: string; version: number }>; reason: string },
) {
  return prisma.$transaction(async (tx) => {
    for (const ref of input.claims) {
      const claim = await tx.claim.findUnique({
        where: { id: ref.id },
        select: { id: true, state: true, version: true, assigneeId: true },
      });
      if (!claim) throw new AppError("NOT_FOUND", "A selected claim no longer exists.");
      const access = {
        role: user.role,
        userId: user.id,
        state: claim.state,
        assigneeId: claim.assigneeId,
      };
      if (!canDismissClaim(access)) throw new AppError("FORBIDDEN", editRefusal(access));
      const { count } = await tx.claim.updateMany({
        where: { id: claim.id, version: ref.version },
        data: { state: "DISMISSED", dismissReason: input.reason, version: { increment: 1 } },
      });
      if (count !== 1)
        throw new AppError("CONFLICT", "A selected claim changed meanwhile; reload the queue.");
      await recordAudit(tx, {
        actorId: user.id,
        action: "claim.dismiss",
        entity: "Claim",
        entityId: claim.id,
        before: { state: claim.state, version: claim.version },
        after: { state: "DISMISSED", dismissReason: input.reason, version: claim.version + 1 },
      });
    }
    return { dismissed: input.claims.length };
  });
}

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

export async function getReviewForm(claimId: string) {
  return prisma.claim.findUnique({
    where: { id: claimId },
    select: {
      id: true,
      version: true,
      state: true,
      assigneeId: true,
      ...REVIEW_SELECT,
      evidence: { orderBy: { position: "asc" }, select: EVIDENCE_SELECT },
    },
  });
}

export async function listActiveVerdicts() {
  return prisma.verdict.findMany({
    where: { retiredAt: null },
    orderBy: { order: "asc" },
    select: { id: true, label: true, key: true },
  });
}

export async function listClaimHistory(claimId: string) {
  const evidenceIds = await prisma.evidence.findMany({ where: { claimId }, select: { id: true } });
  return prisma.auditEvent.findMany({
    where: {
      OR: [
        { entity: "Claim", entityId: claimId },
        { entity: "Evidence", entityId: { in: evidenceIds.map((e) => e.id) } },
      ],
    },
    orderBy: { id: "asc" },
    select: {
      id: true,
      action: true,
      at: true,
      before: true,
      after: true,
      actorLabel: true,
      actor: { select: { name: true } },
    },
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

export async function listAssignableUsers() {
  return prisma.user.findMany({
    where: { disabledAt: null },
    orderBy: { name: "asc" },
    select: { id: true, name: true, role: true },
  });
}
