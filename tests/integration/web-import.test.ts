import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

/**
 * Articles from the web, against local HTTP servers this file starts (no internet) and a
 * database of its own: pages by URL (with and without JSON-LD and OpenGraph), every way a
 * fetch goes wrong, and feeds of each format polled with conditional GET.
 */
const state = await vi.hoisted(async () => {
  const { inject } = await import("vitest");
  const { usePrivateDatabase } = await import("../support/private-database");
  return { database: await usePrivateDatabase(inject("adminDatabaseUrl")) };
});

const { prisma } = await import("@/lib/db");
const imports = await import("@/lib/data/import-batches");
const { runQueuedItem, testBudgets } = await import("../support/import-runs");
const feeds = await import("@/lib/data/feeds");
const { DocumentPool } = await import("@/lib/jobs/pool");
const { runFeedPoll } = await import("@/lib/jobs/feed-jobs");
const { createUser } = await import("@/seeds/factories");
const { asSession } = await import("../support/session");

let pool: InstanceType<typeof DocumentPool>;
let userId: string;
let editor: ReturnType<typeof asSession>;
let server: http.Server;
let base = "";
const requests: Array<{ path: string; headers: http.IncomingHttpHeaders }> = [];

const story = (id: string) =>
  [1, 2, 3]
    .map(
      (n) =>
        `<p>Finance Minister Maria Costa said that inflation fell to ${n} percent in the third quarter of ${id}. "We will keep taxes where they are," she told reporters.</p>`,
    )
    .join("");

function page(head: string, body: string) {
  return `<!doctype html><html><head>${head}</head><body><article>${body}</article></body></html>`;
}

/** Feeds list entries by path, resolved against the server. */
const ENTRIES = ["/news-ld.html", "/news-og.html", "/plain.txt"];

function routes(
  path: string,
): { status?: number; type: string; body: string; headers?: Record<string, string> } | null {
  switch (path) {
    case "/news-ld.html":
      return {
        type: "text/html; charset=utf-8",
        body: page(
          `<title>Site title | Outlet</title>
           <link rel="canonical" href="/stories/costa-inflation">
           <script type="application/ld+json">${JSON.stringify({
             "@context": "https://schema.org",
             "@graph": [
               { "@type": "WebSite", name: "Not this" },
               {
                 "@type": "NewsArticle",
                 headline: "Inflation falls, says Costa",
                 datePublished: "2026-11-30T08:00:00Z",
                 author: [
                   { "@type": "Person", name: "Ana Ruiz" },
                   { "@type": "Person", name: "Ben Okafor" },
                 ],
                 publisher: { "@type": "Organization", name: "The Daily Ledger" },
               },
             ],
           })}</script>`,
          story("ld"),
        ),
      };
    case "/news-og.html":
      return {
        type: "text/html",
        body: page(
          `<meta property="og:title" content="Costa on taxes">
           <meta property="og:site_name" content="Evening Post">
           <meta property="article:published_time" content="2026-12-01T09:30:00Z">
           <meta property="og:url" content="${base}/og/costa-taxes">`,
          story("og"),
        ),
      };
    case "/plain.txt":
      return {
        type: "text/plain; charset=utf-8",
        body: `Costa speech\n\n${story("plain").replace(/<\/?p>/g, "\n")}`,
      };
    case "/doc.pdf":
      return { type: "application/pdf", body: "%PDF-1.7 ..." };
    case "/empty.html":
      return { type: "text/html", body: page("<title>Nothing</title>", "<nav>Home</nav>") };
    case "/to-private":
      return {
        status: 302,
        type: "text/plain",
        body: "",
        headers: { location: "http://10.0.0.7/admin" },
      };
    case "/rss.xml":
      return {
        type: "application/rss+xml",
        body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Ledger RSS</title>${ENTRIES.map(
          (e, i) => `<item><title>Item ${i}</title><link>${e}</link><guid>rss-${i}</guid></item>`,
        ).join("")}</channel></rss>`,
      };
    case "/atom.xml":
      return {
        type: "application/atom+xml",
        body: `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Ledger Atom</title><id>urn:ledger</id>${ENTRIES.map(
          (e, i) =>
            `<entry><title>Entry ${i}</title><id>urn:atom:${i}</id><link rel="alternate" href="${base}${e}"/></entry>`,
        ).join("")}</feed>`,
      };
    case "/feed.json":
      return {
        type: "application/feed+json",
        body: JSON.stringify({
          version: "https://jsonfeed.org/version/1.1",
          title: "Ledger JSON",
          items: ENTRIES.map((e, i) => ({
            id: `json-${i}`,
            url: `${base}${e}`,
            title: `Item ${i}`,
          })),
        }),
      };
    case "/long-links.xml":
      // One entry links to an address of 2,001 characters and more: skipped, not stored.
      return {
        type: "application/rss+xml",
        body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Long</title>
          <item><title>Long</title><link>/stories/${"x".repeat(2_000_000)}</link><guid>long-1</guid></item>
          <item><title>Short</title><link>/stories/short</link><guid>short-1</guid></item>
          </channel></rss>`,
      };
    case "/not-a-feed":
      return { type: "text/html", body: page("<title>Home</title>", "<p>Welcome.</p>") };
    default:
      return null;
  }
}

