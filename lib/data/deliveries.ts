import "server-only";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { EVENT_INFO, type EventName, type EventPayload } from "@/lib/domain/events";
import { digestMail, eventMail, type DigestSection, type MailMessage } from "@/lib/domain/mail";
import {
  DISABLE_AFTER_MS,
  EVENT_ID_HEADER,
  EVENT_NAME_HEADER,
  SIGNATURE_HEADER,
  nextAttemptAt,
  signatureHeader,
  webhookBody,
  type WebhookEvent,
  type WebhookFormat,
} from "@/lib/domain/webhooks";
import { safePost } from "@/lib/fetch/safe-fetch";
import { mailEnabled, sendMail } from "@/lib/mail";
import { settings } from "@/lib/settings";
import { recordAudit } from "./audit";
import { recordEvent, type PendingEvent } from "./outbox";

type Tx = Prisma.TransactionClient;

/**
 * The channels beyond the app: mail (one person's mailbox) and webhooks (an endpoint an
 * admin added). The dispatcher writes one Delivery per event and target in the event's
 * own transaction (queueDeliveries); a worker's delivery lane then takes each when due
 * under a lease, sends it, and settles it: delivered, or tried again after a backoff
 * (lib/domain/webhooks.ts), or failed after a day. A worker killed while sending leaves
 * the lease to run out and another sends again: at least once, with the event's id in
 * every webhook delivery for the receiver to drop a repeat.
 */

/** The desk's own address, for links in mails and webhook events. */
export function deskUrl(): string {
  const s = settings();
  return (s.NEXTAUTH_URL ?? `http://localhost:${s.PORT}`).replace(/\/+$/, "");
}

/** Who of `people` wants `name` in the app, and who by mail (active people, mail on). */
export async function channelsOf(
  tx: Tx,
  people: string[],
  name: EventName,
): Promise<{ inApp: string[]; email: string[] }> {
  if (people.length === 0) return { inApp: [], email: [] };
  const [choices, active] = await Promise.all([
    tx.notificationPreference.findMany({
      where: { userId: { in: people }, event: name },
      select: { userId: true, inApp: true, email: true },
    }),
    mailEnabled()
      ? tx.user.findMany({ where: { id: { in: people }, disabledAt: null }, select: { id: true } })
      : [],
  ]);
  const chosen = new Map(choices.map((c) => [c.userId, c]));
  const mailable = new Set(active.map((u) => u.id));
  const defaults = EVENT_INFO[name];
  return {
    inApp: people.filter((id) => chosen.get(id)?.inApp ?? defaults.inApp),
    email: people.filter((id) => mailable.has(id) && (chosen.get(id)?.email ?? defaults.email)),
  };
}

/** The mails and webhook deliveries of an event, in the dispatcher's transaction. */
export async function queueDeliveries(tx: Tx, event: PendingEvent, mailTo: string[]) {
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { disabledAt: null, events: { has: event.name } },
    select: { id: true },
  });
  const rows = [
    ...mailTo.map((userId) => ({ channel: "email", userId })),
    ...endpoints.map((e) => ({ channel: "webhook", endpointId: e.id })),
  ].map((row) => ({ ...row, eventId: event.id, claimId: event.claimId }));
  if (rows.length > 0) await tx.delivery.createMany({ data: rows, skipDuplicates: true });
}

export interface TakenDelivery {
  id: bigint;
  channel: "email" | "webhook";
  eventId: bigint | null;
  userId: string | null;
  endpointId: string | null;
  digestDay: Date | null;
  attempts: number;
}

/** How long a taken delivery is a worker's: past it, another worker may send it again. */
export function deliveryLeaseMs(): number {
  return (4 * settings().CLAIMDESK_DELIVERY_TIMEOUT_SECONDS + 5) * 1000;
}

/**
 * Takes the delivery due first (SKIP LOCKED: never one another worker holds) and leases it,
 * counting the attempt. A webhook delivery waits while an older one of the same claim to
 * the same endpoint is pending: each endpoint gets a claim's events in order. A disabled
 * endpoint's deliveries wait for it to be enabled.
 */
