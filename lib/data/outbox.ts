import "server-only";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  EVENT_AUDIENCE,
  notificationText,
  type ClaimEventPayload,
  type EventName,
} from "@/lib/domain/events";

type Tx = Prisma.TransactionClient;

/**
 * The event outbox. An event is a row written in the caller's transaction, with the change
 * that makes it and its audit event: a change rolled back tells nobody, a change committed
 * is told even if the process dies the next instant. A worker's dispatcher
 * (dispatchNextEvent) then delivers each event to its channels and marks it dispatched.
 */
export async function recordEvent(
  tx: Tx,
  event: { name: EventName; claimId: string; actorId: string; payload: ClaimEventPayload },
): Promise<void> {
  await tx.outboxEvent.create({
    data: {
      name: event.name,
      claimId: event.claimId,
      actorId: event.actorId,
      payload: event.payload as unknown as Prisma.InputJsonValue,
    },
  });
}

interface PendingEvent {
  id: bigint;
  name: EventName;
  claimId: string | null;
  actorId: string | null;
  payload: ClaimEventPayload;
}

/**
 * Delivers the oldest event not dispatched yet whose claim has no older one waiting (events
 * of one claim go out in order; other claims' pass it), and marks it dispatched, all in one
 * transaction. The event's row is locked (SKIP LOCKED: workers never take the same one),
 * and the in-app channel is written in that same transaction, one notification per person
 * and event (a unique key): a dispatcher that dies half-way delivers nothing, and the next
 * delivers it once. Returns whether there was an event.
 */
export async function dispatchNextEvent(): Promise<boolean> {
  let taken: bigint | null = null;
  try {
    return await prisma.$transaction(async (tx) => {
      const [event] = await tx.$queryRaw<PendingEvent[]>`
        SELECT e.id, e.name, e."claimId"::text AS "claimId", e."actorId"::text AS "actorId", e.payload
        FROM "OutboxEvent" e
        WHERE e."dispatchedAt" IS NULL AND e.attempts < ${MAX_ATTEMPTS}
          AND NOT EXISTS (
            SELECT 1 FROM "OutboxEvent" o
            WHERE o."dispatchedAt" IS NULL AND o.attempts < ${MAX_ATTEMPTS}
              AND o."claimId" = e."claimId" AND o.id < e.id)
        ORDER BY e.id
        LIMIT 1
        FOR UPDATE SKIP LOCKED`;
      if (!event) return false;
      taken = event.id;
      await deliverInApp(tx, event);
      await tx.outboxEvent.update({
        where: { id: event.id },
        data: { dispatchedAt: new Date(), attempts: { increment: 1 }, lastError: null },
      });
      return true;
    });
  } catch (error) {
    // Counted against the event (when the database takes it), so that one event that
    // cannot be delivered stops being tried after MAX_ATTEMPTS and holds up nothing else.
    if (taken !== null) {
      const id = taken;
      await prisma.outboxEvent
        .update({
          where: { id },
          data: { attempts: { increment: 1 }, lastError: String(error).slice(0, 1000) },
        })
        .catch(() => undefined);
    }
    throw error;
  }
}

/** How many times the dispatcher tries an event before it leaves it, with its last error. */
export const MAX_ATTEMPTS = 10;

/** The people an event of `claim` is for: its reviewers or its editors, never who acted. */
async function recipientsOf(
  tx: Tx,
  event: PendingEvent,
  claim: { blindReviews: Array<{ reviewerId: string }> },
): Promise<string[]> {
  const reviewers = claim.blindReviews.map((r) => r.reviewerId);
  if (reviewers.length === 0 && event.payload.assigneeId) reviewers.push(event.payload.assigneeId);
  let people = reviewers;
  if (EVENT_AUDIENCE[event.name] === "editors") {
    // The approvals queue: every active editor who is not one of the claim's reviewers.
    const editors = await tx.user.findMany({
      where: { role: { in: ["EDITOR", "ADMIN"] }, disabledAt: null, id: { notIn: reviewers } },
      select: { id: true },
    });
    people = editors.map((e) => e.id);
  }
  return people.filter((id) => id !== event.actorId);
}

/** The in-app channel: a notification for each recipient, once (a retry adds none). */
async function deliverInApp(tx: Tx, event: PendingEvent): Promise<void> {
  if (!event.claimId) return;
  const claim = await tx.claim.findUnique({
    where: { id: event.claimId },
    select: { text: true, blindReviews: { select: { reviewerId: true } } },
  });
  if (!claim) return;
  const people = await recipientsOf(tx, event, claim);
  if (people.length === 0) return;
  const [actor, verdict] = await Promise.all([
    event.actorId
      ? tx.user.findUnique({ where: { id: event.actorId }, select: { name: true } })
      : null,
    event.payload.verdictId
      ? tx.verdict.findUnique({ where: { id: event.payload.verdictId }, select: { label: true } })
      : null,
  ]);
  const text = notificationText(event.name, {
    actor: actor?.name ?? "Someone",
    claim: claim.text,
    reason: event.payload.reason,
    verdict: verdict?.label,
  });
  await tx.notification.createMany({
    data: people.map((userId) => ({
      userId,
      eventId: event.id,
      event: event.name,
      claimId: event.claimId,
      text,
    })),
    skipDuplicates: true,
  });
}

/** A person's unread notifications: the bell's count. */
export function countUnread(userId: string): Promise<number> {
  return prisma.notification.count({ where: { userId, readAt: null } });
}

/** A person's notifications, newest first, a page at a time. */
export function listNotifications(userId: string, limit = 100) {
  return prisma.notification.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, event: true, text: true, claimId: true, createdAt: true, readAt: true },
  });
}

/** Marks one of the person's notifications read (another person's: nothing happens). */
export async function markNotificationRead(user: { id: string }, input: { id: string }) {
  const { count } = await prisma.notification.updateMany({
    where: { id: input.id, userId: user.id, readAt: null },
    data: { readAt: new Date() },
  });
  return { marked: count };
}

/** Marks all of the person's notifications read. */
export async function markAllNotificationsRead(user: { id: string }) {
  const { count } = await prisma.notification.updateMany({
    where: { userId: user.id, readAt: null },
    data: { readAt: new Date() },
  });
  return { marked: count };
}
