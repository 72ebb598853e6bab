import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

/**
 * The fact-check library on a database of this file's own (the library and the desk's
 * approved claims are the whole database's, matched as one): imports by the command from
 * files and a local web server, deduplication and corrections, matching by the worker's
 * LibraryMatcher (a real worker thread with the sentence encoder), judgements, evidence
 * and repeats.
 */
const state = await vi.hoisted(async () => {
  const { inject } = await import("vitest");
  const { usePrivateDatabase } = await import("../support/private-database");
  process.env.CLAIMDESK_FETCH_ALLOW_HOSTS = "127.0.0.1";
  return { database: await usePrivateDatabase(inject("adminDatabaseUrl")) };
});

const { prisma } = await import("@/lib/db");
const library = await import("@/lib/data/fact-check-library");
const matches = await import("@/lib/data/fact-check-matches");
const { importArticle } = await import("@/lib/data/articles");
const { matchArticleClaims, takeUnmatchedArticle } = await import("@/lib/data/matching");
const { LibraryMatcher } = await import("@/lib/jobs/library-matcher");
const { matchFields } = await import("@/lib/domain/matching");
const { SIMILAR_THRESHOLD } = await import("@/lib/data/matching");
const { MATCH_THRESHOLD } = await import("@/lib/domain/fact-checks/matcher");
const { articleInput } = await import("@/lib/validation/article");
const { queueQuery } = await import("@/lib/validation/queue");
const { addManualClaim } = await import("@/lib/data/claim-edits");
const { createApiToken } = await import("@/lib/data/api-tokens");
const { GET: repeatsRoute } = await import("@/app/api/v1/repeats/route");
const { GET: judgementsRoute } = await import("@/app/api/v1/match-judgements/route");
const { listQueue } = await import("@/lib/data/queue");
const { createArticle, createClaim, createUser } = await import("@/seeds/factories");
const feeds = await import("@/lib/data/feeds");
const { runFeedPoll } = await import("@/lib/jobs/feed-jobs");
const { DocumentPool } = await import("@/lib/jobs/pool");
const { runQueuedItem, testBudgets } = await import("../support/import-runs");
const { queueImport } = await import("@/lib/data/import-batches");
const { CHECKWORTHY_THRESHOLD } = await import("@/lib/domain/extraction/checkworthiness");

const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
const folder = mkdtempSync(path.join(os.tmpdir(), "claimdesk-factchecks-"));
const matcher = new LibraryMatcher();
const pool = new DocumentPool({ threads: 1, budgetMs: 5_000, starvedAfterMs: 600_000 });

const review = (url: string | undefined, claim: string, rating: string, extra: object = {}) => ({
  "@type": "ClaimReview",
  ...(url ? { url } : {}),
  claimReviewed: claim,
  reviewRating: {
    "@type": "Rating",
    alternateName: rating,
    ratingValue: rating === "False" ? 1 : 3,
  },
  author: { "@type": "Organization", name: "Other Checkers" },
  itemReviewed: { "@type": "Claim", author: { "@type": "Person", name: "A. Senator" } },
  datePublished: "2025-02-03",
  ...extra,
});
const page = (...nodes: object[]) =>
  `<!doctype html><html><head>${nodes
    .map((n) => `<script type="application/ld+json">${JSON.stringify(n)}</script>`)
    .join("")}</head><body><h1>Fact check</h1></body></html>`;

