import "server-only";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { transition } from "@/lib/domain/lifecycle";
import { REVIEW_FIELDS } from "@/lib/domain/review-fields";
import type { ReviewFormInput } from "@/lib/validation/review";
import type { QueueQuery } from "@/lib/validation/queue";
import { MODE_BATCH } from "@/lib/domain/claims";
import type { SessionUser } from "./users";
import { filters } from "./queue";
import {
  blindFacts,
  changeClaim,
  fieldChanges,
  requireRoleFor,
  writeVersioned,
} from "./claim-writer";
import { recordAudit } from "./audit";
import {
  checkReviewInput,
  evidenceFields,
  evidenceSummary,
  REVIEW_SELECT,
  reviewValues,
} from "./review-input";

type Tx = Prisma.TransactionClient;
type ClaimRef = { id: string; version: number };

/**
 * Blind double review. A claim marked (while NEW) as needing two reviews is taken by two
 * reviewers, each of whom writes their own source annotation, verdict, rationale and
 * evidence in a BlindReview that nobody else reads, editors included, until both have
 * submitted once; the claim's own fields stay empty meanwhile, so no page, export, search
 * or API that reads claims can show either. An editor who wrote neither then adopts one,
 * writes the final verdict drawing on both, or returns both with a reason
 * (lib/data/reconciliation.ts).
 */

/** One evidence item of a blind review, stored in order as JSON. */
export interface BlindEvidence {
  id: string;
  url: string;
  archivedUrl: string | null;
  title: string | null;
  publisher: string | null;
  excerpt: string | null;
  stance: "SUPPORTS" | "REFUTES" | "CONTEXT";
  sourceType: "PRIMARY" | "SECONDARY";
}

export const evidenceOf = (review: { evidence: Prisma.JsonValue }) =>
  (review.evidence ?? []) as unknown as BlindEvidence[];

/** Both reviews are in (each submitted at least once): from then on, everyone may read both. */
export function revealed(reviews: ReadonlyArray<{ firstSubmittedAt: Date | null }>): boolean {
  return reviews.length === 2 && reviews.every((r) => r.firstSubmittedAt !== null);
}

/** Marks claims (NEW) as needing two independent reviews, or one again. All or none. */
export async function setReviewMode(
  user: SessionUser,
  input: { claims: ClaimRef[]; double: boolean },
) {
  requireRoleFor("mode", user);
  return prisma.$transaction(async (tx) => {
    for (const ref of input.claims) {
      await changeClaim(tx, user, ref, {
        action: "mode",
        audit: "claim.review-mode",
        noun: "A selected claim",
        data: () => ({ doubleReview: input.double }),
      });
    }
    return { changed: input.claims.length };
  });
}

type ModeQuery = Omit<QueueQuery, "q" | "after" | "sort">;

/** The NEW claims among `where` that a marking to `double` would change. */
const toMark = (where: Prisma.ClaimWhereInput, double: boolean): Prisma.ClaimWhereInput => ({
  AND: [where, { state: "NEW", doubleReview: !double }],
});

/** How many claims "Require two reviews" (or "Back to one review") would change for these filters: what the editor confirms. */
export async function countReviewModeForQuery(
  user: SessionUser,
  input: { query: ModeQuery; double: boolean },
) {
  requireRoleFor("mode", user);
  return {
    count: await prisma.claim.count({ where: toMark(filters(input.query, user.id), input.double) }),
  };
}

/**
 * Marks the NEW claims among `where` that are not yet so, the most check-worthy first, at
 * most MODE_BATCH in one transaction, each through the claim writer (its own audit event).
 * Says which it changed (for an undo of that same set) and how many are left.
 */
