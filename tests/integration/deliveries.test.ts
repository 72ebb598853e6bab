import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

/**
 * Mail and webhooks, end to end on this machine: a real SMTP server and a real HTTP
 * receiver, the dispatcher and the delivery lane on a database of this file's own (no other
 * file's events reach its endpoints), and a worker process killed with kill -9 while a
 * webhook is in flight.
 */
const state = await vi.hoisted(async () => {
  const { inject } = await import("vitest");
  const { usePrivateDatabase } = await import("../support/private-database");
  const { startSmtpServer } = await import("../support/receivers");
  const smtp = await startSmtpServer();
  process.env.CLAIMDESK_SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
  process.env.CLAIMDESK_FETCH_ALLOW_HOSTS = "127.0.0.1";
  process.env.CLAIMDESK_DELIVERY_TIMEOUT_SECONDS = "3";
  return { smtp, database: await usePrivateDatabase(inject("adminDatabaseUrl")) };
});

const { prisma } = await import("@/lib/db");
const { assignClaims } = await import("@/lib/data/assignment");
const { returnClaim } = await import("@/lib/data/approval");
const { dispatchNextEvent } = await import("@/lib/data/outbox");
const { deliverNext, scheduleDigests, takeDueDelivery } = await import("@/lib/data/deliveries");
const { savePreferences } = await import("@/lib/data/notification-preferences");
const { tellFinishedImports } = await import("@/lib/data/import-batches");
const { addFeed, recordFeedFailure, takeDueFeed } = await import("@/lib/data/feeds");
const webhooks = await import("@/lib/data/webhooks");
const { BACKOFF_MINUTES, MAX_DELIVERY_ATTEMPTS, verifySignature, webhookEventSchema } =
  await import("@/lib/domain/webhooks");
const { createClaim, createUser } = await import("@/seeds/factories");
const { asSession } = await import("../support/session");
const { submittedClaim } = await import("../support/submitted");
const { startWebhookReceiver } = await import("../support/receivers");
const { startWorkerProcess } = await import("@/scripts/app-process");

const receiver = await startWebhookReceiver();
const admin = asSession(await createUser(prisma, { role: "ADMIN", name: "Ada Admin" }));
const editor = asSession(await createUser(prisma, { role: "EDITOR", name: "Ed Editor" }));
const rita = asSession(await createUser(prisma, { role: "REVIEWER", name: "Rita Reviewer" }));
const quiet = asSession(await createUser(prisma, { role: "REVIEWER", name: "Quinn Quiet" }));
const verdictId = (
  await prisma.verdict.create({
    data: { key: "deliveries-false", label: "False", ratingValue: 1, order: 1 },
  })
).id;

afterAll(async () => {
  await receiver.close();
  await state.smtp.close();
  await prisma.$disconnect();
  await state.database.drop();
});

beforeEach(async () => {
  // What an earlier test left in the outbox goes out before its endpoints are deleted.
  await drain();
  receiver.answer = () => 204;
  receiver.received.length = 0;
  state.smtp.mails.length = 0;
  await prisma.webhookEndpoint.deleteMany();
});

/** Dispatches every event, sending nothing yet. */
async function dispatchAll() {
  while (await dispatchNextEvent());
}

/** Dispatches every event and sends every delivery due now, as a worker would. */
async function drain() {
  for (let i = 0; i < 500; i++) {
    const dispatched = await dispatchNextEvent();
    const sent = await deliverNext();
    if (!dispatched && !sent) return;
  }
  throw new Error("the outbox did not drain");
}

