import "server-only";
import dns from "node:dns/promises";
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { newWebhookSecret } from "@/lib/domain/webhooks";
import { addressRefusal, allowedHostsFromEnv, checkUrl, FetchError } from "@/lib/fetch/safe-fetch";
import type { WebhookInput } from "@/lib/validation/notifications";
import { recordAudit } from "./audit";
import { requireUserRole, type SessionUser } from "./users";

/**
 * Webhook endpoints, kept by admins: added with the events they want and a format, shown
 * with their delivery log; a delivery can be sent again (replay). The secret that signs
 * deliveries is shown once, when the endpoint is added.
 */

/**
 * Refuses an address the delivery lane would refuse: not http(s), credentials in it, a
 * private address written in it or resolved from its host (unless the host is in
 * CLAIMDESK_FETCH_ALLOW_HOSTS). The lane checks again at each connection; a host that
 * does not resolve now is accepted and its deliveries say why they fail.
 */
async function checkTarget(raw: string): Promise<void> {
  const allowHosts = allowedHostsFromEnv();
  try {
    const url = checkUrl(raw, allowHosts);
    const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
    if (allowHosts.includes(host)) return;
    const addresses = await dns.lookup(host, { all: true }).catch(() => []);
    for (const { address } of addresses) {
      const refusal = addressRefusal(address);
      if (refusal) {
        throw new FetchError(
          `${host} resolves to ${address}, ${refusal}; webhooks go to public addresses only`,
        );
      }
    }
  } catch (error) {
    if (error instanceof FetchError) {
      throw new AppError("VALIDATION", `Not a webhook address: ${error.message}`, {
        url: error.message,
      });
    }
    throw error;
  }
}

export async function createWebhook(admin: SessionUser, input: WebhookInput) {
  requireUserRole(admin, "ADMIN", "add webhooks");
  await checkTarget(input.url);
  const secret = newWebhookSecret(randomBytes);
  return prisma.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.create({
      data: { ...input, secret, createdById: admin.id },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: admin.id,
      action: "webhook.create",
      entity: "WebhookEndpoint",
      entityId: endpoint.id,
      after: { name: input.name, url: input.url, events: input.events, format: input.format },
    });
    return { id: endpoint.id, secret };
  });
}

/** Turns an endpoint off, or on again (which forgets how long it had been failing). */
export async function setWebhookEnabled(
  admin: SessionUser,
  input: { id: string; enabled: boolean },
) {
  requireUserRole(admin, "ADMIN", "change webhooks");
  return prisma.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({
      where: { id: input.id },
      select: { disabledAt: true },
    });
    if (!endpoint) throw new AppError("NOT_FOUND", "That webhook no longer exists.");
    if ((endpoint.disabledAt === null) === input.enabled) return { changed: false };
    await tx.webhookEndpoint.update({
      where: { id: input.id },
      data: input.enabled
        ? { disabledAt: null, disabledReason: null, failingSince: null }
        : { disabledAt: new Date(), disabledReason: `turned off by ${admin.name}` },
    });
    await recordAudit(tx, {
      actorId: admin.id,
      action: input.enabled ? "webhook.enable" : "webhook.disable",
      entity: "WebhookEndpoint",
      entityId: input.id,
    });
    return { changed: true };
  });
}

export async function deleteWebhook(admin: SessionUser, input: { id: string }) {
  requireUserRole(admin, "ADMIN", "delete webhooks");
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.webhookEndpoint.deleteMany({ where: { id: input.id } });
    if (count === 0) throw new AppError("NOT_FOUND", "That webhook no longer exists.");
    await recordAudit(tx, {
      actorId: admin.id,
      action: "webhook.delete",
      entity: "WebhookEndpoint",
      entityId: input.id,
    });
    return { deleted: true };
  });
}

/**
 * Sends a delivery again: it becomes pending and due now, with a day of retries of its
 * own, whatever became of it (delivered, failed, waiting for its next attempt).
 */
export async function replayDelivery(admin: SessionUser, input: { id: string }) {
  requireUserRole(admin, "ADMIN", "replay webhook deliveries");
  const id = BigInt(input.id);
  return prisma.$transaction(async (tx) => {
    const delivery = await tx.delivery.findUnique({
      where: { id },
      select: { channel: true, endpoint: { select: { id: true, disabledAt: true } } },
    });
    if (!delivery?.endpoint) throw new AppError("NOT_FOUND", "That delivery no longer exists.");
    if (delivery.endpoint.disabledAt) {
      throw new AppError("CONFLICT", "The webhook is off: turn it on to send its deliveries.");
    }
    await tx.delivery.update({
      where: { id },
      data: {
        status: "pending",
        nextAttemptAt: new Date(),
        firstAttemptAt: null,
        leaseUntil: null,
        deliveredAt: null,
      },
    });
    await recordAudit(tx, {
      actorId: admin.id,
      action: "webhook.replay",
      entity: "WebhookEndpoint",
      entityId: delivery.endpoint.id,
      after: { delivery: input.id },
    });
    return { replayed: true };
  });
}

/** Every endpoint with its last deliveries, newest first (the admin page). */
export async function listWebhooks(logSize = 20) {
  const endpoints = await prisma.webhookEndpoint.findMany({
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      name: true,
      url: true,
      events: true,
      format: true,
      createdAt: true,
      failingSince: true,
      disabledAt: true,
      disabledReason: true,
      createdBy: { select: { name: true } },
      deliveries: {
        orderBy: { id: "desc" },
        take: logSize,
        select: {
          id: true,
          status: true,
          attempts: true,
          responseCode: true,
          lastError: true,
          lastAttemptAt: true,
          nextAttemptAt: true,
          deliveredAt: true,
          createdAt: true,
          outboxEvent: { select: { id: true, name: true } },
        },
      },
    },
  });
  return endpoints;
}