let server: http.Server;
let base = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const pages: Record<string, string> = {
      "/checks/garlic": page(
        review(undefined, "Eating garlic prevents infection with the new coronavirus.", "False"),
      ),
      "/checks/roundup": page({
        "@context": "https://schema.org",
        "@graph": [
          { "@type": "WebPage", name: "This week's checks" },
          review(undefined, "The river is cleaner than ever.", "Misleading"),
          review(undefined, "Bus fares doubled this year.", "False"),
        ],
      }),
      "/checks/none": "<!doctype html><html><body><p>No structured data.</p></body></html>",
      "/factchecks.xml": `<?xml version="1.0"?><rss version="2.0"><channel><title>Other Checkers</title>${[
        "garlic",
        "roundup",
        "none",
      ]
        .map(
          (p) =>
            `<item><title>${p}</title><link>${base}/checks/${p}</link><guid>${p}</guid></item>`,
        )
        .join("")}</channel></rss>`,
    };
    const body = pages[req.url ?? ""];
    res.writeHead(body ? 200 : 404, {
      "content-type": req.url?.endsWith(".xml")
        ? "application/rss+xml"
        : "text/html; charset=utf-8",
    });
    res.end(body ?? "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await Promise.all([matcher.destroy(), pool.destroy()]);
  await new Promise((resolve) => server.close(resolve));
  rmSync(folder, { recursive: true, force: true });
  await prisma.$disconnect();
  await state.database.drop();
});

/** `npm run import:factchecks` on this file's database; its exit code and output. */
async function importCommand(...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      "npm",
      ["run", "--silent", "import:factchecks", "--", ...args],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: state.database.url,
          CLAIMDESK_FETCH_ALLOW_HOSTS: "127.0.0.1",
        },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** An article imported through the app's own path (no worker): its id. */
async function importBody(input: { title: string; body: string; outlet?: string }) {
  const outcome = await importArticle(articleInput.parse(input), { userId: null, label: "test" });
  expect(outcome.status).toBe("imported");
  return (outcome as { articleId: string }).articleId;
}

/** A new reviewer's claim added by hand: `body` from `from` to the full stop after it. */
async function addByHand(articleId: string, body: string, from: string) {
  const reviewer = await createUser(prisma, { role: "REVIEWER" });
  const start = body.indexOf(from);
  return addManualClaim(
    { id: reviewer.id, role: "REVIEWER", name: reviewer.name, email: reviewer.email },
    { articleId, start, end: body.indexOf(".", start) + 1 },
  );
}

describe("importing fact-checks", () => {
  it("reads pages from a web server, JSON Lines and CSV; deduplicates by address; a new rating is a correction, kept", async () => {
    const jsonl = path.join(folder, "checks.jsonl");
    writeFileSync(
      jsonl,
      [
        JSON.stringify(
          review("https://other.example/wind", "Wind turbines cause cancer.", "False"),
        ),
        JSON.stringify({
          vclaim_id: "vclaim-7",
          vclaim: "The moon landing was staged.",
          title: "Moon",
        }),
        "{ not json",
        // The page below again, by its address: one record, not two.
        JSON.stringify(
          review(
            `${base}/checks/garlic`,
            "Eating garlic prevents infection with the new coronavirus.",
            "False",
          ),
        ),
      ].join("\n"),
    );
    const csv = path.join(folder, "checks.csv");
    const csvText = (rating: string) =>
      "claim,url,rating,publisher,date\n" +
      `"Crime fell by half, the mayor said",https://other.example/crime,${rating},Other Checkers,2025-01-10\n`;
    writeFileSync(csv, csvText("Mostly true"));

    const first = await importCommand(
      jsonl,
      csv,
      `${base}/checks/garlic`,
      `${base}/checks/roundup`,
      `${base}/checks/none`,
      "--no-embed",
    );
    expect(first.stderr).not.toMatch(/Error:/);
    // Something skipped (a line that is not JSON, a page without ClaimReview): exit 1, said why.
    expect(first.code).toBe(1);
    expect(first.stdout).toContain("fact-checks: 6 added, 0 updated");
    expect(first.stdout).toContain("waiting for a worker to embed them");
    expect(first.stdout).toContain(
      `${base}/checks/none: skipped: the page has no JSON-LD, so no ClaimReview`,
    );
    expect(first.stdout).toMatch(/checks\.jsonl line 3: /);

    const records = await prisma.factCheck.findMany({ orderBy: { key: "asc" } });
    const keys = records.map((r) => r.key);
    expect(keys.filter((k) => !k.includes("/roundup#")).sort()).toEqual([
      `${base}/checks/garlic`,
      "https://other.example/crime",
      "https://other.example/wind",
      "vclaim:vclaim-7",
    ]);
    // The roundup's two reviews share its address: kept apart by their claims.
    expect(keys.filter((k) => k.startsWith(`${base}/checks/roundup#claim-`))).toHaveLength(2);
    const garlic = records.find((r) => r.key === `${base}/checks/garlic`)!;
    expect(garlic).toMatchObject({
      url: `${base}/checks/garlic`,
      ratingName: "False",
      ratingValue: 1,
      publisher: "Other Checkers",
      claimant: "A. Senator",
      reviewedAt: new Date("2025-02-03T00:00:00Z"),
      embedding: null,
    });
    expect(
      records
        .filter((r) => r.key.includes("/roundup#"))
        .every((r) => r.url === `${base}/checks/roundup`),
    ).toBe(true);

    // Again, the CSV's rating changed: one update, a correction with the old rating kept.
    writeFileSync(csv, csvText("False"));
    const second = await importCommand(jsonl, csv, "--no-embed");
    expect(second.stdout).toContain(
      "fact-checks: 0 added, 1 updated (1 with a new rating), 3 unchanged",
    );
    const crime = await prisma.factCheck.findUniqueOrThrow({
      where: { key: "https://other.example/crime" },
      include: { revisions: true },
    });
    expect(crime.ratingName).toBe("False");
    expect(crime.revisions.map((r) => r.ratingName)).toEqual(["Mostly true"]);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "factcheck.correct", entityId: crime.id },
    });
    expect(audit.before).toEqual({ ratingName: "Mostly true", ratingValue: null });
    expect(audit.after).toMatchObject({ ratingName: "False" });
    expect(await prisma.factCheck.count()).toBe(6);
  });
});