const version = async (id: string) =>
  (await prisma.claim.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;

/** A claim returned to Rita with `reason`. */
async function returned(reason: string) {
  const claim = await submittedClaim(rita, verdictId, {
    text: "The port handled 12 million containers last year, the minister said.",
  });
  await returnClaim(editor, { claimId: claim.id, version: await version(claim.id), reason });
  return claim.id;
}

async function endpoint(events: string[], format: "json" | "slack" = "json") {
  return webhooks.createWebhook(admin, {
    name: "CMS",
    url: receiver.url,
    events: events as never,
    format,
  });
}

describe("mail", () => {
  it("goes to whoever wants the event by mail, carries the event's words and a link, and nothing for whoever turned it off", async () => {
    await savePreferences(quiet, {
      events: [{ event: "claim.assigned", inApp: false, email: false }],
      dailyDigest: false,
    });
    const claims = await Promise.all([
      createClaim(prisma, { text: "Unemployment fell to 4 percent, the mayor said." }),
      createClaim(prisma, { text: "Crime doubled in a year, the senator said." }),
    ]);
    await assignClaims(editor, {
      claims: [{ id: claims[0]!.id, version: 1 }],
      assigneeId: rita.id,
      dueAt: null,
    });
    await assignClaims(editor, {
      claims: [{ id: claims[1]!.id, version: 1 }],
      assigneeId: quiet.id,
      dueAt: null,
    });
    await drain();
    const mails = state.smtp.mails;
    expect(mails.map((m) => m.to && "text" in m.to && m.to.text)).toEqual([
      expect.stringContaining(rita.email),
    ]);
    const [mail] = mails;
    expect(mail!.subject).toBe(
      "ClaimDesk: Ed Editor assigned you a claim: “Unemployment fell to 4 percent, the mayor said.”",
    );
    expect(mail!.text).toContain(`/claims/${claims[0]!.id}`);
    expect(mail!.html).toContain(`/claims/${claims[0]!.id}`);
    expect(mail!.headers.get("x-claimdesk-event-id")).toMatch(/^\d+$/);
    // Quinn turned both channels off: no mail, no notification.
    expect(await prisma.notification.count({ where: { userId: quiet.id } })).toBe(0);
    expect(
      await prisma.notification.count({ where: { userId: rita.id, claimId: claims[0]!.id } }),
    ).toBe(1);
  });

  it("sends each person who asked a daily digest once a day, from the digest hour, and none with nothing to tell", async () => {
    const idle = await createUser(prisma, { role: "REVIEWER", name: "Nina Nothing" });
    await prisma.user.updateMany({
      where: { id: { in: [rita.id, idle.id] } },
      data: { dailyDigest: true },
    });
    const overdue = await createClaim(prisma, {
      text: "Rents rose 30 percent, the councillor said.",
      assigneeId: rita.id,
      state: "IN_REVIEW",
    });
    await prisma.claim.update({
      where: { id: overdue.id },
      data: { dueAt: new Date(Date.now() - 86_400_000) },
    });
    const early = new Date();
    early.setUTCHours(6, 0, 0, 0);
    expect(await scheduleDigests(early)).toBe(0);
    const morning = new Date();
    morning.setUTCHours(8, 0, 0, 0);
    expect(await scheduleDigests(morning)).toBe(2);
    expect(await scheduleDigests(morning)).toBe(0);
    await drain();
    const digests = state.smtp.mails.filter((m) => m.subject?.startsWith("ClaimDesk digest"));
    // Nina has nothing assigned, overdue or returned: no mail for her.
    expect(digests).toHaveLength(1);
    expect(digests[0]!.to && "text" in digests[0]!.to && digests[0]!.to.text).toContain(rita.email);
    expect(digests[0]!.text).toMatch(/Overdue:\n- Rents rose 30 percent/);
    expect(digests[0]!.text).toContain(`/claims/${overdue.id}`);
    await prisma.user.updateMany({ data: { dailyDigest: false } });
  });
});

describe("imports that finish with failures", () => {
  it("tell their owner once, when nothing of theirs waits or runs any more", async () => {
    const owner = asSession(await createUser(prisma, { role: "REVIEWER", name: "Ivo Importer" }));
    const batch = await prisma.importBatch.create({ data: { createdById: owner.id } });
    const item = (status: "QUEUED" | "IMPORTED" | "FAILED", position: number) =>
      prisma.importItem.create({
        data: {
          batchId: batch.id,
          kind: "ARTICLE",
          source: `story-${position}`,
          status,
          position,
          ownerKey: owner.id,
        },
      });
    const [waiting] = await Promise.all([
      item("QUEUED", 0),
      item("IMPORTED", 1),
      item("FAILED", 2),
    ]);
    expect(await tellFinishedImports()).toBe(0);
    await prisma.importItem.update({ where: { id: waiting!.id }, data: { status: "FAILED" } });
    expect(await tellFinishedImports()).toBe(1);
    expect(await tellFinishedImports()).toBe(0);
    await drain();
    const told = await prisma.notification.findMany({ where: { userId: owner.id } });
    expect(told.map((n) => n.text)).toEqual(["Your import of 3 items finished: 2 of 3 failed"]);
  });
});

describe("a feed that keeps failing", () => {
  it("tells its owner at the third failure in a row, and not again at the fourth", async () => {
    const { id } = await addFeed(editor, {
      url: "http://127.0.0.1:9/feed.xml",
      intervalMinutes: 15,
    });
    for (let i = 0; i < 4; i++) {
      await prisma.feed.update({ where: { id }, data: { nextPollAt: new Date(0) } });
      const poll = await takeDueFeed({ leaseMs: 60_000 });
      expect(poll?.id).toBe(id);
      expect(await recordFeedFailure(poll!, "127.0.0.1:9 refused the connection")).toBe(true);
    }
    await drain();
    const told = await prisma.notification.findMany({
      where: { userId: editor.id, event: "feed.failing" },
    });
    expect(told.map((n) => n.text)).toEqual([
      "Your feed “http://127.0.0.1:9/feed.xml” keeps failing: 127.0.0.1:9 refused the connection",
    ]);
    await prisma.feed.delete({ where: { id } });
  });
});

describe("webhooks", () => {
  it("POST each event as JSON signed over timestamp and body: the signature verifies, a tampered body or an old timestamp fails", async () => {
    const { secret } = await endpoint(["claim.returned"]);
    const claimId = await returned("Cite the port's own figures");
    await drain();
    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    const header = String(got!.headers["x-claimdesk-signature"]);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, header, got!.body)).toBe(true);
    expect(verifySignature(secret, header, got!.body.replace("port's", "ports"))).toBe(false);
    expect(verifySignature("whsec_other", header, got!.body)).toBe(false);
    expect(verifySignature(secret, header, got!.body, Math.floor(Date.now() / 1000) + 3600)).toBe(
      false,
    );
    const event = JSON.parse(got!.body);
    // Exactly the shape the OpenAPI description publishes (a strict schema: no extra field).
    expect(webhookEventSchema.parse(event)).toEqual(event);
    expect(event).toMatchObject({
      type: "claim.returned",
      actor: { id: editor.id, name: "Ed Editor" },
      claim: { id: claimId, url: expect.stringMatching(new RegExp(`/claims/${claimId}$`)) },
      data: { reason: "Cite the port's own figures" },
    });
    expect(got!.headers["x-claimdesk-event-id"]).toBe(event.id);
    expect(got!.headers["x-claimdesk-event"]).toBe("claim.returned");
    // Nobody's address leaves the desk.
    expect(got!.body).not.toContain("@");
    const log = await prisma.delivery.findFirstOrThrow({ where: { channel: "webhook" } });
    expect(log).toMatchObject({ status: "delivered", attempts: 1, responseCode: 204 });
  });

  it("speaks Slack's incoming-webhook format when asked", async () => {
    await endpoint(["claim.returned"], "slack");
    const claimId = await returned("Too <vague> & short");
    await drain();
    const body = JSON.parse(receiver.received[0]!.body);
    expect(Object.keys(body)).toEqual(["text"]);
    expect(body.text).toContain("returned");
    expect(body.text).toContain("Too &lt;vague&gt; &amp; short");
    expect(body.text).toMatch(new RegExp(`<http://[^|]+/claims/${claimId}\\|Open in ClaimDesk>$`));
  });

  it("retries a failing delivery on the backoff schedule and gives up after the last attempt", async () => {
    await endpoint(["claim.returned"]);
    receiver.answer = () => 503;
    await returned("Again");
    await drain();
    const first = await prisma.delivery.findFirstOrThrow({ where: { channel: "webhook" } });
    expect(first).toMatchObject({ status: "pending", attempts: 1, responseCode: 503 });
    expect(first.lastError).toBe("answered 503: nope");
    const wait = (first.nextAttemptAt.getTime() - first.lastAttemptAt!.getTime()) / 60_000;
    expect(wait).toBeGreaterThanOrEqual(BACKOFF_MINUTES[0] - 0.01);
    expect(wait).toBeLessThanOrEqual(BACKOFF_MINUTES[0] * 1.1 + 0.01);
    // Each later attempt as soon as it is due (the clock moved on): the waits double.
    const waits = [wait];
    for (let attempt = 2; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      await prisma.delivery.update({
        where: { id: first.id },
        data: { nextAttemptAt: new Date() },
      });
      expect(await deliverNext()).toBe(true);
      const now = await prisma.delivery.findUniqueOrThrow({ where: { id: first.id } });
      expect(now.attempts).toBe(attempt);
      if (attempt < MAX_DELIVERY_ATTEMPTS) {
        waits.push((now.nextAttemptAt.getTime() - now.lastAttemptAt!.getTime()) / 60_000);
      } else {
        expect(now.status).toBe("failed");
      }
    }
    expect(waits.map((w, i) => w / BACKOFF_MINUTES[i]!).every((r) => r >= 0.99 && r <= 1.11)).toBe(
      true,
    );
    expect(receiver.received).toHaveLength(MAX_DELIVERY_ATTEMPTS);
    expect(await takeDueDelivery()).toBeNull();
  });

  it("holds a failing endpoint's other deliveries behind one probe, and sends them at once when it answers again", async () => {
    await endpoint(["claim.returned"]);
    receiver.answer = () => 503;
    await returned("First");
    await returned("Second");
    await dispatchAll();
    while (await deliverNext());
    // One POST: the first delivery failed, the second waits for its next attempt.
    expect(receiver.received).toHaveLength(1);
    const waiting = await prisma.delivery.findMany({
      where: { channel: "webhook" },
      orderBy: { id: "asc" },
    });
    expect(waiting.map((w) => w.attempts)).toEqual([1, 0]);
    expect(waiting[1]!.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(
      waiting[0]!.nextAttemptAt.getTime(),
    );
    // The probe's time comes and the endpoint answers: the rest go at once.
    receiver.answer = () => 204;
    await prisma.delivery.update({
      where: { id: waiting[0]!.id },
      data: { nextAttemptAt: new Date() },
    });
    while (await deliverNext());
    expect(
      (await prisma.delivery.findMany({ where: { channel: "webhook" } })).map((w) => w.status),
    ).toEqual(["delivered", "delivered"]);
    expect(receiver.received).toHaveLength(3);
  });

  it("turns off an endpoint failing for a day and tells the admins, in the app and by mail", async () => {
    const { id } = await endpoint(["claim.returned"]);
    receiver.answer = () => 500;
    await returned("Once more");
    await dispatchAll();
    await prisma.webhookEndpoint.update({
      where: { id },
      data: { failingSince: new Date(Date.now() - 25 * 3_600_000) },
    });
    while (await deliverNext());
    const off = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id } });
    expect(off.disabledAt).not.toBeNull();
    expect(off.disabledReason).toContain("answered 500");
    expect(
      await prisma.auditEvent.count({ where: { action: "webhook.disable", entityId: id } }),
    ).toBe(1);
    await drain();
    const told = await prisma.notification.findMany({ where: { event: "webhook.disabled" } });
    expect(told.map((n) => n.userId)).toEqual([admin.id]);
    expect(told[0]!.text).toContain("The webhook CMS was disabled");
    expect(state.smtp.mails.map((m) => m.subject)).toContainEqual(
      expect.stringContaining("The webhook CMS was disabled"),
    );
    // Off: a new event makes no delivery to it, and replay is refused until it is on again.
    const before = await prisma.delivery.count({ where: { endpointId: id } });
    await returned("And again");
    await drain();
    expect(await prisma.delivery.count({ where: { endpointId: id } })).toBe(before);
    const delivery = await prisma.delivery.findFirstOrThrow({ where: { endpointId: id } });
    await expect(webhooks.replayDelivery(admin, { id: String(delivery.id) })).rejects.toThrow(
      /turn it on/,
    );
  });

  it("replays a delivery: the receiver gets the same event id again", async () => {
    await endpoint(["claim.returned"]);
    await returned("Replay me");
    await drain();
    const delivery = await prisma.delivery.findFirstOrThrow({ where: { channel: "webhook" } });
    await expect(webhooks.replayDelivery(rita, { id: String(delivery.id) })).rejects.toThrow();
    await webhooks.replayDelivery(admin, { id: String(delivery.id) });
    await drain();
    const ids = receiver.received.map((r) => r.headers["x-claimdesk-event-id"]);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
    expect(await prisma.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      status: "delivered",
      attempts: 2,
    });
    expect(await prisma.auditEvent.count({ where: { action: "webhook.replay" } })).toBe(1);
  });

  it("refuses private targets: when added, and at the connection when the host resolves to one", async () => {
    for (const url of [
      "http://10.0.0.8/hook",
      "http://169.254.169.254/latest",
      "http://[::1]/x",
      "http://localhost:9/x",
    ]) {
      await expect(
        webhooks.createWebhook(admin, {
          name: "x",
          url,
          events: ["claim.returned"],
          format: "json",
        }),
        url,
      ).rejects.toThrow(/webhook address/);
    }
    // One already stored (say, before its host moved to a private address) is refused on sending.
    const stored = await prisma.webhookEndpoint.create({
      data: {
        name: "moved",
        url: receiver.url.replace("127.0.0.1", "localhost"),
        secret: "whsec_x",
        events: ["claim.returned"],
        createdById: admin.id,
      },
    });
    await returned("Private");
    await drain();
    expect(receiver.received).toHaveLength(0);
    const refused = await prisma.delivery.findFirstOrThrow({ where: { endpointId: stored.id } });
    expect(refused.status).toBe("pending");
    expect(refused.lastError).toMatch(/only public web addresses/);
  });
});