async function markWhere(user: SessionUser, where: Prisma.ClaimWhereInput, double: boolean) {
  requireRoleFor("mode", user);
  const pending = toMark(where, double);
  return prisma.$transaction(
    async (tx) => {
      const claims = await tx.claim.findMany({
        where: pending,
        orderBy: [{ checkworthiness: "desc" }, { id: "asc" }],
        take: MODE_BATCH,
        select: { id: true, version: true },
      });
      for (const ref of claims) {
        await changeClaim(tx, user, ref, {
          action: "mode",
          audit: "claim.review-mode",
          data: () => ({ doubleReview: double }),
        });
      }
      return {
        changed: claims.length,
        ids: claims.map((c) => c.id),
        remaining: await tx.claim.count({ where: pending }),
      };
    },
    { timeout: 60_000 },
  );
}

/** Marks the NEW claims that match the queue's filters (a threshold, a speaker, an article…). */
export async function setReviewModeForQuery(
  user: SessionUser,
  input: { query: ModeQuery; double: boolean },
) {
  return markWhere(user, filters(input.query, user.id), input.double);
}

/**
 * Undoes a marking: of the claims it changed, those still NEW and still so go back; a claim
 * taken (or changed back) since keeps what it has. Says how many went back and how many not.
 */
export async function undoReviewMode(user: SessionUser, input: { ids: string[]; double: boolean }) {
  const { changed } = await markWhere(user, { id: { in: input.ids } }, input.double);
  return { changed, kept: input.ids.length - changed };
}

/**
 * A reviewer joins a claim needing two reviews: their own blind review, its source starting
 * from what extraction suggested (the claim's claimant, name, role and type), exactly as a
 * single review's form does; nothing else, and nothing of the other review.
 */
export async function joinAsBlindReviewer(tx: Tx, user: SessionUser, claimId: string) {
  const claimant = await tx.claim.findUniqueOrThrow({
    where: { id: claimId },
    select: { claimantName: true, claimantRole: true, claimantType: true },
  });
  const review = await tx.blindReview.create({
    data: { claimId, reviewerId: user.id, ...claimant },
    select: { id: true },
  });
  return { after: { blindReviewId: review.id } };
}

export const BLIND_SELECT = {
  id: true,
  reviewerId: true,
  version: true,
  ...REVIEW_SELECT,
  evidence: true,
  submittedAt: true,
  firstSubmittedAt: true,
  blindVerdictId: true,
  returnReason: true,
  returnedAt: true,
  takenAt: true,
} as const satisfies Prisma.BlindReviewSelect;

/**
 * Saves a reviewer's own blind review (and with `submit`, submits it: the claim moves to
 * SUBMITTED when the other review is in too). The claim's row is locked first, so two
 * reviewers submitting at once, or an editor deciding, are serialised; `version` is the
 * blind review's own, so the two reviewers never conflict with each other.
 */
export async function saveBlindReview(
  user: SessionUser,
  input: ReviewFormInput,
  { submit }: { submit: boolean },
) {
  return prisma.$transaction(async (tx) => {
    const claim = await lockClaim(tx, input.claimId);
    const actor = { role: user.role, userId: user.id };
    const facts = {
      state: claim.state,
      assigneeId: claim.assigneeId,
      blind: await blindFacts(tx, claim.id),
    };
    const step = transition("review", actor, facts);
    if (!step.ok) throw new AppError(step.refusal.code, step.refusal.message);
    const mine = await tx.blindReview.findUniqueOrThrow({
      where: { claimId_reviewerId: { claimId: claim.id, reviewerId: user.id } },
      select: BLIND_SELECT,
    });
    if (mine.version !== input.version) throw blindConflict();
    const stored = evidenceOf(mine);
    await checkReviewInput(tx, input, new Set(stored.map((e) => e.id)), submit);
    const evidence: BlindEvidence[] = input.evidence.map((item) => ({
      id: item.id ?? randomUUID(),
      ...evidenceFields(item),
    }));
    const values = reviewValues(input);
    const now = new Date();
    const submission = submit
      ? {
          submittedAt: now,
          firstSubmittedAt: mine.firstSubmittedAt ?? now,
          blindVerdictId: mine.blindVerdictId ?? input.verdictId,
          returnReason: null,
          returnedAt: null,
        }
      : {};
    if (submit) {
      // The claim's part: its state (SUBMITTED once the other review is in too), audited
      // without any of the review's content.
      await changeClaim(
        tx,
        user,
        { id: claim.id, version: claim.version },
        { action: "submit", audit: "claim.blind-submit", note: { blindReviewId: mine.id } },
      );
    }
    // The table let this reviewer submit, so a submitted review is the other one's.
    const state = submit && facts.blind.submitted.length > 0 ? "SUBMITTED" : claim.state;
    const version = await writeVersioned(
      tx.blindReview,
      mine,
      { ...values, evidence: evidence as unknown as Prisma.InputJsonValue, ...submission },
      blindConflict,
    );

    const { before, after } = fieldChanges(REVIEW_FIELDS, mine, values);
    const [was, is] = [evidenceSummary(stored), evidenceSummary(evidence)];
    if (JSON.stringify(was) !== JSON.stringify(is)) {
      before.evidence = was;
      after.evidence = is;
    }
    await recordAudit(tx, {
      actorId: user.id,
      action: submit ? "blind-review.submit" : "blind-review.save",
      entity: "BlindReview",
      entityId: mine.id,
      before: { ...before, version: mine.version },
      after: { ...after, version, ...(submit ? { submitted: true } : {}) },
    });
    return { id: claim.id, version, state };
  });
}