export async function takeDueDelivery(): Promise<TakenDelivery | null> {
  const lease = deliveryLeaseMs();
  const [row] = await prisma.$queryRaw<TakenDelivery[]>`
    UPDATE "Delivery" d
    SET attempts = d.attempts + 1,
        "leaseUntil" = now() + ${lease} * interval '1 millisecond',
        "lastAttemptAt" = now(),
        "firstAttemptAt" = COALESCE(d."firstAttemptAt", now())
    WHERE d.id = (
      SELECT c.id FROM "Delivery" c
      LEFT JOIN "WebhookEndpoint" w ON w.id = c."endpointId"
      WHERE c.status = 'pending' AND c."nextAttemptAt" <= now()
        AND (c."leaseUntil" IS NULL OR c."leaseUntil" < now())
        AND w."disabledAt" IS NULL
        AND NOT EXISTS (
          SELECT 1 FROM "Delivery" o
          WHERE o.status = 'pending' AND o."endpointId" = c."endpointId"
            AND o."claimId" = c."claimId" AND o.id < c.id)
      ORDER BY c."nextAttemptAt"
      LIMIT 1
      FOR UPDATE OF c SKIP LOCKED)
    RETURNING d.id, d.channel, d."eventId", d."userId"::text AS "userId",
      d."endpointId"::text AS "endpointId", d."digestDay", d.attempts`;
  return row ?? null;
}

type Outcome =
  { ok: true; code?: number; note?: string } | { ok: false; code?: number; error: string };

