import "server-only";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { channelsOf, queueDeliveries } from "./deliveries";
import {
  EVENT_AUDIENCE,
  notificationText,
  type EventPayload,
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
  event: {
    name: EventName;
    claimId: string | null;
    actorId: string | null;
    payload: EventPayload;
  },
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

export interface PendingEvent {
  id: bigint;
  name: EventName;
  claimId: string | null;
  actorId: string | null;
  payload: EventPayload;
}

/**
 * Delivers the oldest event not dispatched yet whose claim has no older one waiting (events
 * of one claim go out in order; other claims' pass it), and marks it dispatched, all in one
 * transaction. The event's row is locked (SKIP LOCKED: workers never take the same one).
 * In that same transaction each recipient gets what their preferences ask for: an in-app
 * notification (one per person and event, a unique key), and a mail to send; and each
 * webhook endpoint that wants the event gets a delivery to send (lib/data/deliveries.ts,
 * one per event and target). A dispatcher that dies half-way delivers nothing, and the
 * next delivers it once. Returns whether there was an event.
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
      const text = await deliver(tx, event);
      await tx.outboxEvent.update({
        where: { id: event.id },
        data: { dispatchedAt: new Date(), attempts: { increment: 1 }, lastError: null, text },
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

/**
 * The people an event is for: its claim's reviewers, the editors, the admins or the
 * person it names; never who acted.
 */
async function recipientsOf(
  tx: Tx,
  event: PendingEvent,
  claim: { blindReviews: Array<{ reviewerId: string }> } | null,
): Promise<string[]> {
  const reviewers = claim?.blindReviews.map((r) => r.reviewerId) ?? [];
  if (reviewers.length === 0 && event.payload.assigneeId) reviewers.push(event.payload.assigneeId);
  let people = reviewers;
  switch (EVENT_AUDIENCE[event.name]) {
    case "editors": {
      // The approvals queue: every active editor who is not one of the claim's reviewers.
      const editors = await tx.user.findMany({
        where: { role: { in: ["EDITOR", "ADMIN"] }, disabledAt: null, id: { notIn: reviewers } },
        select: { id: true },
      });
      people = editors.map((e) => e.id);
      break;
    }
    case "admins": {
      const admins = await tx.user.findMany({
        where: { role: "ADMIN", disabledAt: null },
        select: { id: true },
      });
      people = admins.map((e) => e.id);
      break;
    }
    case "owner":
      people = event.payload.ownerId ? [event.payload.ownerId] : [];
      break;
    case "reviewers":
      break;
  }
  return people.filter((id) => id !== event.actorId);
}

/**
 * The event's channels: the in-app notifications of those who want them, and the mails
 * and webhook deliveries to send. Returns the event's sentence.
 */
async function deliver(tx: Tx, event: PendingEvent): Promise<string> {
  const claim = event.claimId
    ? await tx.claim.findUnique({
        where: { id: event.claimId },
        select: { text: true, blindReviews: { select: { reviewerId: true } } },
      })
    : null;
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
    claim: claim?.text ?? "",
    reason: event.payload.reason,
    verdict: verdict?.label,
    subject: event.payload.subject,
  });
  if (event.claimId && !claim) return text;
  const people = await recipientsOf(tx, event, claim);
  const wanted = await channelsOf(tx, people, event.name);
  if (wanted.inApp.length > 0) {
    await tx.notification.createMany({
      data: wanted.inApp.map((userId) => ({
        userId,
        eventId: event.id,
        event: event.name,
        claimId: event.claimId,
        text,
      })),
      skipDuplicates: true,
    });
  }
  await queueDeliveries(tx, event, wanted.email);
  return text;
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
