import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

/**
 * The import queue itself (lib/data/import-queue.ts), against a database of this file's
 * own so that no other test's items are in the way: the fair pick between people, the two
 * lanes, the per-host limit, the per-person ceiling, and the sweep of lost deliveries.
 */
const state = await vi.hoisted(async () => {
  const { inject } = await import("vitest");
  const { usePrivateDatabase } = await import("../support/private-database");
  return { database: await usePrivateDatabase(inject("adminDatabaseUrl")) };
});

const { prisma } = await import("@/lib/db");
const batches = await import("@/lib/data/import-batches");
const queue = await import("@/lib/data/import-queue");
const { createUser } = await import("@/seeds/factories");

const bytes = (text: string) => new TextEncoder().encode(text);
const LEASE = 60_000;
let ana: string;
let ben: string;
let cleo: string;

beforeAll(async () => {
  const ids = await Promise.all(
    [1, 2, 3].map(async () => (await createUser(prisma, { role: "REVIEWER" })).id),
  );
  [ana, ben, cleo] = ids as [string, string, string];
});

afterAll(async () => {
  await prisma.$disconnect();
  await state.database.drop();
});

/** Nothing waits or runs: each test starts from an empty queue. */
async function emptyQueue() {
  await prisma.importItem.deleteMany();
  await prisma.importTurn.deleteMany();
}

const paste = (n: number) => ({
  source: `Pasted: ${n}`,
  kind: "ARTICLE" as const,
  content: bytes(JSON.stringify({ title: `${n}`, body: `Body ${n}.` })),
});

async function queueFrom(userId: string, count: number, label = "a") {
  const items = Array.from({ length: count }, (_, i) => paste(i));
  return batches.queueImport({ userId }, items, { label });
}

/** Takes items of a lane until none is left, returning whose each was. */
async function takeAll(lane: "document" | "url", limit = 100, hostLimit = 2) {
  const owners: string[] = [];
  for (let i = 0; i < limit; i++) {
    const item = await queue.takeImportItem({
      workerId: "w",
      lane,
      leaseMs: LEASE,
      hostLimit,
    });
    if (!item) break;
    owners.push(item.actor.userId!);
  }
  return owners;
}

describe("the fair pick", () => {
  it("serves people in turn, not in the order they queued: one person's sixteen do not stall another's one", async () => {
    await emptyQueue();
    await queueFrom(ana, 16);
    await queueFrom(ben, 1);
    await queueFrom(cleo, 2);
    // Ana queued first, but after her first item Ben's and Cleo's come, then the rest in turn.
    const order = await takeAll("document");
    expect(order.slice(0, 5)).toEqual([ana, ben, cleo, ana, cleo]);
    expect(order.slice(5)).toEqual(Array(14).fill(ana));
  });

  it("gives the next item to whoever has the fewest running, over many workers at once", async () => {
    await emptyQueue();
    await queueFrom(ana, 10);
    // Ana's three run (taken by workers); Ben queues one: his is next, whoever asks.
    for (let i = 0; i < 3; i++)
      await queue.takeImportItem({ workerId: `w${i}`, lane: "document", leaseMs: LEASE });
    await queueFrom(ben, 1);
    const [first, second] = await Promise.all(
      ["x", "y"].map((workerId) =>
        queue.takeImportItem({ workerId, lane: "document", leaseMs: LEASE }),
      ),
    );
    const owners = [first!.actor.userId, second!.actor.userId].sort();
    expect(owners).toEqual([ana, ben].sort());
    expect(first!.id).not.toBe(second!.id);
  });

  it("takes what a person sent before what their feeds found", async () => {
    await emptyQueue();
    await prisma.$transaction(async (tx) => {
      const batch = { id: "", createdById: ana, label: "feed: Ledger" };
      batch.id = (
        await tx.importBatch.create({
          data: { createdById: ana, label: batch.label },
          select: { id: true },
        })
      ).id;
      await batches.queueItemsIn(tx, batch, 0, [batches.urlItem("https://a.example/1")], {
        priority: 1,
      });
    });
    const { itemIds } = await batches.queueImport({ userId: ana }, [
      batches.urlItem("https://b.example/2"),
    ]);
    const first = await queue.takeImportItem({ workerId: "w", lane: "url", leaseMs: LEASE });
    expect(first!.id).toBe(itemIds[0]);
  });
});

