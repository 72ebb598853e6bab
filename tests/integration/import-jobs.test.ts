import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

/**
 * The import pipeline below the queue, against a database of this file's own (so that no
 * worker of another test takes its jobs): items claimed, read and extracted in real worker
 * threads within their budget, written exactly once; files of many articles; cancelling;
 * stranded items; re-extraction.
 */
const state = await vi.hoisted(async () => {
  const { inject } = await import("vitest");
  const { usePrivateDatabase } = await import("../support/private-database");
  return { database: await usePrivateDatabase(inject("adminDatabaseUrl")) };
});

const { prisma } = await import("@/lib/db");
const imports = await import("@/lib/data/imports");
const { importArticle } = await import("@/lib/data/articles");
const { applyReextraction, queueReextraction } = await import("@/lib/data/reextraction");
const { DocumentPool, BudgetError } = await import("@/lib/jobs/pool");
const { runImportItem } = await import("@/lib/jobs/import-jobs");
const { extractClaims, EXTRACTOR_VERSION } = await import("@/lib/domain/extraction/extract");
const { createUser } = await import("@/seeds/factories");
const { newsText } = await import("@/seeds/hostile-inputs");
const { articleInput } = await import("@/lib/validation/article");

const SAMPLE = readFileSync(
  path.resolve(import.meta.dirname, "../../seeds/syria-chemical-weapons-investigation.txt"),
  "utf8",
);
const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2)}`;
const bytes = (text: string) => new TextEncoder().encode(text);

let pool: InstanceType<typeof DocumentPool>;
let userId: string;

beforeAll(async () => {
  pool = new DocumentPool({ threads: 2 });
  userId = (await createUser(prisma, { role: "REVIEWER" })).id;
});

afterAll(async () => {
  await pool.destroy();
  await prisma.$disconnect();
  await state.database.drop();
});

async function queueFile(name: string, content: string, batchId?: string) {
  const queued = await imports.queueImport(
    { userId },
    [{ source: name, kind: "FILE", content: bytes(content) }],
    { batchId },
  );
  return { batchId: queued.batchId, itemId: queued.itemIds[0]! };
}

async function jobsOf(itemIds: string[]) {
  return prisma.$queryRaw<Array<{ id: string; data: { itemId: string } }>>`
    SELECT id, data FROM pgboss.job WHERE data->>'itemId' = ANY(${itemIds})`;
}

describe("queueing", () => {
  it("stores what was sent and one job per item, in one transaction", async () => {
    const { batchId, itemId } = await queueFile("a.txt", "The mayor said taxes rose 5 percent.");
    const item = await prisma.importItem.findUniqueOrThrow({ where: { id: itemId } });
    expect(item).toMatchObject({ batchId, status: "QUEUED", kind: "FILE", position: 0 });
    expect(Buffer.from(item.content!).toString()).toBe("The mayor said taxes rose 5 percent.");
    const jobs = await jobsOf([itemId]);
    expect(jobs.map((j) => j.id)).toEqual([item.jobId]);
  });

  it("appends an upload's later files to its import, and only the importer may", async () => {
    const { batchId } = await queueFile("one.txt", "One.");
    await queueFile("two.txt", "Two.", batchId);
    const items = await prisma.importItem.findMany({
      where: { batchId },
      orderBy: { position: "asc" },
    });
    expect(items.map((i) => [i.source, i.position])).toEqual([
      ["one.txt", 0],
      ["two.txt", 1],
    ]);
    const stranger = (await createUser(prisma, { role: "REVIEWER" })).id;
    await expect(
      imports.queueImport(
        { userId: stranger },
        [{ source: "x.txt", kind: "FILE", content: bytes("x") }],
        { batchId },
      ),
    ).rejects.toThrow(/not found/);
    await expect(
      imports.queueImport(
        { userId },
        [{ source: "three.txt", kind: "FILE", content: bytes("3") }],
        { batchId, maxItems: 2 },
      ),
    ).rejects.toThrow(/At most 2 files/);
  });
});

describe("running an item", () => {
  it("reads, extracts and stores a file; a second delivery of its job does nothing", async () => {
    const id = unique();
    const { itemId } = await queueFile(
      "costa.txt",
      `Budget\n\nFinance Minister Maria Costa said that inflation fell to 3 percent in ${id}.`,
    );
    expect(await runImportItem(itemId, { pool, workerId: "w1" })).toBe("IMPORTED");
    const item = await prisma.importItem.findUniqueOrThrow({ where: { id: itemId } });
    expect(item).toMatchObject({ status: "IMPORTED", attempts: 1, workerId: "w1", content: null });
    const article = await prisma.article.findUniqueOrThrow({
      where: { id: item.articleId! },
      include: { _count: { select: { claims: true } } },
    });
    expect(article).toMatchObject({ title: "Budget", extractorVersion: EXTRACTOR_VERSION });
    expect(article._count.claims).toBe(item.claims);

    expect(await runImportItem(itemId, { pool, workerId: "w2" })).toBe("SKIPPED");
    expect(await prisma.article.count({ where: { body: { contains: id } } })).toBe(1);
  });

  it("imports exactly once when a job is delivered again while its first worker still runs", async () => {
    const id = unique();
    const body = `Officials said 40 jobs were cut in ${id}.`;
    const { itemId } = await queueFile("twice.txt", body);
    // Both deliveries take the item before either writes (the first worker's lease ran out).
    const first = await imports.claimImportItem(itemId, "w1");
    const second = await imports.claimImportItem(itemId, "w2");
    expect(second!.attempts).toBe(2);
    const article = articleInput.parse({ title: "Twice", body });
    const results = await Promise.all(
      [first!, second!].map((claimed) =>
        imports.storeImportedArticle(claimed, article, extractClaims(body)),
      ),
    );
    expect(results.sort()).toEqual(["IMPORTED", null]);
    expect(await prisma.article.count({ where: { body: { contains: id } } })).toBe(1);
    const item = await prisma.importItem.findUniqueOrThrow({ where: { id: itemId } });
    const events = await prisma.auditEvent.count({
      where: { action: "article.import", entityId: item.articleId! },
    });
    expect(events).toBe(1);
  });

  it("reports text already imported as a duplicate of that article", async () => {
    const id = unique();
    const first = await queueFile(
      "first.txt",
      `Arrests\n\nPolice said 12 people were arrested in ${id}.`,
    );
    const second = await queueFile(
      "again.txt",
      `Later\n\n  POLICE said 12   people were arrested in ${id}.`,
    );
    await runImportItem(first.itemId, { pool, workerId: "w" });
    expect(await runImportItem(second.itemId, { pool, workerId: "w" })).toBe("DUPLICATE");
    const [a, b] = await Promise.all(
      [first.itemId, second.itemId].map((id) =>
        prisma.importItem.findUniqueOrThrow({ where: { id } }),
      ),
    );
    expect(b).toMatchObject({ status: "DUPLICATE", articleId: a!.articleId });
  });

  it("makes one item per line of a JSON Lines file, each with its job; bad lines fail at once", async () => {
    const id = unique();
    const { batchId, itemId } = await queueFile(
      "batch.jsonl",
      [
        JSON.stringify({ title: "One", body: `The mayor said taxes rose 5 percent in ${id}.` }),
        "{broken",
        JSON.stringify({ title: "Three", body: `Officials said 9 schools closed in ${id}.` }),
      ].join("\n"),
    );
    expect(await runImportItem(itemId, { pool, workerId: "w" })).toBe("EXPANDED");
    const lines = await prisma.importItem.findMany({
      where: { parentId: itemId },
      orderBy: { position: "asc" },
    });
    expect(lines.map((l) => [l.source, l.status])).toEqual([
      ["batch.jsonl line 1", "QUEUED"],
      ["batch.jsonl line 2", "FAILED"],
      ["batch.jsonl line 3", "QUEUED"],
    ]);
    expect(lines[1]!.error).toMatch(/not valid JSON/);
    expect((await jobsOf(lines.map((l) => l.id))).length).toBe(2);
    for (const line of [lines[0]!, lines[2]!])
      expect(await runImportItem(line.id, { pool, workerId: "w" })).toBe("IMPORTED");
    const progress = await imports.importBatchProgress(batchId);
    expect(progress).toEqual({
      files: 1,
      filesDone: 1,
      counts: { IMPORTED: 2, FAILED: 1 },
    });
  });

  it("fails a document over its time budget with a message, and the next document goes on", async () => {
    // A budget a small document meets with room to spare even in a cold thread on a busy
    // machine, and a document many times over it (8 MB of news takes seconds).
    const slow = new DocumentPool({ threads: 1, budgetMs: 1000 });
    const huge = newsText(SAMPLE, 8_000_000);
    try {
      await expect(slow.extract(huge)).rejects.toThrow(BudgetError);
      await expect(slow.extract(huge)).rejects.toThrow(
        /took too long to extract \(over 1 s\); split it or paste its text/,
      );
      // The thread that was stopped has been replaced: a small document is extracted.
      const small = await slow.extract("The mayor said taxes rose 5 percent.");
      expect(small.claims.length).toBeGreaterThan(0);
    } finally {
      await slow.destroy();
    }
  });

  it("ends the item of a document over budget as FAILED, with the message to read", async () => {
    const slow = new DocumentPool({ threads: 1, budgetMs: 30 });
    try {
      const { itemId } = await queueFile("long.txt", newsText(SAMPLE, 1_000_000));
      expect(await runImportItem(itemId, { pool: slow, workerId: "w" })).toBe("FAILED");
      const item = await prisma.importItem.findUniqueOrThrow({ where: { id: itemId } });
      expect(item.error).toMatch(/took too long to read and extract/);
    } finally {
      await slow.destroy();
    }
  });

  it("stores an article whose two speakers share their first 300 characters", async () => {
    // Speaker names are stored cut to 300 characters and unique per article: two names
    // alike that far once failed the whole import with a duplicate key.
    const long = "Zed ".repeat(80);
    const body = `${long}Alpha said the plan cost 4 million dollars.\n\n${long}Beta said the plan cost 5 million dollars.`;
    const extraction = extractClaims(body);
    expect(extraction.speakers.length).toBeGreaterThan(0);
    const outcome = await importArticle(articleInput.parse({ title: "Long names", body }), {
      userId,
    });
    expect(outcome.status).toBe("imported");
  });
});

describe("cancelling and stranded items", () => {
  it("cancels what has not started; a cancelled item's job does nothing", async () => {
    const { batchId, itemId } = await queueFile("later.txt", "The mayor said no.");
    const started = await queueFile("now.txt", "The council said yes.", batchId);
    await imports.claimImportItem(started.itemId, "w");
    expect(await imports.cancelImportBatch(batchId, { userId })).toBe(1);
    expect(await runImportItem(itemId, { pool, workerId: "w" })).toBe("SKIPPED");
    const items = await prisma.importItem.findMany({ where: { batchId } });
    expect(new Map(items.map((i) => [i.source, i.status]))).toEqual(
      new Map([
        ["later.txt", "CANCELLED"],
        ["now.txt", "RUNNING"],
      ]),
    );
    const stranger = (await createUser(prisma, { role: "REVIEWER" })).id;
    await expect(imports.cancelImportBatch(batchId, { userId: stranger })).rejects.toThrow(
      /not found/,
    );
  });

  it("queues again an item whose job is gone, and fails one whose job failed for good", async () => {
    const orphan = await queueFile("orphan.txt", "Restored from a backup.");
    const lost = await queueFile("lost.txt", "Its worker died every time.");
    await prisma.$executeRaw`DELETE FROM pgboss.job WHERE data->>'itemId' = ${orphan.itemId}`;
    await prisma.$executeRaw`UPDATE pgboss.job SET state = 'failed' WHERE data->>'itemId' = ${lost.itemId}`;
    await prisma.$executeRaw`UPDATE "ImportItem" SET "updatedAt" = now() - interval '1 hour'
      WHERE id IN (${orphan.itemId}::uuid, ${lost.itemId}::uuid)`;
    const swept = await imports.sweepStrandedImportItems(600);
    expect(swept).toMatchObject({ requeued: 1, failed: 1 });
    const [o, l] = await Promise.all(
      [orphan.itemId, lost.itemId].map((id) =>
        prisma.importItem.findUniqueOrThrow({ where: { id } }),
      ),
    );
    expect(o!.status).toBe("QUEUED");
    expect((await jobsOf([o!.id])).map((j) => j.id)).toEqual([o!.jobId]);
    expect(l).toMatchObject({ status: "FAILED", error: expect.stringMatching(/worker was lost/) });
  });
});

describe("re-extraction", () => {
  it("keeps touched claims as they are, keeps the same spans, removes and adds the rest, with one audit event", async () => {
    const id = unique();
    const body = `Finance Minister Maria Costa said that inflation fell to 3 percent in ${id}.\n\nThe mayor said taxes rose 5 percent.\n\nPolice said 12 people were arrested on Friday.`;
    const outcome = await importArticle(articleInput.parse({ title: "Three", body }), { userId });
    if (outcome.status !== "imported") throw new Error("not imported");
    const claims = await prisma.claim.findMany({
      where: { articleId: outcome.articleId },
      orderBy: { start: "asc" },
    });
    expect(claims).toHaveLength(3);
    const [costa, mayor, police] = claims as [
      (typeof claims)[0],
      (typeof claims)[0],
      (typeof claims)[0],
    ];
    // Someone comments on the mayor's claim: it is touched.
    await prisma.comment.create({ data: { claimId: mayor.id, authorId: userId, body: "check" } });
    await prisma.article.update({
      where: { id: outcome.articleId },
      data: { extractorVersion: "rules-1" },
    });

    // The "new extractor": finds Costa's claim again, no longer the police one, finds the
    // mayor's (touched) span again, and one claim that is new.
    const fresh = extractClaims(body);
    const newStart = body.indexOf("Police said");
    const changed = {
      ...fresh,
      claims: [
        ...fresh.claims.filter((c) => c.start !== police.start),
        {
          ...fresh.claims.find((c) => c.start === police.start)!,
          start: newStart + 13,
          text: body.slice(newStart + 13, police.end!),
        },
      ],
    };
    const result = await applyReextraction(outcome.articleId, changed, { userId });
    expect(result).toEqual({ kept: 1, added: 1, removed: 1, touched: 1 });

    const after = await prisma.claim.findMany({ where: { articleId: outcome.articleId } });
    const ids = after.map((c) => c.id);
    expect(ids).toContain(costa.id);
    expect(ids).toContain(mayor.id);
    expect(ids).not.toContain(police.id);
    expect(after.find((c) => c.id === mayor.id)).toEqual(mayor); // not a field changed
    expect(after.find((c) => c.start === newStart + 13)).toBeTruthy();
    const article = await prisma.article.findUniqueOrThrow({ where: { id: outcome.articleId } });
    expect(article.extractorVersion).toBe(EXTRACTOR_VERSION);
    const events = await prisma.auditEvent.findMany({
      where: { entity: "Article", entityId: outcome.articleId, action: "article.reextract" },
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.after).toMatchObject({ kept: 1, added: 1, removed: 1, touched: 1 });
  });

  it("queues a job per article from an older extractor", async () => {
    await prisma.article.updateMany({ data: { extractorVersion: EXTRACTOR_VERSION } });
    const outcome = await importArticle(
      articleInput.parse({ title: "Old", body: `The mayor said no in ${unique()}.` }),
      { userId },
    );
    if (outcome.status !== "imported") throw new Error("not imported");
    await prisma.article.update({
      where: { id: outcome.articleId },
      data: { extractorVersion: "rules-1" },
    });
    expect(await queueReextraction({ outdated: true }, { userId })).toBe(1);
    const jobs = await prisma.$queryRaw<Array<{ data: { articleId: string } }>>`
      SELECT data FROM pgboss.job WHERE name = 'reextract-article'`;
    expect(jobs.map((j) => j.data.articleId)).toContain(outcome.articleId);
  });
});
