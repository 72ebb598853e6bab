import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

/**
 * Articles in more than one language, against a database of this file's own: the language
 * detected when a worker imports an article and the claims of its extractor; a reviewer's
 * correction (audited, in one transaction, re-extracted by a worker in the new language;
 * nothing half-done when the transaction fails after the change); the queue's language
 * filter; and the language in every export format.
 */
const state = await vi.hoisted(async () => {
  const { inject } = await import("vitest");
  const { usePrivateDatabase } = await import("../support/private-database");
  return { database: await usePrivateDatabase(inject("adminDatabaseUrl")) };
});

const { prisma } = await import("@/lib/db");
const imports = await import("@/lib/data/import-batches");
const { runQueuedItem, testBudgets } = await import("../support/import-runs");
const { importArticle } = await import("@/lib/data/articles");
const { setArticleLanguage } = await import("@/lib/data/article-language");
const { addManualClaim } = await import("@/lib/data/claim-edits");
const { takeReextraction } = await import("@/lib/data/reextraction");
const { runReextraction } = await import("@/lib/jobs/reextract-jobs");
const { listQueue } = await import("@/lib/data/queue");
const { DocumentPool } = await import("@/lib/jobs/pool");
const { createUser } = await import("@/seeds/factories");
const { asSession } = await import("../support/session");
const { exportAsServed } = await import("../support/exports");
const { articleInput } = await import("@/lib/validation/article");
const { queueQuery } = await import("@/lib/validation/queue");
const { default: pg } = await import("pg");

const SPANISH = `El ministro de Economía, Luis Carranza, afirmó este martes que la inflación bajará al 2% mensual antes de marzo. «No vamos a devaluar el peso», dijo el funcionario en una entrevista radial.
Según el Instituto Nacional de Estadística, el desempleo subió al 11,4% en el tercer trimestre, la cifra más alta desde 2021.`;
const ARABIC = `قال وزير المالية إن معدل التضخم سينخفض إلى اثنين في المئة خلال الربع المقبل، مؤكدا أن الحكومة لن تخفض قيمة العملة.
وأضاف الوزير في مؤتمر صحفي أن الاحتياطيات الأجنبية بلغت أعلى مستوى لها منذ عشر سنوات.`;
const APP = "https://desk.example";
const PUBLISHER = { name: "Desk", url: APP, claimUrlTemplate: `${APP}/c/{id}` };