describe("the library's page", () => {
  it("lists newest first, searches claims and headlines by their words, filters by source, pages by keyset", async () => {
    const all = await library.listLibrary({});
    expect(all.rows.length).toBeGreaterThan(4);
    const ids = all.rows.map((r) => r.id);
    expect(ids).toEqual([...ids].sort().reverse());
    const wind = await library.listLibrary({ q: "turbines cancer" });
    expect(wind.rows.map((r) => r.claim)).toEqual(["Wind turbines cause cancer."]);
    expect((await library.listLibrary({ q: "garlic does not protect" })).rows).toHaveLength(0);
    const crime = await library.listLibrary({ q: "crime", source: "FILE" });
    expect(crime.rows).toMatchObject([{ ratingName: "False", corrections: 1, embedded: false }]);
    expect((await library.listLibrary({ q: "crime", source: "PAGE" })).rows).toEqual([]);
    // Hostile search text is words, not syntax.
    expect((await library.listLibrary({ q: "'\\ & | ! <-> :* (((" })).rows).toEqual([]);
    const second = await library.listLibrary({ after: ids[1] });
    expect(second.rows.map((r) => r.id)).toEqual(ids.slice(2));
    expect(await library.librarySummary("use-lite@0.2.0")).toMatchObject({
      total: all.rows.length,
      desk: 0,
      waiting: all.rows.length,
    });
  });
});

