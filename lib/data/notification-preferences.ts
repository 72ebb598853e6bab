import "server-only";
import { prisma } from "@/lib/db";
import { EVENT_AUDIENCE, EVENT_INFO, EVENT_NAMES, type EventName } from "@/lib/domain/events";
import { hasRole } from "@/lib/domain/roles";
import type { PreferencesInput } from "@/lib/validation/notifications";
import { mailEnabled } from "@/lib/mail";
import { recordAudit } from "./audit";
import type { SessionUser } from "./users";

/** The events a person can receive: editors' events for editors, admins' for admins. */
export function eventsFor(role: SessionUser["role"]): EventName[] {
  return EVENT_NAMES.filter((name) => {
    const audience = EVENT_AUDIENCE[name];
    if (audience === "editors") return hasRole(role, "EDITOR");
    if (audience === "admins") return hasRole(role, "ADMIN");
    if (name === "feed.failing") return hasRole(role, "EDITOR");
    return true;
  });
}

/** A person's settings: each of their events with its channels (the defaults where unset). */
export async function preferencesOf(user: SessionUser) {
  const [rows, person] = await Promise.all([
    prisma.notificationPreference.findMany({ where: { userId: user.id } }),
    prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { dailyDigest: true } }),
  ]);
  const chosen = new Map(rows.map((r) => [r.event, r]));
  return {
    mailOn: mailEnabled(),
    dailyDigest: person.dailyDigest,
    events: eventsFor(user.role).map((event) => ({
      event,
      label: EVENT_INFO[event].label,
      inApp: chosen.get(event)?.inApp ?? EVENT_INFO[event].inApp,
      email: chosen.get(event)?.email ?? EVENT_INFO[event].email,
    })),
  };
}

/** Saves a person's settings (only events they can receive), audited in the same transaction. */
export async function savePreferences(user: SessionUser, input: PreferencesInput) {
  const theirs = new Set(eventsFor(user.role));
  const events = input.events.filter((e) => theirs.has(e.event));
  await prisma.$transaction(async (tx) => {
    for (const e of events) {
      await tx.notificationPreference.upsert({
        where: { userId_event: { userId: user.id, event: e.event } },
        create: { userId: user.id, event: e.event, inApp: e.inApp, email: e.email },
        update: { inApp: e.inApp, email: e.email, updatedAt: new Date() },
      });
    }
    await tx.user.update({ where: { id: user.id }, data: { dailyDigest: input.dailyDigest } });
    await recordAudit(tx, {
      actorId: user.id,
      action: "notifications.preferences",
      entity: "User",
      entityId: user.id,
      after: { events, dailyDigest: input.dailyDigest },
    });
  });
  return { saved: events.length };
}