/** Only its reviewer writes a blind review: a newer version is their own save elsewhere. */
const blindConflict = () =>
  new AppError(
    "CONFLICT",
    "You saved this review in another window after you opened it. Reload it to see that save; what you typed is still on your screen.",
  );

/** The claim's row, locked for this transaction; NOT_FOUND when it is gone. */
async function lockClaim(tx: Tx, claimId: string) {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM "Claim" WHERE id = ${claimId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw new AppError("NOT_FOUND", "This claim no longer exists.");
  return tx.claim.findUniqueOrThrow({
    where: { id: claimId },
    select: { id: true, state: true, assigneeId: true, version: true, doubleReview: true },
  });
}

/**
 * What `viewer` may see of a claim's double review: who took it and who has submitted
 * (everyone), their own review, and both reviews in full once both are in. Nothing of
 * another reviewer's review leaves this function before then.
 */
export async function getDoubleReview(claimId: string, viewer: { id: string }) {
  const [reviews, last] = await Promise.all([
    prisma.blindReview.findMany({
      where: { claimId },
      orderBy: [{ takenAt: "asc" }, { id: "asc" }],
      select: {
        ...BLIND_SELECT,
        reviewer: { select: { id: true, name: true } },
        verdict: { select: { label: true } },
      },
    }),
    prisma.reconciliation.findFirst({
      where: { claimId },
      orderBy: { decidedAt: "desc" },
      select: {
        outcome: true,
        reason: true,
        decidedAt: true,
        adoptedReviewId: true,
        editor: { select: { name: true } },
        verdict: { select: { label: true } },
      },
    }),
  ]);
  const open = revealed(reviews);
  const full = (r: (typeof reviews)[number]) => ({ ...r, evidence: evidenceOf(r) });
  return {
    revealed: open,
    reviewers: reviews.map((r) => ({
      id: r.reviewerId,
      name: r.reviewer.name,
      submitted: r.submittedAt !== null,
      takenAt: r.takenAt,
    })),
    mine: reviews.filter((r) => r.reviewerId === viewer.id).map(full)[0] ?? null,
    reviews: open ? reviews.map(full) : [],
    last,
  };
}

export type DoubleReview = Awaited<ReturnType<typeof getDoubleReview>>;

/** The blind reviews of a claim whose history `viewerId` may read: their own, or both once both are in. */
export async function visibleBlindReviewIds(claimId: string, viewerId: string) {
  const reviews = await prisma.blindReview.findMany({
    where: { claimId },
    select: { id: true, reviewerId: true, firstSubmittedAt: true },
  });
  const open = revealed(reviews);
  return reviews.filter((r) => open || r.reviewerId === viewerId).map((r) => r.id);
}