let pool: InstanceType<typeof DocumentPool>;
let reviewer: Awaited<ReturnType<typeof createUser>>;
const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2)}`;

beforeAll(async () => {
  pool = new DocumentPool({ threads: 1 });
  reviewer = await createUser(prisma, { role: "REVIEWER" });
});

afterAll(async () => {
  await pool.destroy();
  await prisma.$disconnect();
  await state.database.drop();
});

/** An article imported the way the app imports one: queued, then run by a worker's thread. */
async function importThroughWorker(body: string) {
  const queued = await imports.queueImport({ userId: reviewer.id }, [
    { source: `article-${unique()}.txt`, kind: "FILE", content: new TextEncoder().encode(body) },
  ]);
  expect(await runQueuedItem(queued.itemIds[0]!, pool)).toBe("IMPORTED");
  const item = await prisma.importItem.findUniqueOrThrow({
    where: { id: queued.itemIds[0]! },
    select: { articleId: true },
  });
  return prisma.article.findUniqueOrThrow({
    where: { id: item.articleId! },
    include: { claims: { include: { speaker: true }, orderBy: { start: "asc" } } },
  });
}

describe("importing an article in another language", () => {
  it("detects Spanish and files its quoted speakers' statements as claims, not scored", async () => {
    const article = await importThroughWorker(`${SPANISH}\n${unique()}`);
    expect(article).toMatchObject({ language: "es", languageSource: "DETECTED" });
    expect(article.claims.map((c) => [c.speaker?.name, c.kind, c.checkworthinessBy])).toEqual([
      ["Luis Carranza", "INDIRECT_QUOTE", "NONE"],
      ["Luis Carranza", "DIRECT_QUOTE", "NONE"],
      ["Instituto Nacional de Estadística", "INDIRECT_QUOTE", "NONE"],
    ]);
    expect(article.claims[1]!.quoteExact).toBeTruthy();
  });

  it("never reads Arabic as English: its sentences become claims, with no speaker and no score", async () => {
    const article = await importThroughWorker(`${ARABIC}\n${unique()}`);
    expect(article).toMatchObject({ language: "ar", languageSource: "DETECTED" });
    expect(article.claims).toHaveLength(2);
    for (const claim of article.claims) {
      expect(claim).toMatchObject({
        kind: "ASSERTION",
        checkworthinessBy: "NONE",
        speakerId: null,
      });
      expect(article.body.slice(claim.start!, claim.end!)).toBe(claim.text);
    }
  });

  it("takes the language a file gives over the one detected", async () => {
    const queued = await imports.queueImport({ userId: reviewer.id }, [
      {
        source: `given-${unique()}.json`,
        kind: "FILE",
        content: new TextEncoder().encode(
          JSON.stringify({ title: "Given", body: `${SPANISH} ${unique()}`, language: "pt" }),
        ),
      },
    ]);
    expect(await runQueuedItem(queued.itemIds[0]!, pool)).toBe("IMPORTED");
    const item = await prisma.importItem.findUniqueOrThrow({ where: { id: queued.itemIds[0]! } });
    const article = await prisma.article.findUniqueOrThrow({ where: { id: item.articleId! } });
    expect(article).toMatchObject({ language: "pt", languageSource: "DECLARED" });
  });
});

describe("a claim added by hand", () => {
  it("is not scored in a language without a check-worthiness model, and is in English", async () => {
    for (const [language, by] of [
      ["es", "NONE"],
      ["en", "WORDS"],
    ] as const) {
      const outcome = await importArticle(
        articleInput.parse({ title: "Manual", body: `${SPANISH} ${unique()}`, language }),
        { userId: reviewer.id },
      );
      if (outcome.status !== "imported") throw new Error("not imported");
      const { id } = await addManualClaim(asSession(reviewer), {
        articleId: outcome.articleId,
        start: 0,
        end: 40,
      });
      const claim = await prisma.claim.findUniqueOrThrow({ where: { id } });
      expect(claim.checkworthinessBy, language).toBe(by);
    }
  });
});

describe("a reviewer corrects the language", () => {
  it("audits the change with the article and queues one re-extraction, which a worker runs in the new language", async () => {
    // Spanish given as English: the English extractor finds nobody in it.
    const outcome = await importArticle(
      articleInput.parse({ title: "Mislabelled", body: `${SPANISH} ${unique()}`, language: "en" }),
      { userId: reviewer.id },
    );
    if (outcome.status !== "imported") throw new Error("not imported");
    const before = await prisma.claim.findMany({ where: { articleId: outcome.articleId } });
    expect(before.every((c) => c.speakerId === null)).toBe(true);

    const result = await setArticleLanguage(asSession(reviewer), {
      articleId: outcome.articleId,
      language: "es",
    });
    expect(result).toEqual({ language: "es", name: "Spanish", queued: true });
    const article = await prisma.article.findUniqueOrThrow({ where: { id: outcome.articleId } });
    expect(article).toMatchObject({ language: "es", languageSource: "REVIEWER" });
    const events = await prisma.auditEvent.findMany({
      where: { entityId: outcome.articleId, action: "article.language" },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: reviewer.id,
      before: { language: "en", source: "DECLARED" },
      after: { language: "es", reextract: true },
    });

    // Setting it again changes nothing and queues nothing.
    expect(
      await setArticleLanguage(asSession(reviewer), {
        articleId: outcome.articleId,
        language: "es",
      }),
    ).toMatchObject({ queued: false });
    expect(await prisma.reextractItem.count({ where: { articleId: outcome.articleId } })).toBe(1);

    const item = await takeReextraction({ workerId: "w1", leaseMs: 60_000 });
    expect(item).toMatchObject({ articleId: outcome.articleId });
    await runReextraction(item!, { pool, budgets: testBudgets(pool) });
    const after = await prisma.claim.findMany({
      where: { articleId: outcome.articleId },
      include: { speaker: true },
    });
    expect(after.map((c) => c.speaker?.name).sort()).toEqual([
      "Instituto Nacional de Estadística",
      "Luis Carranza",
      "Luis Carranza",
    ]);
    expect(after.every((c) => c.checkworthinessBy === "NONE")).toBe(true);
  });

  it("refuses an article that does not exist", async () => {
    await expect(
      setArticleLanguage(asSession(reviewer), {
        articleId: "0190a0b0-0000-7000-8000-000000000099",
        language: "es",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("leaves nothing half-done when the transaction fails after the change, and the next try succeeds", async () => {
    const outcome = await importArticle(
      articleInput.parse({ title: "Cut", body: `${SPANISH} ${unique()}` }),
      { userId: reviewer.id },
    );
    if (outcome.status !== "imported") throw new Error("not imported");
    // The last write of the transaction (the re-extraction item) fails, after the article's
    // row has been changed and while the audit event is written.
    const admin = new pg.Client({ connectionString: state.database.url });
    await admin.connect();
    await admin.query(`CREATE FUNCTION claimdesk_test_refuse() RETURNS trigger LANGUAGE plpgsql
      AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$`);
    await admin.query(`CREATE TRIGGER claimdesk_test_refuse BEFORE INSERT ON "ReextractItem"
      FOR EACH ROW EXECUTE FUNCTION claimdesk_test_refuse()`);
    try {
      await expect(
        setArticleLanguage(asSession(reviewer), { articleId: outcome.articleId, language: "fr" }),
      ).rejects.toThrow(/refused by the test/);
    } finally {
      await admin.query(`DROP TRIGGER claimdesk_test_refuse ON "ReextractItem"`);
      await admin.query(`DROP FUNCTION claimdesk_test_refuse()`);
      await admin.end();
    }
    const article = await prisma.article.findUniqueOrThrow({ where: { id: outcome.articleId } });
    expect(article).toMatchObject({ language: "es", languageSource: "DETECTED" });
    expect(
      await prisma.auditEvent.count({
        where: { entityId: outcome.articleId, action: "article.language" },
      }),
    ).toBe(0);
    expect(await prisma.reextractItem.count({ where: { articleId: outcome.articleId } })).toBe(0);

    // The same correction goes through on the next try.
    await expect(
      setArticleLanguage(asSession(reviewer), { articleId: outcome.articleId, language: "fr" }),
    ).resolves.toMatchObject({ queued: true });
    expect(await prisma.reextractItem.count({ where: { articleId: outcome.articleId } })).toBe(1);
  });
});

describe("the queue and the exports", () => {
  it("filters the queue by the article's language, and every export format carries it", async () => {
    const spanish = await importArticle(
      articleInput.parse({ title: "ES", body: `${SPANISH} ${unique()}` }),
      { userId: reviewer.id },
    );
    if (spanish.status !== "imported") throw new Error("not imported");
    const rows = (await listQueue(queueQuery.parse({ language: "es" }), reviewer.id)).rows;
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const articles = await prisma.article.findMany({
      where: { id: { in: rows.map((r) => r.article!.id) } },
      select: { language: true },
    });
    expect(new Set(articles.map((a) => a.language))).toEqual(new Set(["es"]));
    const english = (await listQueue(queueQuery.parse({ language: "en" }), reviewer.id)).rows;
    expect(english.some((r) => r.article?.id === spanish.articleId)).toBe(false);

    const [claim] = await prisma.claim.findMany({
      where: { articleId: spanish.articleId },
      orderBy: { start: "asc" },
      take: 1,
    });
    await prisma.claim.update({
      where: { id: claim!.id },
      data: { state: "APPROVED", approvedAt: new Date(), claimantName: "Luis Carranza" },
    });
    const filter = { state: "APPROVED" as const, article: spanish.articleId };
    const json = await exportAsServed("json", filter, APP, PUBLISHER);
    expect(JSON.parse(json.text)).toEqual([expect.objectContaining({ language: "es" })]);
    const csv = await exportAsServed("csv", filter, APP, PUBLISHER);
    const [header, row] = csv.text.replace(/^\uFEFF/, "").split("\r\n");
    const column = header!.split(",").indexOf("language");
    expect(column).toBeGreaterThan(0);
    expect(row).toContain(",es,");
    const reviews = await exportAsServed("claimreview", filter, APP, PUBLISHER);
    expect(JSON.parse(reviews.text)[0].itemReviewed.inLanguage).toBe("es");
  });
});