beforeAll(async () => {
  process.env.CLAIMDESK_FETCH_ALLOW_HOSTS = "127.0.0.1";
  server = http.createServer((req, res) => {
    const path = new URL(req.url!, "http://x").pathname;
    requests.push({ path, headers: req.headers });
    const route = routes(path);
    if (!route) {
      res.writeHead(404, { "content-type": "text/html" });
      res.end("<p>Not found</p>");
      return;
    }
    const etag = `"${path.length}-${route.body.length}"`;
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, { etag });
      res.end();
      return;
    }
    res.writeHead(route.status ?? 200, { "content-type": route.type, etag, ...route.headers });
    res.end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  pool = new DocumentPool({ threads: 1 });
  const user = await createUser(prisma, { role: "EDITOR" });
  userId = user.id;
  editor = asSession(user);
});

afterAll(async () => {
  delete process.env.CLAIMDESK_FETCH_ALLOW_HOSTS;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await pool.destroy();
  await prisma.$disconnect();
  await state.database.drop();
});

/**
 * One poll of a feed, as a worker takes it: the feed is made the only one due (the file's
 * other feeds wait), taken with a lease, and polled.
 */
async function pollFeed(feedId: string, { leaseMs = 60_000 } = {}) {
  await prisma.$executeRaw`UPDATE "Feed" SET "nextPollAt" = now() + interval '1 day' WHERE id <> ${feedId}::uuid`;
  await prisma.$executeRaw`UPDATE "Feed" SET "nextPollAt" = now() WHERE id = ${feedId}::uuid`;
  const poll = await feeds.takeDueFeed({ leaseMs });
  if (!poll) return { status: "not taken" as const };
  return runFeedPoll(poll, { pool, budgets: testBudgets(pool) });
}

async function importUrl(url: string) {
  const { itemIds } = await imports.queueImport({ userId }, [imports.urlItem(url)]);
  const result = await runQueuedItem(itemIds[0]!, pool);
  const item = await prisma.importItem.findUniqueOrThrow({
    where: { id: itemIds[0]! },
    include: { article: { include: { _count: { select: { claims: true } } } } },
  });
  return { result, item };
}

describe("importing by URL", () => {
  it("keeps JSON-LD's title, byline, date and outlet and the canonical address; the same page again is a duplicate, not fetched twice", async () => {
    const { result, item } = await importUrl(`${base}/news-ld.html`);
    expect(result).toBe("IMPORTED");
    expect(item.article).toMatchObject({
      title: "Inflation falls, says Costa",
      author: "Ana Ruiz and Ben Okafor",
      outlet: "The Daily Ledger",
      publishedAt: new Date("2026-11-30T08:00:00Z"),
      url: `${base}/stories/costa-inflation`,
      canonicalUrl: `${base}/stories/costa-inflation`,
    });
    expect(item.article!._count.claims).toBeGreaterThan(0);

    // The same page from the same address: found by its address, nothing fetched.
    const before = requests.length;
    const again = await importUrl(`${base}/stories/costa-inflation`);
    expect(again.result).toBe("DUPLICATE");
    expect(again.item.articleId).toBe(item.articleId);
    expect(requests.length).toBe(before);
    // Fetched again under another address, it is the same canonical page.
    const query = await importUrl(`${base}/news-ld.html?utm_source=feed`);
    expect(query.result).toBe("DUPLICATE");
    expect(query.item.articleId).toBe(item.articleId);
  });

  it("falls back on OpenGraph, and imports plain text", async () => {
    const og = await importUrl(`${base}/news-og.html`);
    expect(og.item.article).toMatchObject({
      title: "Costa on taxes",
      outlet: "Evening Post",
      publishedAt: new Date("2026-12-01T09:30:00Z"),
      canonicalUrl: `${base}/og/costa-taxes`,
    });
    const plain = await importUrl(`${base}/plain.txt`);
    expect(plain.result).toBe("IMPORTED");
    expect(plain.item.article).toMatchObject({ title: "Costa speech", url: `${base}/plain.txt` });
  });

  it("ends each bad address with a message and no article", async () => {
    const articles = await prisma.article.count();
    const cases: Array<[string, RegExp]> = [
      [`${base}/gone`, /answered 404/],
      [`${base}/doc.pdf`, /is application\/pdf, not a web page/],
      [`${base}/empty.html`, /no article text was found/],
      [`${base}/to-private`, /10\.0\.0\.7 is a private network address/],
      ["http://no-such-host.invalid/story", /could not find the host/],
    ];
    for (const [url, message] of cases) {
      const { result, item } = await importUrl(url);
      expect(result, url).toBe("FAILED");
      expect(item.error, url).toMatch(message);
    }
    // With the fetcher's default settings, the local server is off limits.
    process.env.CLAIMDESK_FETCH_ALLOW_HOSTS = "";
    try {
      const { item } = await importUrl(`${base}/news-og.html?again`);
      expect(item.error).toMatch(/127\.0\.0\.1 is a loopback address/);
    } finally {
      process.env.CLAIMDESK_FETCH_ALLOW_HOSTS = "127.0.0.1";
    }
    expect(await prisma.article.count()).toBe(articles);
  });
});

