import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { LIFECYCLE, transition, type BlindFacts, type ClaimAction } from "@/lib/domain/lifecycle";
import type { ClaimAuditAction } from "@/lib/domain/audit-actions";
import { hasRole } from "@/lib/domain/roles";
import { REVIEW_FIELDS } from "@/lib/domain/review-fields";
import type { SessionUser } from "./users";
import { recordAudit } from "./audit";
import { recordEvent } from "./outbox";
import { eventOfChange } from "@/lib/domain/events";

type Tx = Prisma.TransactionClient;

/** What every change reads of a claim (more with `select`). */
const FACTS = {
  id: true,
  state: true,
  assigneeId: true,
  version: true,
  dueAt: true,
  verdictId: true,
  dismissReason: true,
  duplicateOfId: true,
  approvedById: true,
  approvedAt: true,
  text: true,
  start: true,
  end: true,
  content: true,
  shortText: true,
  doubleReview: true,
} as const;

type Facts = Prisma.ClaimGetPayload<{ select: typeof FACTS }>;

/**
 * The claim fields an audit event records, before and after, when a change writes them
 * (what the history shows and a conflict message names). Derived fields (match bands,
 * quote selectors, the check-worthiness score) are left out.
 */
const AUDITED = [
  "state",
  "assigneeId",
  "dueAt",
  "text",
  "start",
  "end",
  "content",
  ...REVIEW_FIELDS,
  "dismissReason",
  "duplicateOfId",
  "approvedById",
  "approvedAt",
  "doubleReview",
] as const;

const jsonSafe = (value: unknown): Prisma.InputJsonValue | null =>
  value instanceof Date ? value.toISOString() : ((value ?? null) as Prisma.InputJsonValue | null);

type Read<S extends Prisma.ClaimSelect> = Facts & Prisma.ClaimGetPayload<{ select: S }>;
type Note = Record<string, Prisma.InputJsonValue | null>;

export interface ClaimChange<S extends Prisma.ClaimSelect> {
  /** The lifecycle action it is: checked against the table, which also gives the new state. */
  action: ClaimAction;
  /** The audit event's name ("claim.span"). */
  audit: ClaimAuditAction;
  /** More of the claim to read, for checks and for `data`. */
  select?: S;
  /** Checks beyond the lifecycle (the input against the claim); throws AppError to refuse. */
  check?: (claim: Read<S>) => void | Promise<void>;
  /** The fields to write (the state and version are the writer's). */
  data?: (claim: Read<S>) => Prisma.ClaimUncheckedUpdateManyInput;
  /** Recorded in the audit event after the fields (a reason, a linked claim). */
  note?: Note;
  /**
   * Work that belongs to the change, done after the claim's row is written, in the same
   * transaction (evidence, a Review or Decision row, a claim split off); what it returns
   * is recorded in the audit event too.
   */
  afterWrite?: (claim: Read<S>, version: number) => Promise<{ before?: Note; after?: Note } | void>;
  /** Audited fields whose before and after are recorded even when unchanged. */
  always?: ReadonlyArray<(typeof AUDITED)[number]>;
  /** Who submitted the pending verdict, for the four-eyes rule of approvals. */
  submittedBy?: (claim: Read<S>) => string | null;
  /** For the not-found message: "This claim" or "A selected claim". */
  noun?: string;
}

/**
 * The fields of `fields` that `written` sets to another value than `current` has (and those
 * of `always`, changed or not), before and after, as an audit event records them.
 */
export function fieldChanges(
  fields: readonly string[],
  current: object,
  written: object,
  always: readonly string[] = [],
): { before: Note; after: Note } {
  const before: Note = {};
  const after: Note = {};
  const was = current as Record<string, unknown>;
  const is = written as Record<string, unknown>;
  for (const field of fields) {
    if (!(field in is)) continue;
    const [a, b] = [jsonSafe(was[field]), jsonSafe(is[field])];
    if (JSON.stringify(a) !== JSON.stringify(b) || always.includes(field)) {
      before[field] = a;
      after[field] = b;
    }
  }
  return { before, after };
}

/** Refuses, before any work, a person whose role can never do `action`. */
export function requireRoleFor(action: ClaimAction, user: SessionUser): void {
  const rule = LIFECYCLE[action];
  if (!hasRole(user.role, rule.role)) throw new AppError("FORBIDDEN", rule.roleRefusal);
}

