import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { approveClaim, returnClaim } from "@/lib/data/approval";
import { assignClaims } from "@/lib/data/assignment";
import { changeClaim } from "@/lib/data/claim-writer";
import {
  countUnread,
  dispatchNextEvent,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  MAX_ATTEMPTS,
} from "@/lib/data/outbox";
import { saveReview } from "@/lib/data/review";
import type { SessionUser } from "@/lib/data/users";
import { reviewFormInput } from "@/lib/validation/review";
import { createClaim, createUser } from "@/seeds/factories";
import { asSession } from "../support/session";
import { submittedClaim } from "../support/submitted";

let reviewer: SessionUser;
let editor: SessionUser;
let otherEditor: SessionUser;
let disabledEditor: SessionUser;
let verdictId: string;

beforeAll(async () => {
  reviewer = asSession(await createUser(prisma, { role: "REVIEWER", name: "Rita Notified" }));
  editor = asSession(await createUser(prisma, { role: "EDITOR", name: "Ed Notifier" }));
  otherEditor = asSession(await createUser(prisma, { role: "EDITOR" }));
  disabledEditor = asSession(await createUser(prisma, { role: "EDITOR", disabled: true }));
  verdictId = (
    await prisma.verdict.upsert({
      where: { key: "notify-false" },
      update: {},
      create: { key: "notify-false", label: "False (notify)", ratingValue: 1, order: 97 },
    })
  ).id;
});

afterAll(async () => {
  await prisma.$disconnect();
});