describe("a feed of fact-checks", () => {
  it("reads each entry's page into the library (not the desk), and skips a page without ClaimReview with the reason", async () => {
    const editor = await createUser(prisma, { role: "EDITOR" });
    const user = { id: editor.id, role: "EDITOR" as const, name: editor.name, email: editor.email };
    const { id } = await feeds.addFeed(user, {
      url: `${base}/factchecks.xml`,
      intervalMinutes: 60,
      factChecks: true,
    });
    const poll = await feeds.takeDueFeed({ leaseMs: 60_000 });
    expect(poll?.id).toBe(id);
    expect(await runFeedPoll(poll!, { pool, budgets: testBudgets(pool) })).toEqual({
      status: "polled",
      fresh: 3,
    });
    const entries = await prisma.feedEntry.findMany({
      where: { feedId: id },
      orderBy: { key: "asc" },
    });
    const outcomes = [];
    for (const entry of entries) outcomes.push(await runQueuedItem(entry.importItemId!, pool));
    expect(outcomes).toEqual(["IMPORTED", "FAILED", "IMPORTED"]);
    const items = await prisma.importItem.findMany({
      where: { id: { in: entries.map((e) => e.importItemId!) } },
      orderBy: { source: "asc" },
    });
    expect(items.map((i) => [i.source.replace(base, ""), i.status, i.note ?? i.error])).toEqual([
      ["/checks/garlic", "IMPORTED", "1 fact-check into the library (0 new, 0 updated)"],
      ["/checks/none", "FAILED", "skipped: the page has no JSON-LD, so no ClaimReview"],
      ["/checks/roundup", "IMPORTED", "2 fact-checks into the library (0 new, 0 updated)"],
    ]);
    // Nothing reached the desk: no article was made of a fact-check page.
    expect(items.every((i) => i.articleId === null)).toBe(true);
    expect(await prisma.article.count({ where: { url: { startsWith: base } } })).toBe(0);
    expect(await prisma.factCheck.count({ where: { key: { startsWith: base } } })).toBe(3);
  });
});