/**
 * The one way a claim changes: read it, check the version the person saw (a conflict
 * names who changed what since), check the lifecycle table (role, state, assignee, four
 * eyes) and the change's own checks, write with the next version only if nobody wrote in
 * between, do the change's further work, and record the audit event (the changed fields
 * before and after, its notes, and both versions), all in the caller's transaction.
 */
export async function changeClaim<S extends Prisma.ClaimSelect = Record<never, never>>(
  tx: Tx,
  user: SessionUser,
  ref: { id: string; version: number },
  change: ClaimChange<S>,
): Promise<{ claim: Read<S>; version: number }> {
  const claim = (await tx.claim.findUnique({
    where: { id: ref.id },
    select: { ...FACTS, ...change.select },
  })) as Read<S> | null;
  if (!claim) throw new AppError("NOT_FOUND", `${change.noun ?? "This claim"} no longer exists.`);
  if (claim.version !== ref.version) throw await claimConflict(tx, claim.id, ref.version);
  const step = transition(
    change.action,
    { role: user.role, userId: user.id },
    {
      state: claim.state,
      assigneeId: claim.assigneeId,
      submittedBy: change.submittedBy?.(claim) ?? null,
      blind: claim.doubleReview ? await blindFacts(tx, claim.id) : null,
    },
  );
  if (!step.ok) throw new AppError(step.refusal.code, step.refusal.message);
  await change.check?.(claim);

  const data = {
    ...change.data?.(claim),
    ...(step.to !== step.from ? { state: step.to } : {}),
  };
  const version = await writeVersioned(tx.claim, claim, data, () =>
    claimConflict(tx, claim.id, ref.version),
  );
  const more = (await change.afterWrite?.(claim, version)) ?? {};

  const { before, after } = fieldChanges(AUDITED, claim, data, change.always);
  await recordAudit(tx, {
    actorId: user.id,
    action: change.audit,
    entity: "Claim",
    entityId: claim.id,
    before: { ...before, ...more.before, version: claim.version },
    after: { ...after, ...change.note, ...more.after, version },
  });
  // The event it tells (an assignment, a return…), in the same transaction: sent once it commits.
  const event = eventOfChange(change.audit, step.to);
  if (event) {
    const written = { ...claim, ...data } as {
      assigneeId: string | null;
      verdictId: string | null;
    };
    const reason = change.note?.reason;
    await recordEvent(tx, {
      name: event,
      claimId: claim.id,
      actorId: user.id,
      payload: {
        assigneeId: written.assigneeId,
        verdictId: written.verdictId,
        ...(typeof reason === "string" ? { reason } : {}),
      },
    });
  }
  return { claim, version };
}

/** A table whose rows carry a version (a claim, a blind review). */
interface Versioned<D> {
  updateMany(args: {
    where: { id: string; version: number };
    data: D & { version: number };
  }): PromiseLike<{ count: number }>;
}

/**
 * The versioned write of a claim and of a blind review: `data` with the next version, only
 * if the row still has the version it was read with; otherwise `conflict` says why not.
 * Returns the new version.
 */
export async function writeVersioned<D extends object>(
  table: Versioned<D>,
  row: { id: string; version: number },
  data: D,
  conflict: () => Promise<AppError> | AppError,
): Promise<number> {
  const version = row.version + 1;
  const { count } = await table.updateMany({
    where: { id: row.id, version: row.version },
    data: { ...data, version },
  });
  if (count !== 1) throw await conflict();
  return version;
}

/** Who has taken a claim needing two reviews, and who of them has submitted. */
export async function blindFacts(tx: Tx, claimId: string): Promise<BlindFacts> {
  const reviews = await tx.blindReview.findMany({
    where: { claimId },
    orderBy: [{ takenAt: "asc" }, { id: "asc" }],
    select: { reviewerId: true, submittedAt: true },
  });
  return {
    reviewers: reviews.map((r) => r.reviewerId),
    submitted: reviews.filter((r) => r.submittedAt).map((r) => r.reviewerId),
  };
}

/** A CONFLICT naming who changed which fields of the claim since `version`. */
export async function claimConflict(tx: Tx, claimId: string, version: number): Promise<AppError> {
  const events = await tx.auditEvent.findMany({
    where: { entity: "Claim", entityId: claimId, after: { path: ["version"], gt: version } },
    orderBy: { id: "asc" },
    select: { after: true, actor: { select: { name: true } }, actorLabel: true },
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
    `${who} saved this claim after you opened it${what}. Reload it to see their change; what you typed is still on your screen.`,
    undefined,
    { people, fields },
  );
}
