import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

/**
 * The import pipeline below the queue, against a database of this file's own (so that no
 * worker of another test takes its items): items taken, read and extracted in real worker
 * threads within their budget, written exactly once; files of many articles; cancelling;
 * re-extraction. The queue itself (fair pick, lanes, leases, fencing): import-queue.test.ts.
 */
const state = await vi.hoisted(async () => {
  const { inject } = await import("vitest");
  const { usePrivateDatabase } = await import("../support/private-database");
  return { database: await usePrivateDatabase(inject("adminDatabaseUrl")) };
});

const { prisma } = await import("@/lib/db");
const imports = await import("@/lib/data/import-batches");
const queue = await import("@/lib/data/import-queue");
const outcomes = await import("@/lib/data/import-outcomes");
const { runQueuedItem } = await import("../support/import-runs");
const { importArticle } = await import("@/lib/data/articles");
const {
  applyReextraction,
  extractorStatus,
  queueReextraction,
  sweepReextractions,
  takeReextraction,
} = await import("@/lib/data/reextraction");
const { runReextraction } = await import("@/lib/jobs/reextract-jobs");
const { matchArticleClaims, takeUnmatchedArticle, unmatchedArticleOf } =
  await import("@/lib/data/matching");
const { testBudgets } = await import("../support/import-runs");
const { default: pg } = await import("pg");
const { DocumentPool, BudgetError, StarvedError } = await import("@/lib/jobs/pool");
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