describe("matching claims against the library", () => {
  it("finds a paraphrase that trigrams miss, by meaning; Same claim is stored and audited; adopted as evidence in one click", async () => {
    const reviewer = await createUser(prisma, { role: "REVIEWER" });
    await library.saveFactChecks(
      library.entriesOf([
        {
          id: "https://checks.example/garlic-covid",
          url: "https://checks.example/garlic-covid",
          claim: "Eating garlic prevents infection with the new coronavirus.",
          title: "No, garlic does not protect against COVID-19",
          subtitle: null,
          rating: "False",
          ratingValue: 1,
          publisher: "Health Checkers",
          claimant: null,
          date: "2020-03-01",
          language: "en",
        },
      ]),
      { source: "FILE", origin: "test", actor: { id: null, label: "test" } },
    );
    await matcher.refresh(10_000);
    expect(await library.pendingEmbeddings("use-lite@0.2.0")).toBe(0);

    const text = "Garlic protects people from catching COVID-19.";
    const claim = await createClaim(prisma, { text, state: "IN_REVIEW", assigneeId: reviewer.id });
    // Trigrams, the desk's own similarity, would not call these similar.
    const [row] = await prisma.$queryRaw<Array<{ score: number }>>`
      SELECT similarity(${matchFields(text).matchText}, ${matchFields("Eating garlic prevents infection with the new coronavirus.").matchText}) AS score`;
    expect(row!.score).toBeLessThan(SIMILAR_THRESHOLD);

    expect(await matcher.matchClaims([claim.id])).toBe(1);
    const [found] = await matches.listClaimLibraryMatches(claim.id);
    expect(found).toMatchObject({
      repeat: false,
      judgement: null,
      factCheck: { publisher: "Health Checkers", ratingName: "False" },
    });
    expect(found!.score).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
    expect(found!.stage).not.toBe("LEXICAL");

    const user = {
      id: reviewer.id,
      role: "REVIEWER" as const,
      name: reviewer.name,
      email: reviewer.email,
    };
    await matches.judgeLibraryMatch(user, { matchId: found!.id, judgement: "SAME" });
    const judged = await prisma.factCheckMatch.findUniqueOrThrow({ where: { id: found!.id } });
    expect(judged).toMatchObject({ judgement: "SAME", judgedById: reviewer.id });
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "claim.match.judge", entityId: claim.id },
    });
    expect(event.after).toMatchObject({ judgement: "SAME" });
    expect((await matches.listJudgedPairs()).map((p) => p.judgement)).toEqual(["SAME"]);

    // Matching again keeps the judgement.
    await matcher.matchClaims([claim.id]);
    expect(
      (await prisma.factCheckMatch.findUniqueOrThrow({ where: { id: found!.id } })).judgement,
    ).toBe("SAME");

    const adopted = await matches.adoptLibraryMatch(user, {
      matchId: found!.id,
      version: claim.version,
    });
    expect(adopted.version).toBe(claim.version + 1);
    const evidence = await prisma.evidence.findMany({ where: { claimId: claim.id } });
    expect(evidence).toMatchObject([
      {
        url: "https://checks.example/garlic-covid",
        publisher: "Health Checkers",
        stance: "CONTEXT",
        sourceType: "SECONDARY",
        addedById: reviewer.id,
      },
    ]);
    // Twice is refused (already there), and so is a stale version.
    await expect(
      matches.adoptLibraryMatch(user, { matchId: found!.id, version: adopted.version }),
    ).rejects.toThrow(/already in the evidence/);
    await expect(
      matches.adoptLibraryMatch(user, { matchId: found!.id, version: claim.version }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("flags a repeat of a verdict the desk approved when an article is imported, and lists it", async () => {
    const verdict = await prisma.verdict.create({
      data: { key: `false-${Date.now()}`, label: "False", ratingValue: 1, order: 90 },
    });
    const earlierArticle = await createArticle(prisma, { title: "Earlier" });
    const earlier = await createClaim(prisma, {
      articleId: earlierArticle.id,
      state: "APPROVED",
      text: "Vaccines cause autism in children, and autism rates rose 300 percent since 2000, the candidate said.",
    });
    await prisma.claim.update({
      where: { id: earlier.id },
      data: {
        verdictId: verdict.id,
        approvedAt: new Date(),
        content: "Vaccines cause autism in young children",
      },
    });

    const articleId = await importBody({
      title: "Campaign trail",
      outlet: "The Daily Example",
      body:
        "At a rally on Tuesday, Senator Jane Roe said the vaccines cause autism in children, and that autism rates rose 300 percent since 2000. " +
        "The crowd cheered. Later she spoke about the weather.",
    });

    await matcher.refresh(10_000);
    await matchArticleClaims(articleId, prisma, (ids) => matcher.matchClaims(ids));

    const repeats = await matches.listRepeats({ days: 7 });
    expect(repeats).toHaveLength(1);
    expect(repeats[0]).toMatchObject({
      earlierClaimId: earlier.id,
      rating: "False",
      speaker: "Jane Roe",
      outlet: "The Daily Example",
    });
    expect(repeats[0]!.claimText).toMatch(/vaccines cause autism/);
    expect(repeats[0]!.score).toBeGreaterThanOrEqual(MATCH_THRESHOLD);

    // The queue's filter: repeats only, or anything checked before (the garlic claim too).
    const queue = async (checked: string) =>
      (await listQueue(queueQuery.parse({ checked }), earlier.id)).rows.map((r) => r.text);
    expect(await queue("repeat")).toEqual([repeats[0]!.claimText]);
    expect(await queue("yes")).toEqual(
      expect.arrayContaining([
        repeats[0]!.claimText,
        "Garlic protects people from catching COVID-19.",
      ]),
    );

    // The API: a token needs claims:unpublished besides claims:read (the claims are new).
    const admin = await createUser(prisma, { role: "ADMIN" });
    const owner = { id: admin.id, role: "ADMIN" as const, name: admin.name, email: admin.email };
    const token = async (scopes: Array<"claims:read" | "claims:unpublished">) =>
      (await createApiToken(owner, { name: scopes.join(" "), scopes })).secret;
    const [readOnly, unpublished] = [
      await token(["claims:read"]),
      await token(["claims:read", "claims:unpublished"]),
    ];
    const get = (route: (r: Request) => Promise<Response>, path: string, secret: string) =>
      route(
        new Request(`http://localhost${path}`, { headers: { authorization: `Bearer ${secret}` } }),
      );
    expect((await get(repeatsRoute, "/api/v1/repeats", readOnly)).status).toBe(403);
    expect((await get(repeatsRoute, "/api/v1/repeats?days=0", unpublished)).status).toBe(400);
    const listed = await (await get(repeatsRoute, "/api/v1/repeats?days=7", unpublished)).json();
    expect(listed.data).toMatchObject([
      {
        speaker: "Jane Roe",
        outlet: "The Daily Example",
        repeats: { claimId: earlier.id, rating: "False" },
      },
    ]);
    expect((await get(judgementsRoute, "/api/v1/match-judgements", readOnly)).status).toBe(403);
    const pairs = await get(judgementsRoute, "/api/v1/match-judgements", unpublished);
    expect(pairs.headers.get("content-type")).toContain("application/x-ndjson");
    const lines = (await pairs.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toMatchObject([
      {
        claim: "Garlic protects people from catching COVID-19.",
        label: 1,
        stage: expect.any(String),
      },
    ]);

    // Judged "Not the same", it is no longer listed as a repeat.
    const reviewer = await createUser(prisma, { role: "REVIEWER" });
    const [match] = await prisma.factCheckMatch.findMany({ where: { repeat: true } });
    await matches.judgeLibraryMatch(
      { id: reviewer.id, role: "REVIEWER", name: reviewer.name, email: reviewer.email },
      { matchId: match!.id, judgement: "NOT_SAME" },
    );
    expect(await matches.listRepeats({ days: 7 })).toEqual([]);
    expect(await queue("repeat")).toEqual([]);
  });

  it("an article whose matching stopped half-way (its worker lost) is taken by the next sweep and matched once", async () => {
    const articleId = await importBody({
      title: "Garlic again",
      body: "The health minister said that eating garlic protects people from catching COVID-19 in 90 percent of cases.",
    });
    // The first worker stores the matches, then dies before recording that it is done.
    await expect(
      matchArticleClaims(articleId, prisma, async (ids) => {
        await matcher.matchClaims(ids);
        throw new Error("killed");
      }),
    ).rejects.toThrow("killed");
    const stored = await prisma.factCheckMatch.findMany({ where: { claim: { articleId } } });
    expect(stored).toHaveLength(1);
    expect(
      (await prisma.article.findUniqueOrThrow({ where: { id: articleId } })).libraryCheckedAt,
    ).toBeNull();

    // Left to the worker that stored it for half a minute; then any worker's sweep takes it.
    await prisma.article.update({
      where: { id: articleId },
      data: { createdAt: new Date(Date.now() - 60_000), matchingUntil: null },
    });
    expect(await takeUnmatchedArticle()).toBe(articleId);
    await matchArticleClaims(articleId, prisma, (ids) => matcher.matchClaims(ids));
    const after = await prisma.factCheckMatch.findMany({ where: { claim: { articleId } } });
    expect(after.map((m) => m.id)).toEqual(stored.map((m) => m.id));
    expect(
      (await prisma.article.findUniqueOrThrow({ where: { id: articleId } })).libraryCheckedAt,
    ).not.toBeNull();
    expect(await takeUnmatchedArticle()).toBeNull();
  });

  it("a claim added by hand (whatever its check-worthiness) is matched by the next sweep", async () => {
    const body =
      "The weather was mild. Some say garlic keeps people safe from COVID-19. Nobody knows why.";
    const articleId = await importBody({ title: "By hand", body });
    await matchArticleClaims(articleId, prisma, (ids) => matcher.matchClaims(ids));
    const added = await addByHand(articleId, body, "garlic");
    // Adding it marks the article for matching again; a sweep takes it (once it is not new).
    await prisma.article.update({
      where: { id: articleId },
      data: { createdAt: new Date(Date.now() - 60_000) },
    });
    expect(await takeUnmatchedArticle()).toBe(articleId);
    await matchArticleClaims(articleId, prisma, (ids) => matcher.matchClaims(ids));
    const [match] = await matches.listClaimLibraryMatches(added.id);
    expect(match?.factCheck.claim).toBe(
      "Eating garlic prevents infection with the new coronavirus.",
    );
  });
});

describe("check-worthiness by the sentence model", () => {
  /** An article file queued and run by a worker's delivery, given how it judges claims. */
  async function importJudged(body: string, judging: Parameters<typeof runQueuedItem>[2]) {
    const owner = await createUser(prisma, { role: "REVIEWER" });
    const queued = await queueImport(
      { userId: owner.id },
      [{ source: "judged.txt", kind: "FILE", content: new TextEncoder().encode(body) }],
      {},
    );
    expect(await runQueuedItem(queued.itemIds[0]!, pool, judging)).toBe("IMPORTED");
    const item = await prisma.importItem.findUniqueOrThrow({ where: { id: queued.itemIds[0]! } });
    return prisma.claim.findMany({
      where: { articleId: item.articleId! },
      select: { content: true, checkworthiness: true, checkworthinessBy: true },
      orderBy: { start: "asc" },
    });
  }

  it("scores a checkable statement over the threshold and small talk under it", async () => {
    const [checkable, smallTalk] = await matcher.judge([
      "Unemployment fell to 3.5 percent last year, the lowest rate in fifty years",
      "Thank you all so much for being here tonight",
    ]);
    expect(checkable).toBeGreaterThanOrEqual(CHECKWORTHY_THRESHOLD);
    expect(smallTalk).toBeLessThan(CHECKWORTHY_THRESHOLD);
  });

  it("judges a worker's imported claims before they are stored; without the encoder they keep the words' scores", async () => {
    const body = (year: number) =>
      `Housing\n\nThe minister said that rents rose by 12 percent in ${year}. ` +
      `"We have cut waiting lists by half since ${year}," the mayor told reporters. ` +
      `Crime in the city doubled over the past ${year - 2000} years.`;
    const judged = await importJudged(body(2021), {
      judge: (texts, signal) => matcher.judge(texts, signal),
    });
    expect(judged.length).toBeGreaterThanOrEqual(3);
    expect(judged.every((c) => c.checkworthinessBy === "ENCODER")).toBe(true);
    // The sentence model's own scores, not the words model's under another name.
    const again = await matcher.judge(judged.map((c) => c.content!));
    expect(judged.map((c) => c.checkworthiness)).toEqual(again);

    const errors: unknown[] = [];
    const fallback = await importJudged(body(2022), {
      judge: async () => {
        throw new Error("the sentence encoder could not be loaded");
      },
      onJudgeError: (error) => errors.push(error),
    });
    expect(fallback).toHaveLength(judged.length);
    expect(fallback.every((c) => c.checkworthinessBy === "WORDS")).toBe(true);
    expect(errors).toHaveLength(1);
  });

  it("judges a claim added by hand at the next sweep, unless it changed meanwhile", async () => {
    const body =
      "Reporters asked about money. The city spent 40 million dollars on roads in 2024. It rained.";
    const articleId = await importBody({ title: "Roads", body });
    const added = await addByHand(articleId, body, "The city");
    const read = await prisma.claim.findUniqueOrThrow({ where: { id: added.id } });
    expect(read.checkworthinessBy).toBe("WORDS");

    // A score read before a change is not written over it.
    const [toJudge] = await matches.claimsToJudge([added.id]);
    await prisma.claim.update({ where: { id: added.id }, data: { version: { increment: 1 } } });
    expect(await matches.saveJudgedCheckworthiness([{ ...toJudge!, score: 0.99 }])).toBe(0);

    await matchArticleClaims(articleId, prisma, (ids) => matcher.matchClaims(ids));
    const judged = await prisma.claim.findUniqueOrThrow({ where: { id: added.id } });
    expect(judged.checkworthinessBy).toBe("ENCODER");
    expect(judged.version).toBe(read.version + 1);
    expect(judged.checkworthiness).toEqual((await matcher.judge([judged.content!]))[0]);
  });
});