/** Sends the delivery due first, if any, and settles it. Returns whether there was one. */
export async function deliverNext(): Promise<boolean> {
  const taken = await takeDueDelivery();
  if (!taken) return false;
  let outcome: Outcome;
  try {
    outcome = await send(taken);
  } catch (error) {
    outcome = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  await settle(taken, outcome);
  return true;
}

async function send(d: TakenDelivery): Promise<Outcome> {
  if (d.channel === "email") {
    const user = await prisma.user.findUnique({
      where: { id: d.userId! },
      select: { id: true, email: true, name: true, role: true, disabledAt: true },
    });
    if (!user || user.disabledAt) return { ok: true, note: "not sent: the person is disabled" };
    const message = d.digestDay ? await digestOf(user) : await eventMailOf(d.eventId!);
    if (!message) return { ok: true, note: "not sent: nothing to tell" };
    await sendMail(
      user.email,
      message,
      d.eventId ? { [EVENT_ID_HEADER]: String(d.eventId) } : { "X-ClaimDesk-Digest": String(d.id) },
    );
    return { ok: true };
  }
  const endpoint = await prisma.webhookEndpoint.findUnique({
    where: { id: d.endpointId! },
    select: { url: true, secret: true, format: true },
  });
  if (!endpoint) return { ok: true, note: "not sent: the endpoint was deleted" };
  const event = await webhookEventOf(d.eventId!);
  const body = webhookBody(event, endpoint.format as WebhookFormat);
  const answer = await safePost(endpoint.url, body, {
    timeoutMs: settings().CLAIMDESK_DELIVERY_TIMEOUT_SECONDS * 1000,
    headers: {
      "content-type": "application/json",
      [SIGNATURE_HEADER]: signatureHeader(endpoint.secret, Math.floor(Date.now() / 1000), body),
      [EVENT_ID_HEADER]: event.id,
      [EVENT_NAME_HEADER]: event.type,
    },
  });
  if (answer.status >= 200 && answer.status < 300) return { ok: true, code: answer.status };
  const said = answer.body.trim().replace(/\s+/g, " ").slice(0, 200);
  return {
    ok: false,
    code: answer.status,
    error: `answered ${answer.status}${said ? `: ${said}` : ""}`,
  };
}

/**
 * Records how a send went, if the delivery is still this attempt's (a worker whose lease
 * ran out and whose delivery another took writes nothing: the fence is the attempt count).
 * A failed webhook marks its endpoint failing; an endpoint failing for a day is disabled,
 * and the admins are told, in the same transaction.
 */
async function settle(d: TakenDelivery, outcome: Outcome): Promise<void> {
  const now = new Date();
  await prisma.$transaction(async (tx) => {
    const fence = { id: d.id, attempts: d.attempts, status: "pending" };
    if (outcome.ok) {
      const { count } = await tx.delivery.updateMany({
        where: fence,
        data: {
          status: "delivered",
          deliveredAt: now,
          responseCode: outcome.code ?? null,
          lastError: outcome.note ?? null,
          leaseUntil: null,
        },
      });
      if (count > 0 && d.endpointId) {
        const { count: recovered } = await tx.webhookEndpoint.updateMany({
          where: { id: d.endpointId, failingSince: { not: null } },
          data: { failingSince: null },
        });
        // Back: what waited behind the failing endpoint is due at once.
        if (recovered > 0) {
          await tx.delivery.updateMany({
            where: { endpointId: d.endpointId, status: "pending", nextAttemptAt: { gt: now } },
            data: { nextAttemptAt: now },
          });
        }
      }
      return;
    }
    const next = nextAttemptAt(d.attempts, now);
    const { count } = await tx.delivery.updateMany({
      where: fence,
      data: {
        status: next ? "pending" : "failed",
        nextAttemptAt: next ?? now,
        responseCode: outcome.code ?? null,
        lastError: outcome.error.slice(0, 1000),
        leaseUntil: null,
      },
    });
    if (count === 0 || !d.endpointId) return;
    // A failing endpoint is probed by one delivery at a time: the others wait for that one's
    // next attempt, so that an endpoint that hangs costs one timeout per step of the
    // backoff, not one per delivery (and never holds the lanes from everyone's mail).
    if (next) {
      await tx.delivery.updateMany({
        where: {
          endpointId: d.endpointId,
          status: "pending",
          id: { not: d.id },
          nextAttemptAt: { lt: next },
        },
        data: { nextAttemptAt: next },
      });
    }
    const [endpoint] = await tx.$queryRaw<Array<{ name: string; failingSince: Date }>>`
      UPDATE "WebhookEndpoint" SET "failingSince" = COALESCE("failingSince", ${now})
      WHERE id = ${d.endpointId}::uuid AND "disabledAt" IS NULL
      RETURNING name, "failingSince"`;
    if (!endpoint || now.getTime() - endpoint.failingSince.getTime() < DISABLE_AFTER_MS) return;
    const reason = `no delivery succeeded since ${endpoint.failingSince.toISOString()}; the last ${outcome.error}`;
    await tx.webhookEndpoint.update({
      where: { id: d.endpointId },
      data: { disabledAt: now, disabledReason: reason.slice(0, 1000) },
    });
    await recordAudit(tx, {
      actorId: null,
      actorLabel: "delivery worker",
      action: "webhook.disable",
      entity: "WebhookEndpoint",
      entityId: d.endpointId,
      after: { reason },
    });
    await recordEvent(tx, {
      name: "webhook.disabled",
      claimId: null,
      actorId: null,
      payload: { subject: endpoint.name, reason: outcome.error.slice(0, 300) },
    });
  });
}

/** The address a mail or webhook points at for an event: its claim, or the page it is about. */
function eventLink(event: { name: string; claimId: string | null }): string {
  if (event.claimId) return `${deskUrl()}/claims/${event.claimId}`;
  if (event.name === "feed.failing") return `${deskUrl()}/feeds`;
  if (event.name === "import.failed") return `${deskUrl()}/articles/import`;
  if (event.name === "webhook.disabled") return `${deskUrl()}/admin/webhooks`;
  return `${deskUrl()}/notifications`;
}

async function eventMailOf(eventId: bigint): Promise<MailMessage | null> {
  const event = await prisma.outboxEvent.findUnique({
    where: { id: eventId },
    select: { name: true, claimId: true, text: true },
  });
  if (!event?.text) return null;
  return eventMail(event.text, eventLink(event), `${deskUrl()}/notifications/settings`);
}

/** An event as webhook receivers get it (the OpenAPI description's WebhookEvent). */
export async function webhookEventOf(eventId: bigint): Promise<WebhookEvent> {
  const event = await prisma.outboxEvent.findUniqueOrThrow({
    where: { id: eventId },
    select: {
      id: true,
      name: true,
      createdAt: true,
      text: true,
      payload: true,
      claimId: true,
      actor: { select: { id: true, name: true } },
      claim: { select: { id: true, text: true } },
    },
  });
  const payload = event.payload as EventPayload;
  const verdict = payload.verdictId
    ? await prisma.verdict.findUnique({ where: { id: payload.verdictId }, select: { label: true } })
    : null;
  const data: WebhookEvent["data"] = {};
  if (payload.reason) data.reason = payload.reason;
  if (verdict) data.verdict = verdict.label;
  if (payload.subject) data.subject = payload.subject;
  if (payload.url) data.publishedUrl = payload.url;
  if (payload.matchedClaimId) data.repeats = payload.matchedClaimId;
  return {
    id: String(event.id),
    type: event.name as EventName,
    createdAt: event.createdAt.toISOString(),
    actor: event.actor,
    claim: event.claim ? { ...event.claim, url: eventLink(event) } : null,
    data,
    text: event.text ?? "",
  };
}

/** How many items each digest section lists before "and N more". */
const DIGEST_ITEMS = 10;
const OPEN_STATES = ["NEW", "IN_REVIEW"] as const;

/**
 * A person's digest as it stands when sent: claims assigned to them and open, those of them
 * overdue, claims returned to them in the last day, and (editors) claims waiting for
 * approval. Null when all are empty.
 */
export async function digestOf(user: {
  id: string;
  name: string;
  role: string;
}): Promise<MailMessage | null> {
  const now = new Date();
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  const mine = { assigneeId: user.id, state: { in: [...OPEN_STATES] } };
  const section = async (
    title: string,
    where: Prisma.ClaimWhereInput,
    orderBy: Prisma.ClaimOrderByWithRelationInput[],
  ): Promise<DigestSection> => {
    const [items, total] = await Promise.all([
      prisma.claim.findMany({
        where,
        orderBy,
        take: DIGEST_ITEMS,
        select: { id: true, text: true },
      }),
      prisma.claim.count({ where }),
    ]);
    return {
      title,
      items: items.map((c) => ({
        text: c.text.length > 140 ? `${c.text.slice(0, 139)}…` : c.text,
        url: `${deskUrl()}/claims/${c.id}`,
      })),
      more: total - items.length,
    };
  };
  const returned = await prisma.outboxEvent.findMany({
    where: {
      name: "claim.returned",
      createdAt: { gte: dayAgo },
      payload: { path: ["assigneeId"], equals: user.id },
    },
    select: { claimId: true },
  });
  const sections = await Promise.all([
    section("Overdue", { ...mine, dueAt: { lt: now } }, [{ dueAt: "asc" }]),
    section(
      "Returned to you in the last day",
      { ...mine, id: { in: returned.map((e) => e.claimId!).filter(Boolean) } },
      [{ updatedAt: "desc" }],
    ),
    section("Assigned to you", { ...mine, OR: [{ dueAt: null }, { dueAt: { gte: now } }] }, [
      { dueAt: { sort: "asc", nulls: "last" } },
      { id: "asc" },
    ]),
    ...(user.role === "EDITOR" || user.role === "ADMIN"
      ? [
          section("Waiting for approval", { state: "SUBMITTED", NOT: { assigneeId: user.id } }, [
            { updatedAt: "asc" },
          ]),
        ]
      : []),
  ]);
  return digestMail(user.name, sections, `${deskUrl()}/notifications/settings`);
}

/**
 * Each day from CLAIMDESK_DIGEST_HOUR (UTC): a digest to send to each active person who
 * asked for one, once a day (a unique key on person and day; every worker may run this).
 * Returns how many were queued.
 */
export async function scheduleDigests(now = new Date()): Promise<number> {
  if (!mailEnabled() || now.getUTCHours() < settings().CLAIMDESK_DIGEST_HOUR) return 0;
  const day = now.toISOString().slice(0, 10);
  return prisma.$executeRaw`
    INSERT INTO "Delivery" (channel, "userId", "digestDay")
    SELECT 'email', id, ${day}::date FROM "User"
    WHERE "dailyDigest" AND "disabledAt" IS NULL
    ON CONFLICT DO NOTHING`;
}