describe("queueing", () => {
  it("stores what was sent as an item waiting in its sender's share", async () => {
    const { batchId, itemId } = await queueFile("a.txt", "The mayor said taxes rose 5 percent.");
    const item = await prisma.importItem.findUniqueOrThrow({ where: { id: itemId } });
    expect(item).toMatchObject({
      batchId,
      status: "QUEUED",
      kind: "FILE",
      position: 0,
      ownerKey: userId,
      priority: 0,
      attempts: 0,
    });
    expect(Buffer.from(item.content!).toString()).toBe("The mayor said taxes rose 5 percent.");
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
    expect(await runQueuedItem(itemId, pool, { workerId: "w1" })).toBe("IMPORTED");
    const item = await prisma.importItem.findUniqueOrThrow({ where: { id: itemId } });
    expect(item).toMatchObject({
      status: "IMPORTED",
      attempts: 1,
      writtenAttempt: 1,
      workerId: "w1",
      content: null,
      leaseUntil: null,
    });
    const article = await prisma.article.findUniqueOrThrow({
      where: { id: item.articleId! },
      include: { _count: { select: { claims: true } } },
    });
    expect(article).toMatchObject({ title: "Budget", extractorVersion: EXTRACTOR_VERSION });
    expect(article._count.claims).toBe(item.claims);

    expect(await runQueuedItem(itemId, pool, { workerId: "w2" })).toBe("SKIPPED");
    expect(await prisma.article.count({ where: { body: { contains: id } } })).toBe(1);
  });

  it("writes once when a delivery overlaps another whose lease passed: the later attempt wins, the first writes nothing", async () => {
    const id = unique();
    const body = `Officials said 40 jobs were cut in ${id}.`;
    const { itemId } = await queueFile("twice.txt", body);
    // The first delivery's lease passes before it writes; a second takes the item.
    const first = await queue.takeImportItemById(itemId, { workerId: "w1", leaseMs: 100 });
    await new Promise((r) => setTimeout(r, 300));
    const second = await queue.takeImportItemById(itemId, { workerId: "w2", leaseMs: 60_000 });
    expect([first!.attempt, second!.attempt]).toEqual([1, 2]);
    const article = articleInput.parse({ title: "Twice", body });
    // Both write at once; only the attempt that holds the item may.
    const results = await Promise.all(
      [first!, second!].map((claimed) =>
        outcomes.storeImportedArticle(claimed, article, extractClaims(body)),
      ),
    );
    expect(results).toEqual([null, "IMPORTED"]);
    // Nor can the first fail it, or give it back, afterwards.
    expect(await queue.failImportItem(first!, "late")).toBe(false);
    expect(await queue.retryImportItem(first!)).toBeNull();
    expect(await prisma.article.count({ where: { body: { contains: id } } })).toBe(1);
    const item = await prisma.importItem.findUniqueOrThrow({ where: { id: itemId } });
    expect(item).toMatchObject({ status: "IMPORTED", attempts: 2, writtenAttempt: 2 });
    const events = await prisma.auditEvent.count({
      where: { action: "article.import", entityId: item.articleId! },
    });
    expect(events).toBe(1);
  });

  it("writes nothing once its own lease has passed, even when nobody took the item since", async () => {
    const body = `The council said 3 bridges closed in ${unique()}.`;
    const { itemId } = await queueFile("late.txt", body);
    const late = await queue.takeImportItemById(itemId, { workerId: "w1", leaseMs: 100 });
    await new Promise((r) => setTimeout(r, 300));
    const article = articleInput.parse({ title: "Late", body });
    expect(await outcomes.storeImportedArticle(late!, article, extractClaims(body))).toBeNull();
    expect(await prisma.article.count({ where: { body } })).toBe(0);
    // Given back, it waits for its next delivery.
    expect(await queue.retryImportItem(late!)).toBe("QUEUED");
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
    await runQueuedItem(first.itemId, pool);
    expect(await runQueuedItem(second.itemId, pool)).toBe("DUPLICATE");
    const [a, b] = await Promise.all(
      [first.itemId, second.itemId].map((id) =>
        prisma.importItem.findUniqueOrThrow({ where: { id } }),
      ),
    );
    expect(b).toMatchObject({ status: "DUPLICATE", articleId: a!.articleId });
  });

  it("makes one item per line of a JSON Lines file, each waiting in the file's share; bad lines fail at once", async () => {
    const id = unique();
    const { batchId, itemId } = await queueFile(
      "batch.jsonl",
      [
        JSON.stringify({ title: "One", body: `The mayor said taxes rose 5 percent in ${id}.` }),
        "{broken",
        JSON.stringify({ title: "Three", body: `Officials said 9 schools closed in ${id}.` }),
      ].join("\n"),
    );
    expect(await runQueuedItem(itemId, pool)).toBe("EXPANDED");
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
    expect(lines.map((l) => l.ownerKey)).toEqual([userId, userId, userId]);
    for (const line of [lines[0]!, lines[2]!])
      expect(await runQueuedItem(line.id, pool)).toBe("IMPORTED");
    const progress = await imports.importBatchProgress(batchId);
    expect(progress).toEqual({
      files: 1,
      filesDone: 1,
      counts: { IMPORTED: 2, FAILED: 1 },
    });
  });

  it("fails a document over its time budget with a message, and the next document goes on", async () => {
    // A budget a small document meets with room to spare even in a cold thread on a busy
    // machine, and a document many times over it (8 MB of news takes seconds). The starved
    // backstop is far off: however busy the machine, the CPU budget is what ends it.
    const slow = new DocumentPool({ threads: 1, budgetMs: 1000, starvedAfterMs: 600_000 });
    const huge = newsText(SAMPLE, 8_000_000);
    try {
      await expect(slow.extract(huge)).rejects.toThrow(BudgetError);
      await expect(slow.extract(huge)).rejects.toThrow(
        /took too long to extract \(over 1 s of processor time\); split it or paste its text/,
      );
      // The thread that was stopped has been replaced: a small document is extracted.
      const small = await slow.extract("The mayor said taxes rose 5 percent.");
      expect(small.claims.length).toBeGreaterThan(0);
    } finally {
      await slow.destroy();
    }
  });

  it("a document whose thread gets too little processor time is stopped as starved: thrown for the worker to give back, not failed", async () => {
    // CPU budget far off, wall-clock backstop near: only starvation can end it.
    const starved = new DocumentPool({ threads: 1, budgetMs: 600_000, starvedAfterMs: 50 });
    try {
      const long = newsText(SAMPLE, 1_000_000);
      await expect(starved.extract(long)).rejects.toThrow(StarvedError);
      const { itemId } = await queueFile("starved.txt", long);
      await expect(runQueuedItem(itemId, starved)).rejects.toThrow(
        /starved of processor time for 50 ms/,
      );
      const item = await prisma.importItem.findUniqueOrThrow({ where: { id: itemId } });
      expect(item).toMatchObject({ status: "RUNNING", error: null, writtenAttempt: null });
      // Not left for another test's worker to take once its lease passes.
      await prisma.importItem.update({ where: { id: itemId }, data: { status: "CANCELLED" } });
    } finally {
      await starved.destroy();
    }
  });

  it("ends the item of a document over budget as FAILED, with the message to read", async () => {
    // The starved backstop is far off, so that a busy machine cannot make it a retry.
    const slow = new DocumentPool({ threads: 1, budgetMs: 30, starvedAfterMs: 600_000 });
    try {
      const { itemId } = await queueFile("long.txt", newsText(SAMPLE, 1_000_000));
      expect(await runQueuedItem(itemId, slow)).toBe("FAILED");
      const item = await prisma.importItem.findUniqueOrThrow({ where: { id: itemId } });
      expect(item.error).toMatch(/took too long to read and extract/);
    } finally {
      await slow.destroy();
    }
  });

  it("stores a large article at once and matches its claims after, in batches; a lost worker's article is matched by the next", async () => {
    const id = unique();
    const approved = await importArticle(
      articleInput.parse({
        title: "Checked",
        body: `The health minister said 4,000 nurses were hired in ${id}.`,
      }),
      { userId },
    );
    if (approved.status !== "imported") throw new Error("not imported");
    await prisma.claim.updateMany({
      where: { articleId: approved.articleId },
      data: { state: "APPROVED" },
    });
    // 300 claims, more than are matched inside the store; one repeats the approved claim.
    const lines = Array.from(
      { length: 299 },
      (_, i) => `"Rents rose by ${i} percent in district ${i} of ${id}," the mayor said.`,
    );
    lines.push(`The health minister said that 4,000 nurses were hired in ${id}.`);
    const { itemId } = await queueFile("large.txt", `Large ${id}\n\n${lines.join("\n\n")}`);
    expect(await runQueuedItem(itemId, pool)).toBe("IMPORTED");
    const stored = await imports.importBatchClaims(
      (await prisma.importItem.findUniqueOrThrow({ where: { id: itemId } })).batchId,
    );
    expect(stored).toBe(300);
    const articleId = await unmatchedArticleOf(itemId);
    expect(articleId).not.toBeNull();
    const flaggedNow = () =>
      prisma.claim.count({ where: { articleId: articleId!, matchedClaimId: { not: null } } });
    expect(await flaggedNow()).toBe(0);

    // Its worker was lost before matching: too recent for another yet, then taken. (Other
    // files' articles may be waiting too, on this shared database: they are taken first
    // when older, and never twice while leased.)
    expect(await takeUnmatchedArticle()).not.toBe(articleId);
    await prisma.article.update({
      where: { id: articleId! },
      data: { createdAt: new Date(Date.now() - 60_000) },
    });
    const taken: Array<string | null> = [];
    for (let i = 0; i < 50 && !taken.includes(articleId); i++) {
      taken.push(await takeUnmatchedArticle());
      if (taken.at(-1) === null) break;
    }
    expect(taken).toContain(articleId);
    expect(await takeUnmatchedArticle()).not.toBe(articleId);
    // The fact-check library's matcher is handed the same batches (here it matches nothing).
    const batches: number[] = [];
    expect(
      await matchArticleClaims(articleId!, prisma, async (ids) => void batches.push(ids.length)),
    ).toBe(1);
    expect(batches).toEqual([200, 100]);
    expect(await flaggedNow()).toBe(1);
    const article = await prisma.article.findUniqueOrThrow({ where: { id: articleId! } });
    expect(article.checkedBeforeAt).not.toBeNull();
    expect(article.matchingUntil).toBeNull();
    expect(await unmatchedArticleOf(itemId)).toBeNull();
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

describe("cancelling", () => {
  it("cancels what has not started; a cancelled item is never taken", async () => {
    const { batchId, itemId } = await queueFile("later.txt", "The mayor said no.");
    const started = await queueFile("now.txt", "The council said yes.", batchId);
    await queue.takeImportItemById(started.itemId, { workerId: "w", leaseMs: 60_000 });
    expect(await imports.cancelImportBatch(batchId, { userId })).toBe(1);
    expect(await runQueuedItem(itemId, pool)).toBe("SKIPPED");
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

  it("queues an item per article from an older extractor, and a worker's delivery applies it once", async () => {
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
    expect((await extractorStatus()).pending).toBe(1);

    // A first delivery whose lease passes writes nothing; the next one applies it.
    const lost = await takeReextraction({ workerId: "w1", leaseMs: 100 });
    expect(lost).toMatchObject({ articleId: outcome.articleId, attempt: 1 });
    await new Promise((r) => setTimeout(r, 300));
    expect(await sweepReextractions()).toBe(1);
    const item = await takeReextraction({ workerId: "w2", leaseMs: 60_000 });
    expect(item).toMatchObject({ articleId: outcome.articleId, attempt: 2 });
    const ctx = { pool, budgets: testBudgets(pool) };
    // The lost delivery, still running somewhere, stops at its deadline and writes nothing.
    await expect(runReextraction(lost!, ctx)).rejects.toThrow(/deadline/);
    expect(await runReextraction(item!, ctx)).toMatchObject({ kept: 1, added: 0, removed: 0 });
    const done = await prisma.reextractItem.findFirstOrThrow({
      where: { articleId: outcome.articleId },
    });
    expect(done).toMatchObject({ status: "DONE", attempts: 2, outcome: { kept: 1 } });
    expect(
      await prisma.auditEvent.count({
        where: { action: "article.reextract", entityId: outcome.articleId },
      }),
    ).toBe(1);
    expect((await extractorStatus()).pending).toBe(0);
  });

  it("leaves a claim taken while it runs as the reviewer took it", async () => {
    const body = `The mayor said taxes rose 5 percent in ${unique()}.\n\nPolice said 12 people were arrested on Friday.`;
    const outcome = await importArticle(articleInput.parse({ title: "Race", body }), { userId });
    if (outcome.status !== "imported") throw new Error("not imported");
    const claims = await prisma.claim.findMany({
      where: { articleId: outcome.articleId },
      orderBy: { start: "asc" },
    });
    const [taken, other] = claims as [(typeof claims)[0], (typeof claims)[0]];
    // A new extractor that no longer finds either claim: both would be removed if untouched.
    const nothing = { ...extractClaims(body), claims: [] };

    // The reviewer's take has written the claim and not yet committed when re-extraction starts.
    const reviewer = new pg.Client({ connectionString: state.database.url });
    await reviewer.connect();
    try {
      await reviewer.query("BEGIN");
      await reviewer.query(
        `UPDATE "Claim" SET state = 'IN_REVIEW', "assigneeId" = $1, version = version + 1 WHERE id = $2`,
        [userId, taken.id],
      );
      const running = applyReextraction(outcome.articleId, nothing, { userId });
      // Re-extraction waits for the claim's lock (it locks the article's claims first).
      await expect
        .poll(async () => {
          const [row] = await prisma.$queryRaw<Array<{ n: bigint }>>`
            SELECT count(*) AS n FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock'`;
          return Number(row!.n);
        })
        .toBeGreaterThan(0);
      await reviewer.query("COMMIT");
      expect(await running).toMatchObject({ removed: 1, touched: 1 });
    } finally {
      await reviewer.end();
    }
    const after = await prisma.claim.findMany({ where: { articleId: outcome.articleId } });
    expect(after.map((c) => c.id)).toEqual([taken.id]);
    expect(after[0]).toMatchObject({ state: "IN_REVIEW", assigneeId: userId });
    expect(other.id).not.toBe(taken.id);
  });
});