const version = async (id: string) =>
  (await prisma.claim.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;

const eventsOf = (claimId: string) =>
  prisma.outboxEvent.findMany({ where: { claimId }, orderBy: { id: "asc" } });

/** Dispatches until this claim's events are all out (other files' events go out too). */
async function dispatchAll(claimId: string) {
  for (let i = 0; i < 1000; i++) {
    const pending = await prisma.outboxEvent.count({
      where: { claimId, dispatchedAt: null, attempts: { lt: MAX_ATTEMPTS } },
    });
    if (pending === 0) return;
    await dispatchNextEvent();
  }
  throw new Error("the outbox did not drain");
}

/** A claim the reviewer took and submitted. */
const submitted = async () =>
  (
    await submittedClaim(reviewer, verdictId, {
      text: "The bridge cost $4 million, officials said.",
    })
  ).id;

describe("the outbox", () => {
  it("writes an event with its change and its audit event, and none for a change rolled back", async () => {
    const id = await submitted();
    expect((await eventsOf(id)).map((e) => e.name)).toEqual(["claim.submitted"]);
    await returnClaim(editor, { claimId: id, version: await version(id), reason: "Cite the page" });
    const events = await eventsOf(id);
    expect(events.map((e) => [e.name, e.actorId, e.payload])).toEqual([
      ["claim.submitted", reviewer.id, expect.objectContaining({ assigneeId: reviewer.id })],
      ["claim.returned", editor.id, expect.objectContaining({ reason: "Cite the page" })],
    ]);
    // The same change in a transaction that fails afterwards: no event, no audit, no return.
    const other = await submitted();
    const before = (await eventsOf(other)).length;
    const audits = await prisma.auditEvent.count({ where: { entityId: other } });
    await expect(
      prisma.$transaction(async (tx) => {
        await changeClaim(
          tx,
          editor,
          { id: other, version: await version(other) },
          { action: "return", audit: "claim.return", note: { reason: "never" } },
        );
        throw new Error("the rest of the change failed");
      }),
    ).rejects.toThrow("the rest of the change failed");
    expect(await eventsOf(other)).toHaveLength(before);
    expect(await prisma.auditEvent.count({ where: { entityId: other } })).toBe(audits);
    expect((await prisma.claim.findUniqueOrThrow({ where: { id: other } })).state).toBe(
      "SUBMITTED",
    );
    // A refused change (a stale version) writes none either.
    await expect(
      returnClaim(editor, { claimId: other, version: 1, reason: "stale" }),
    ).rejects.toThrow();
    expect(await eventsOf(other)).toHaveLength(before);
  });

  it("tells each person what concerns them, once: the reviewer a return, active editors a submission, never the actor", async () => {
    const id = await submitted();
    await dispatchAll(id);
    const editorsTold = await prisma.notification.findMany({
      where: { claimId: id, event: "claim.submitted" },
      select: { userId: true, text: true },
    });
    const told = editorsTold.map((n) => n.userId);
    expect(told).toEqual(expect.arrayContaining([editor.id, otherEditor.id]));
    expect(told).not.toContain(disabledEditor.id);
    expect(told).not.toContain(reviewer.id);
    expect(editorsTold[0]!.text).toBe(
      "Rita Notified submitted “The bridge cost $4 million, officials said.” for approval",
    );

    await returnClaim(editor, { claimId: id, version: await version(id), reason: "Cite the page" });
    await dispatchAll(id);
    const returned = await prisma.notification.findMany({
      where: { claimId: id, event: "claim.returned" },
    });
    expect(returned.map((n) => [n.userId, n.text])).toEqual([
      [
        reviewer.id,
        "Ed Notifier returned “The bridge cost $4 million, officials said.” to you: Cite the page",
      ],
    ]);
    // An assignment tells the assignee, not the editor who made it.
    const fresh = await createClaim(prisma);
    await assignClaims(editor, {
      claims: [{ id: fresh.id, version: 1 }],
      assigneeId: reviewer.id,
      dueAt: null,
    });
    await dispatchAll(fresh.id);
    expect(
      (await prisma.notification.findMany({ where: { claimId: fresh.id } })).map((n) => n.userId),
    ).toEqual([reviewer.id]);
  });

  it("delivers an event interrupted half-way once, on the next try; a broken one is left after its last attempt with its error", async () => {
    const id = await submitted();
    // The in-app channel fails in the middle of the delivery (a trigger refuses the
    // notification of this claim): nothing of it stays, the event is still to be sent.
    await prisma.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION refuse_notification() RETURNS trigger AS $$
      BEGIN
        IF NEW."claimId" = '${id}'::uuid THEN RAISE EXCEPTION 'delivery cut'; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await prisma.$executeRawUnsafe(`
      CREATE TRIGGER refuse_notification BEFORE INSERT ON "Notification"
      FOR EACH ROW EXECUTE FUNCTION refuse_notification()`);
    try {
      // Tried until it fails (here, or by a worker of another test file meanwhile).
      for (let i = 0; i < 1000 && (await eventsOf(id))[0]!.attempts === 0; i++) {
        await dispatchNextEvent().catch(() => undefined);
      }
      const [event] = await eventsOf(id);
      expect(event!.dispatchedAt).toBeNull();
      expect(event!.attempts).toBeGreaterThanOrEqual(1);
      expect(event!.lastError).toContain("delivery cut");
      expect(await prisma.notification.count({ where: { claimId: id } })).toBe(0);
    } finally {
      await prisma.$executeRawUnsafe(`DROP TRIGGER refuse_notification ON "Notification"`);
      await prisma.$executeRawUnsafe(`DROP FUNCTION refuse_notification()`);
    }
    // Two dispatchers at once: the event goes out once, each editor told once.
    await Promise.all([dispatchAll(id), dispatchAll(id)]);
    const [sent] = await eventsOf(id);
    expect(sent!.lastError).toBeNull();
    expect(sent!.attempts).toBeGreaterThanOrEqual(2);
    expect(sent!.dispatchedAt).not.toBeNull();
    const notes = await prisma.notification.findMany({ where: { claimId: id } });
    expect(new Set(notes.map((n) => n.userId)).size).toBe(notes.length);
    expect(notes.map((n) => n.userId)).toEqual(expect.arrayContaining([editor.id]));

    // An event that can never be delivered stops being tried after MAX_ATTEMPTS.
    await prisma.outboxEvent.update({
      where: { id: sent!.id },
      data: { dispatchedAt: null, attempts: MAX_ATTEMPTS },
    });
    for (let i = 0; i < 20; i++) await dispatchNextEvent();
    expect((await eventsOf(id))[0]!.dispatchedAt).toBeNull();
  });

  it("sends one claim's events in order: a later one waits while an earlier one is being delivered", async () => {
    const id = await submitted();
    await returnClaim(editor, { claimId: id, version: await version(id), reason: "Again" });
    const [first, second] = await eventsOf(id);
    const otherClaim = await submitted();
    // Another dispatcher holds the first event (its transaction is open).
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM "OutboxEvent" WHERE id = ${first!.id} FOR UPDATE`;
        locked();
        await held;
      },
      { timeout: 60_000 },
    );
    await isLocked;
    try {
      await dispatchAll(otherClaim);
      for (let i = 0; i < 50; i++) await dispatchNextEvent();
      const [a, b] = await eventsOf(id);
      expect(a!.dispatchedAt).toBeNull();
      expect(b!.dispatchedAt).toBeNull();
      expect(b!.id).toBe(second!.id);
    } finally {
      release();
      await holder;
    }
    await dispatchAll(id);
    const [a, b] = await eventsOf(id);
    expect(a!.dispatchedAt!.getTime()).toBeLessThanOrEqual(b!.dispatchedAt!.getTime());
  });
});

describe("a person's notifications", () => {
  it("counts the unread, lists the newest first, and marks one or all read, never another person's", async () => {
    const id = await submitted();
    await returnClaim(editor, { claimId: id, version: await version(id), reason: "First" });
    await dispatchAll(id);
    await saveReview(
      reviewer,
      reviewFormInput.parse({
        claimId: id,
        version: await version(id),
        verdictId,
        rationale: "The city's report lists $3.1 million.",
        evidence: [{ url: "https://example.org/report", stance: "REFUTES", sourceType: "PRIMARY" }],
      }),
      { submit: true },
    );
    await approveClaim(otherEditor, { claimId: id, version: await version(id) });
    await dispatchAll(id);
    const mine = (await listNotifications(reviewer.id)).filter((n) => n.claimId === id);
    expect(mine.map((n) => n.event)).toEqual(["claim.approved", "claim.returned"]);
    expect(mine[0]!.text).toContain("as False (notify)");
    const unread = await countUnread(reviewer.id);
    expect(unread).toBeGreaterThanOrEqual(2);
    // Another person cannot mark the reviewer's.
    expect(await markNotificationRead(editor, { id: mine[0]!.id })).toEqual({ marked: 0 });
    expect(await markNotificationRead(reviewer, { id: mine[0]!.id })).toEqual({ marked: 1 });
    expect(await countUnread(reviewer.id)).toBe(unread - 1);
    await markAllNotificationsRead(reviewer);
    expect(await countUnread(reviewer.id)).toBe(0);
  });
});