describe("lanes and hosts", () => {
  it("keeps web addresses out of the document lane and the other way round", async () => {
    await emptyQueue();
    await batches.queueImport({ userId: ana }, [batches.urlItem("https://news.example/a")]);
    await queueFrom(ben, 1);
    const document = await queue.takeImportItem({
      workerId: "w",
      lane: "document",
      leaseMs: LEASE,
    });
    const url = await queue.takeImportItem({ workerId: "w", lane: "url", leaseMs: LEASE });
    expect([document!.kind, url!.kind]).toEqual(["ARTICLE", "URL"]);
    expect(await queue.takeImportItem({ workerId: "w", lane: "url", leaseMs: LEASE })).toBeNull();
  });

  it("runs at most the per-host limit of fetches from one host; other hosts go on", async () => {
    await emptyQueue();
    const slow = Array.from({ length: 10 }, (_, i) =>
      batches.urlItem(`https://stuck.example/${i}`),
    );
    await batches.queueImport({ userId: ana }, slow);
    await batches.queueImport({ userId: ana }, [batches.urlItem("https://other.example/1")]);
    const taken = [];
    for (let i = 0; i < 5; i++) {
      const item = await queue.takeImportItem({
        workerId: "w",
        lane: "url",
        leaseMs: LEASE,
        hostLimit: 2,
      });
      if (item) taken.push(new URL(Buffer.from(item.content!).toString()).host);
    }
    expect(taken.sort()).toEqual(["other.example", "stuck.example", "stuck.example"]);
  });
});

describe("the ceiling on waiting imports", () => {
  it("refuses more than a person may have waiting, and says how many wait", async () => {
    await emptyQueue();
    await batches.queueImport({ userId: ana }, [paste(1), paste(2)], { maxQueued: 3 });
    await expect(
      batches.queueImport({ userId: ana }, [paste(3), paste(4)], { maxQueued: 3 }),
    ).rejects.toThrow("You have 2 imports waiting (at most 3); wait for them or cancel some.");
    // Another person is not counted against her, and running items do not count.
    await batches.queueImport({ userId: ben }, [paste(5), paste(6), paste(7)], { maxQueued: 3 });
    await queue.takeImportItem({ workerId: "w", lane: "document", leaseMs: LEASE });
    await queue.takeImportItem({ workerId: "w", lane: "document", leaseMs: LEASE });
    const waiting = await queue.queuedItemsOf(ana);
    await batches.queueImport({ userId: ana }, [paste(8)], { maxQueued: waiting + 1 });
    expect(await prisma.importItem.count({ where: { ownerKey: ana } })).toBe(3);
  });
});

describe("lost deliveries", () => {
  it("queues again an item whose lease passed, and fails it after its last attempt", async () => {
    await emptyQueue();
    const { itemIds } = await queueFrom(ana, 1);
    const id = itemIds[0]!;
    for (let attempt = 1; attempt <= queue.MAX_ATTEMPTS; attempt++) {
      const item = await queue.takeImportItem({ workerId: "w", lane: "document", leaseMs: 50 });
      expect(item).toMatchObject({ id, attempt });
      await new Promise((r) => setTimeout(r, 150));
      const swept = await queue.sweepExpiredLeases();
      expect(swept).toEqual(
        attempt < queue.MAX_ATTEMPTS ? { requeued: 1, failed: 0 } : { requeued: 0, failed: 1 },
      );
    }
    const ended = await prisma.importItem.findUniqueOrThrow({ where: { id } });
    expect(ended).toMatchObject({ status: "FAILED", attempts: 4, content: null });
    expect(ended.error).toMatch(/tried 4 times/);
  });

  it("gives an interrupted item back after a back-off, fenced by its attempt", async () => {
    await emptyQueue();
    await queueFrom(ana, 1);
    const item = await queue.takeImportItem({ workerId: "w", lane: "document", leaseMs: LEASE });
    expect(await queue.retryImportItem(item!)).toBe("QUEUED");
    // Waiting its back-off: not taken at once.
    expect(
      await queue.takeImportItem({ workerId: "w", lane: "document", leaseMs: LEASE }),
    ).toBeNull();
    const row = await prisma.importItem.findUniqueOrThrow({ where: { id: item!.id } });
    expect(row.availableAt.getTime()).toBeGreaterThan(Date.now() + 3_000);
    // A second give-back of the same delivery does nothing.
    expect(await queue.retryImportItem(item!)).toBeNull();
  });
});