describe("feeds", () => {
  for (const [format, path] of [
    ["RSS", "/rss.xml"],
    ["Atom", "/atom.xml"],
    ["JSON Feed", "/feed.json"],
  ] as const) {
    it(`${format}: new entries are queued by address; a second poll sends the validators and imports nothing`, async () => {
      const { id } = await feeds.addFeed(editor, { url: `${base}${path}`, intervalMinutes: 30 });
      expect(await pollFeed(id)).toEqual({ status: "polled", fresh: 3 });
      const entries = await prisma.feedEntry.findMany({
        where: { feedId: id },
        include: { importItem: { include: { batch: true } } },
        orderBy: { url: "asc" },
      });
      expect(entries.map((e) => e.url)).toEqual(ENTRIES.map((e) => `${base}${e}`).sort());
      expect(entries.every((e) => e.importItem?.kind === "URL")).toBe(true);
      expect(entries[0]!.importItem!.batch.label).toMatch(/^feed: Ledger/);

      const second = await pollFeed(id);
      expect(second).toEqual({ status: "not-modified" });
      const last = requests.filter((r) => r.path === path).at(-1)!;
      expect(last.headers["if-none-match"]).toMatch(/^"/);
      expect(await prisma.feedEntry.count({ where: { feedId: id } })).toBe(3);
      const feed = await prisma.feed.findUniqueOrThrow({ where: { id } });
      expect(feed).toMatchObject({ failures: 0, lastError: null });
      expect(feed.nextPollAt.getTime()).toBeGreaterThan(Date.now() + 29 * 60_000);
    });
  }

  it("a feed's entries become articles with claims", async () => {
    const { id } = await feeds.addFeed(editor, {
      url: `${base}/rss.xml?fresh`,
      intervalMinutes: 60,
    });
    await pollFeed(id);
    const items = await prisma.feedEntry.findMany({ where: { feedId: id } });
    const outcomes = [];
    for (const entry of items) outcomes.push(await runQueuedItem(entry.importItemId!, pool));
    // The three pages were imported by the tests above: each is reported as a duplicate.
    expect(outcomes.sort()).toEqual(["DUPLICATE", "DUPLICATE", "DUPLICATE"]);
    const [list] = (await feeds.listFeeds()).filter((f) => f.id === id);
    expect(list).toMatchObject({ entries: 3, pending: 0 });
  });

  it("a feed that is not one, or unreachable, fails with its message and backs off", async () => {
    const { id } = await feeds.addFeed(editor, { url: `${base}/not-a-feed`, intervalMinutes: 10 });
    const first = await pollFeed(id);
    expect(first).toMatchObject({ status: "failed" });
    const failed = await prisma.feed.findUniqueOrThrow({ where: { id } });
    expect(failed.lastError).toMatch(/is not a feed/);
    expect(failed.failures).toBe(1);
    // 10 minutes × 2¹ = 20 minutes.
    const wait = (failed.nextPollAt.getTime() - Date.now()) / 60_000;
    expect(wait).toBeGreaterThan(19);
    expect(wait).toBeLessThan(21);
    await pollFeed(id);
    const twice = await prisma.feed.findUniqueOrThrow({ where: { id } });
    expect(twice.failures).toBe(2);
    expect((twice.nextPollAt.getTime() - Date.now()) / 60_000).toBeGreaterThan(39);

    const gone = await feeds.addFeed(editor, { url: `${base}/no-feed-here`, intervalMinutes: 10 });
    expect(await pollFeed(gone.id)).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/answered 404/),
    });
  });

  it("a paused feed is never taken; a due feed is polled by one worker at a time", async () => {
    const { id } = await feeds.addFeed(editor, {
      url: `${base}/atom.xml?paused`,
      intervalMinutes: 30,
    });
    await feeds.setFeedPaused(editor, { feedId: id, paused: true });
    expect(await pollFeed(id)).toEqual({ status: "not taken" });
    await feeds.setFeedPaused(editor, { feedId: id, paused: false });
    await prisma.feed.updateMany({ data: { nextPollAt: new Date(Date.now() - 1000) } });
    const due = await prisma.feed.count({ where: { pausedAt: null } });
    // Many workers looking at once: each due feed is taken by exactly one of them.
    const taken = await Promise.all(
      Array.from({ length: due + 3 }, () => feeds.takeDueFeed({ leaseMs: 60_000 })),
    );
    const ids = taken.flatMap((poll) => (poll ? [poll.id] : []));
    expect(ids.length).toBe(due);
    expect(new Set(ids).size).toBe(due);
    expect(await feeds.takeDueFeed({ leaseMs: 60_000 })).toBeNull();
  });

  it("a poll whose lease passed writes nothing; the feed is polled again by the next one", async () => {
    const { id } = await feeds.addFeed(editor, {
      url: `${base}/rss.xml?lease`,
      intervalMinutes: 30,
    });
    await prisma.$executeRaw`UPDATE "Feed" SET "nextPollAt" = now() + interval '1 day' WHERE id <> ${id}::uuid`;
    const first = await feeds.takeDueFeed({ leaseMs: 100 });
    expect(first).toMatchObject({ id, attempt: 1 });
    await new Promise((r) => setTimeout(r, 300));
    const second = await feeds.takeDueFeed({ leaseMs: 60_000 });
    expect(second).toMatchObject({ id, attempt: 2 });
    const ctx = { pool, budgets: testBudgets(pool) };
    expect(await runFeedPoll(first!, ctx)).toEqual({ status: "skipped" });
    expect(await prisma.feedEntry.count({ where: { feedId: id } })).toBe(0);
    expect(await runFeedPoll(second!, ctx)).toEqual({ status: "polled", fresh: 3 });
    const feed = await prisma.feed.findUniqueOrThrow({ where: { id } });
    expect(feed).toMatchObject({ pollAttempts: 2, pollingUntil: null, failures: 0 });
  });

  it("a feed just added, resumed or polled now is due at once", async () => {
    const { id } = await feeds.addFeed(editor, {
      url: `${base}/feed.json?once`,
      intervalMinutes: 30,
    });
    const dueIn = async () =>
      (await prisma.feed.findUniqueOrThrow({ where: { id } })).nextPollAt.getTime() - Date.now();
    expect(await dueIn()).toBeLessThanOrEqual(0);
    await prisma.feed.update({
      where: { id },
      data: { nextPollAt: new Date(Date.now() + 3_600_000) },
    });
    await feeds.setFeedPaused(editor, { feedId: id, paused: true });
    await feeds.setFeedPaused(editor, { feedId: id, paused: false });
    expect(await dueIn()).toBeLessThanOrEqual(0);
    await prisma.feed.update({
      where: { id },
      data: { nextPollAt: new Date(Date.now() + 3_600_000) },
    });
    await feeds.pollFeedNow(editor, { feedId: id });
    expect(await dueIn()).toBeLessThanOrEqual(0);
  });

  it("an entry whose link is longer than 2,000 characters is skipped, and the feed page says so", async () => {
    const { id } = await feeds.addFeed(editor, {
      url: `${base}/long-links.xml`,
      intervalMinutes: 30,
    });
    expect(await pollFeed(id)).toEqual({ status: "polled", fresh: 1 });
    const entries = await prisma.feedEntry.findMany({ where: { feedId: id } });
    expect(entries.map((e) => e.url)).toEqual([`${base}/stories/short`]);
    const [listed] = (await feeds.listFeeds()).filter((f) => f.id === id);
    expect(listed!.lastNote).toBe("1 entry was skipped: its link is longer than 2,000 characters");
  });

  it("only editors add feeds, and a feed is followed once", async () => {
    const reviewer = asSession(await createUser(prisma, { role: "REVIEWER" }));
    await expect(
      feeds.addFeed(reviewer, { url: `${base}/rss.xml?r`, intervalMinutes: 30 }),
    ).rejects.toThrow(/Only editors/);
    await expect(
      feeds.addFeed(editor, { url: `${base}/rss.xml`, intervalMinutes: 30 }),
    ).rejects.toThrow(/followed already/);
  });
});