describe("a worker killed with kill -9 while a webhook is in flight", () => {
  it("leaves the delivery to its lease; another worker sends it: each channel gets the event once, by its id", async () => {
    await endpoint(["claim.returned"]);
    const env = {
      DATABASE_URL: state.database.url,
      CLAIMDESK_SMTP_URL: process.env.CLAIMDESK_SMTP_URL!,
      CLAIMDESK_FETCH_ALLOW_HOSTS: "127.0.0.1",
      CLAIMDESK_DELIVERY_TIMEOUT_SECONDS: "3",
      CLAIMDESK_WORKER_THREADS: "1",
      // "worker started" is an info line: startWorkerProcess waits for it.
      LOG_LEVEL: "info",
    };
    const first = await startWorkerProcess({ env, timeoutMs: 120_000 });
    let second: Awaited<ReturnType<typeof startWorkerProcess>> | null = null;
    try {
      // The first request is held, and its worker killed before it hears anything.
      receiver.answer = () => {
        receiver.answer = () => 204;
        first.child.kill("SIGKILL");
        return "hold";
      };
      const claimId = await returned("Across a crash");
      await expect.poll(() => first.child.signalCode, { timeout: 60_000 }).toBe("SIGKILL");
      second = await startWorkerProcess({ env, timeoutMs: 120_000 });
      await expect
        .poll(
          async () =>
            (await prisma.delivery.findFirst({ where: { channel: "webhook", claimId } }))?.status,
          { timeout: 60_000, interval: 200 },
        )
        .toBe("delivered");
      const ids = receiver.received.map((r) => r.headers["x-claimdesk-event-id"]);
      expect(ids.length).toBeGreaterThanOrEqual(2);
      expect(new Set(ids).size).toBe(1);
      const webhook = await prisma.delivery.findFirstOrThrow({
        where: { channel: "webhook", claimId },
      });
      expect(webhook.attempts).toBe(2);
      // Rita's mail and her notification: once each (a repeat would carry the same id).
      await expect
        .poll(() => state.smtp.mails.filter((m) => m.text?.includes("Across a crash")).length, {
          timeout: 30_000,
        })
        .toBeGreaterThanOrEqual(1);
      const mailIds = state.smtp.mails
        .filter((m) => m.text?.includes("Across a crash"))
        .map((m) => m.headers.get("x-claimdesk-event-id"));
      expect(new Set(mailIds)).toEqual(new Set([ids[0]]));
      expect(await prisma.notification.count({ where: { claimId, userId: rita.id } })).toBe(1);
    } finally {
      first.child.kill("SIGKILL");
      second?.child.kill("SIGKILL");
    }
  }, 240_000);
});
