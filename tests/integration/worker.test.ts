import net from "node:net";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

/**
 * A real worker (startWorker, its lanes, threads and fetches) on a database of this file's
 * own: web addresses on a host that accepts connections and never answers hold up only
 * themselves, while another person's pasted article imports at once; stopping the worker
 * gives back what it had in hand, unfailed.
 */
const state = await vi.hoisted(async () => {
  const { inject } = await import("vitest");
  const { usePrivateDatabase } = await import("../support/private-database");
  process.env.CLAIMDESK_FETCH_ALLOW_HOSTS = "127.0.0.1";
  return { database: await usePrivateDatabase(inject("adminDatabaseUrl")) };
});

const { prisma } = await import("@/lib/db");
const batches = await import("@/lib/data/import-batches");
const { startWorker } = await import("@/lib/jobs/worker");
const { createUser } = await import("@/seeds/factories");
const { articleInput } = await import("@/lib/validation/article");

let silent: net.Server;
let base = "";
const sockets = new Set<net.Socket>();

beforeAll(async () => {
  // Accepts every connection and never says a word.
  silent = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
  await prisma.$disconnect();
  await state.database.drop();
});

describe("a worker", () => {
  it("imports another person's paste while one person's addresses hang on a silent host, and gives those back when it stops", async () => {
    const [ana, ben] = await Promise.all(
      [1, 2].map(async () => (await createUser(prisma, { role: "REVIEWER" })).id),
    );
    const hanging = Array.from({ length: 10 }, (_, i) => batches.urlItem(`${base}/story-${i}`));
    const slow = await batches.queueImport({ userId: ana! }, hanging);
    const paste = await batches.queueImport({ userId: ben! }, [
      batches.pastedArticleItem(
        articleInput.parse({
          title: "Budget",
          body: "The finance minister said that inflation fell to 3 percent in October.",
        }),
      ),
    ]);
    const worker = await startWorker({
      databaseUrl: state.database.url,
      threads: 1,
      log: pino({ level: "silent" }),
    });
    try {
      await expect
        .poll(
          async () =>
            (await prisma.importItem.findUniqueOrThrow({ where: { id: paste.itemIds[0]! } }))
              .status,
          { timeout: 30_000, interval: 100 },
        )
        .toBe("IMPORTED");
      // Meanwhile the silent host has at most its two fetches running; the rest wait.
      const hung = await prisma.importItem.groupBy({
        by: ["status"],
        where: { batchId: slow.batchId },
        _count: { _all: true },
      });
      const count = (status: string) => hung.find((h) => h.status === status)?._count._all ?? 0;
      expect(count("RUNNING")).toBeLessThanOrEqual(2);
      expect(count("QUEUED") + count("RUNNING")).toBe(10);
      expect(sockets.size).toBeLessThanOrEqual(2);
    } finally {
      await worker.stop();
    }
    // Stopping gave back what was in hand: nothing failed, everything waits for a worker.
    const after = await prisma.importItem.findMany({ where: { batchId: slow.batchId } });
    expect(after.every((item) => item.status === "QUEUED" && item.error === null)).toBe(true);
  });
});
