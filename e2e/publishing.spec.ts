import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "@playwright/test";
import { slugFor } from "@/lib/domain/publishing";
import { createPublication, createPublishableClaim } from "@/seeds/factories";
import { expect, seriousViolations, signedInPage, test, type TestUser } from "./fixtures";

/**
 * Publishing as the desk and its readers see it: an editor publishes an approved claim from
 * its page; a reader with no session (and no JavaScript) reads the fact-check, its one
 * ClaimReview, the index, the feed and the sitemap; a page withdrawn says so (410), one
 * never published is not there (404); a correction is dated on the page and logged; the
 * embed card works in another site's iframe.
 */

const RATIONALE = "The city's budget report for 2023 lists $3.1 million spent on the bridge.";
const SUMMARY = "We read the **budget report**.\n\n<script>alert('no')</script>";

/** A reader: a fresh context with no cookies and JavaScript off (the pages need none). */
async function readerPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  return context.newPage();
}

/** Publishes the claim from its page with `headline`, and returns the page's public address. */
async function publishFromClaimPage(page: Page, claimId: string, headline: string) {
  await page.goto(`/claims/${claimId}`);
  const checklist = page.getByRole("list", { name: "Pre-publish checklist" });
  await expect(checklist.getByRole("listitem")).toHaveCount(5);
  await expect(checklist).not.toContainText("Missing:");
  await page.getByLabel("Headline").fill(headline);
  await page.getByLabel("Summary (optional)").fill(SUMMARY);
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByText("Published.", { exact: true })).toBeVisible();
  const link = page.getByRole("link", { name: /\/fact-checks\// });
  return new URL((await link.getAttribute("href"))!).pathname;
}

test("an editor publishes an approved claim, and a reader with no session finds it, its one ClaimReview, the index, feed and sitemap", async ({
  browser,
  makeUser,
  db,
}) => {
  const editor: TestUser = await makeUser("EDITOR");
  const claim = await createPublishableClaim(db, { rationale: RATIONALE });
  const unpublished = await createPublishableClaim(db);
  const headline = `The bridge cost less than the mayor said ${claim.id.slice(-4)}`;
  const desk = await signedInPage(browser, editor);
  const path = await publishFromClaimPage(desk, claim.id, headline);
  expect(path).toBe(`/fact-checks/${slugFor(headline, claim.id)}`);

  const reader = await readerPage(browser);
  const response = await reader.goto(path);
  expect(response!.status()).toBe(200);
  const page = reader.getByTestId("fact-check");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(headline);
  await expect(page.getByRole("blockquote")).toHaveText(claim.shortText!);
  await expect(page).toContainText("Mayor Ana Costa");
  await expect(page).toContainText(RATIONALE);
  await expect(page.getByRole("link", { name: "Budget report 2023" })).toHaveAttribute(
    "href",
    "https://city.example/budget-2023.pdf",
  );
  // The summary's Markdown is rendered; its HTML is text, never markup.
  await expect(page.getByRole("region", { name: "Summary" }).locator("strong")).toHaveText(
    "budget report",
  );
  await expect(page.getByRole("region", { name: "Summary" })).toContainText("<script>");

  // Exactly one ClaimReview, its url the page's canonical address, its values on the page.
  const scripts = reader.locator('script[type="application/ld+json"]');
  await expect(scripts).toHaveCount(1);
  const review = JSON.parse((await scripts.textContent())!) as {
    "@type": string;
    url: string;
    claimReviewed: string;
    datePublished: string;
    reviewRating: { alternateName: string };
    itemReviewed: { author: { name: string }; appearance: { url: string } };
    author: { name: string };
  };
  expect(review["@type"]).toBe("ClaimReview");
  const canonical = await reader.locator('link[rel="canonical"]').getAttribute("href");
  expect(review.url).toBe(canonical);
  expect(new URL(review.url).pathname).toBe(path);
  await expect(page.getByRole("blockquote")).toHaveText(review.claimReviewed);
  await expect(
    page.getByRole("link", {
      name: `Verdict: ${review.reviewRating.alternateName}. What it means`,
    }),
  ).toHaveAttribute("href", /^\/ratings#/);
  await expect(page).toContainText(review.itemReviewed.author.name);
  await expect(page).toContainText(review.author.name);
  await expect(page.locator(`time[datetime="${review.datePublished}"]`).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Where it appeared" })).toHaveAttribute(
    "href",
    review.itemReviewed.appearance.url,
  );
  // Cards for sharing, and the feed named for readers' feed readers.
  await expect(reader.locator('meta[property="og:image"]')).toHaveAttribute(
    "content",
    /opengraph-image/,
  );
  await expect(reader.locator('meta[name="twitter:card"]')).toHaveAttribute(
    "content",
    "summary_large_image",
  );
  await expect(reader.locator('link[rel="alternate"][type="application/atom+xml"]')).toHaveCount(1);
  const image = await reader.request.get(
    (await reader.locator('meta[property="og:image"]').getAttribute("content"))!,
  );
  expect(image.status()).toBe(200);
  expect(image.headers()["content-type"]).toBe("image/png");

  // The index lists it (newest first), and so do the feed and the sitemap.
  await reader.goto("/fact-checks");
  await expect(reader.getByRole("link", { name: headline })).toHaveAttribute("href", path);
  const feed = await reader.request.get("/fact-checks/feed.xml");
  expect(feed.headers()["content-type"]).toContain("application/atom+xml");
  expect(await feed.text()).toContain(review.url);
  const sitemap = await (await reader.request.get("/sitemap.xml")).text();
  expect(sitemap).toContain(`<loc>${review.url}</loc>`);
  expect(await (await reader.request.get("/robots.txt")).text()).toContain("Sitemap:");

  // A claim never published is not there at the address it would have; nor is the desk.
  const never = await reader.goto(
    `/fact-checks/${slugFor(unpublished.shortText!, unpublished.id)}`,
  );
  expect(never!.status()).toBe(404);
  expect((await reader.goto(`/claims/${claim.id}`))!.url()).toContain("/login");
  await reader.context().close();
});

test.describe("the public pages have no serious or critical accessibility violations", () => {
  for (const [name, pathOf] of [
    ["a fact-check", (slug: string) => `/fact-checks/${slug}`],
    ["the index", () => "/fact-checks"],
    ["the ratings", () => "/ratings"],
    ["the corrections", () => "/corrections"],
    ["an embed card", (slug: string) => `/fact-checks/${slug}/embed`],
  ] as const) {
    test(name, async ({ page, db }) => {
      const claim = await createPublishableClaim(db);
      const { slug } = await createPublication(db, {
        claimId: claim.id,
        verdictId: claim.verdictId!,
      });
      await page.goto(pathOf(slug));
      await expect(page.getByRole("main")).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
});

test("unpublish keeps the address, answering 410 with a notice; a correction is dated on the page and in the log", async ({
  browser,
  makeUser,
  db,
}) => {
  const editor: TestUser = await makeUser("EDITOR");
  const claim = await createPublishableClaim(db);
  const headline = `Bridge fact-check to correct ${claim.id.slice(-4)}`;
  const desk = await signedInPage(browser, editor);
  const path = await publishFromClaimPage(desk, claim.id, headline);
  const reader = await readerPage(browser);

  // Reopened: the page stays up, saying it is under review.
  await desk.getByRole("button", { name: "Reopen for correction…" }).click();
  await desk.getByRole("dialog").getByRole("textbox").fill("A reader sent a newer report.");
  await desk.getByRole("dialog").getByRole("button", { name: "Reopen" }).click();
  // The claim is in review again (its approved-claim buttons gone); its publishing card says
  // what the public page says.
  await expect(desk.getByText("Public page says: under review")).toBeVisible();
  await reader.goto(path);
  await expect(reader.getByRole("status")).toContainText("Under review");
  // The page is read from a cache that only the desk's actions expire: a change made behind
  // the app's back is not shown until the next publication.
  await db.publication.update({
    where: { slug: path.split("/").pop()! },
    data: { headline: `${headline}, changed behind the cache` },
  });
  await reader.reload();
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(headline);
  const before = (await db.verdict.findUniqueOrThrow({ where: { id: claim.verdictId! } })).label;

  // Reviewed again and approved with another verdict (the review and four-eyes approval
  // are e2e/approval.spec.ts's subject; here the claim is put back approved directly).
  const other = await db.verdict.findFirstOrThrow({
    where: { retiredAt: null, label: { not: before } },
    orderBy: { order: "desc" },
  });
  await db.claim.update({
    where: { id: claim.id },
    data: { state: "APPROVED", verdictId: other.id, version: { increment: 1 } },
  });
  await desk.goto(`/claims/${claim.id}`);
  await expect(desk.getByLabel("Correction note")).toBeVisible();
  await desk.getByLabel("Correction note").fill("The 2024 budget report revised the figure.");
  await desk.getByRole("button", { name: "Publish again" }).click();
  await expect(desk.getByText("Published again: the public page shows it.")).toBeVisible();

  await reader.goto(path);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(
    `${headline}, changed behind the cache`,
  );
  const correction = reader.getByRole("region", { name: "Corrections" });
  await expect(correction).toContainText(
    new RegExp(
      `Correction, \\d{1,2} \\w+ \\d{4}: verdict changed from ${before} to ${other.label}\\. The 2024 budget report revised the figure\\.`,
    ),
  );
  await expect(reader.getByRole("status")).toHaveCount(0);
  const review = JSON.parse(
    (await reader.locator('script[type="application/ld+json"]').textContent())!,
  ) as { dateModified?: string; reviewRating: { alternateName: string } };
  expect(review.dateModified).toMatch(/^\d{4}-\d{2}-\d{2}/);
  expect(review.reviewRating.alternateName).toBe(other.label);
  await reader.goto("/corrections");
  await expect(reader.getByRole("link", { name: headline })).toHaveAttribute("href", path);

  // Withdrawn: the address says so (410), the page and its embed; the index drops it.
  await desk.goto(`/claims/${claim.id}`);
  await desk.getByRole("button", { name: "Unpublish…" }).click();
  await desk.getByRole("dialog").getByRole("textbox").fill("Published by mistake.");
  await desk.getByRole("dialog").getByRole("button", { name: "Unpublish" }).click();
  await expect(desk.getByText("Withdrawn: its address now says so.")).toBeVisible();
  await desk.getByRole("tab", { name: /History/ }).click();
  const events = desk.getByTestId("history-event");
  await expect(events.filter({ hasText: "published it as a public fact-check" })).toHaveCount(2);
  await expect(events.filter({ hasText: "withdrew its public fact-check" })).toContainText(
    "Published by mistake.",
  );
  const gone = await reader.goto(path);
  expect(gone!.status()).toBe(410);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(
    "This fact-check was withdrawn",
  );
  expect((await reader.request.get(`${path}/embed`)).status()).toBe(410);
  await reader.goto("/fact-checks");
  await expect(reader.getByRole("link", { name: headline })).toHaveCount(0);
  await reader.context().close();
});

test("the embed card renders in an iframe on another site; the desk's other pages still refuse frames", async ({
  browser,
  makeUser,
  db,
  baseURL,
}) => {
  const editor: TestUser = await makeUser("EDITOR");
  const claim = await createPublishableClaim(db);
  const headline = `Embedded bridge fact-check ${claim.id.slice(-4)}`;
  const desk = await signedInPage(browser, editor);
  const path = await publishFromClaimPage(desk, claim.id, headline);
  const snippet = await desk.getByLabel("Embed on another site").inputValue();
  expect(snippet).toContain(`${path}/embed`);

  // Another site (its own origin: another server, on 127.0.0.1) pastes the snippet, and
  // frames a desk page beside it.
  const siteServer = createServer((_, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(
      `<!doctype html><title>News</title>${snippet}<iframe id="desk" src="${baseURL}${path}"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => siteServer.listen(0, "127.0.0.1", resolve));
  const context = await browser.newContext();
  const site = await context.newPage();
  await site.goto(`http://127.0.0.1:${(siteServer.address() as AddressInfo).port}/`);
  const card = site.frameLocator(`iframe[src$="${path}/embed"]`).getByTestId("fact-check-embed");
  await expect(card).toContainText(claim.shortText!);
  await expect(card.getByRole("link", { name: "Read the fact-check" })).toHaveAttribute(
    "href",
    `${baseURL}${path}`,
  );
  const framedPage = await (await site.request.get(path)).headersArray();
  const header = (name: string) =>
    framedPage.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
  expect(header("x-frame-options")).toBe("DENY");
  expect(header("content-security-policy")).toContain("frame-ancestors 'none'");
  await expect(site.frameLocator("#desk").getByTestId("fact-check")).toHaveCount(0);
  await context.close();
  siteServer.close();
});

test("no public response holds what was not published: drafts, blind reviews, comments, reviewers, other claims", async ({
  browser,
  makeUser,
  db,
  request,
}) => {
  const editor: TestUser = await makeUser("EDITOR");
  const reviewer: TestUser = await makeUser("REVIEWER");
  const claim = await createPublishableClaim(db);
  const secret = (what: string) => `leak-${what}-${claim.id.slice(-8)}`;
  // The desk's own work on the claim, before and after it is published.
  await db.comment.create({
    data: { claimId: claim.id, authorId: editor.id, body: secret("comment") },
  });
  await db.review.create({
    data: {
      claimId: claim.id,
      reviewerId: reviewer.id,
      verdictId: claim.verdictId!,
      rationale: secret("submitted-rationale"),
    },
  });
  await db.blindReview.create({
    data: { claimId: claim.id, reviewerId: reviewer.id, rationale: secret("blind-review") },
  });
  const neverPublished = await createPublishableClaim(db, { rationale: secret("other-rationale") });
  await db.comment.create({
    data: { claimId: neverPublished.id, authorId: editor.id, body: secret("other-comment") },
  });
  const headline = `Bridge fact-check kept to itself ${claim.id.slice(-4)}`;
  const desk = await signedInPage(browser, editor);
  const path = await publishFromClaimPage(desk, claim.id, headline);
  // Reopened, and a draft written that nobody published.
  await desk.getByRole("button", { name: "Reopen for correction…" }).click();
  await desk.getByRole("dialog").getByRole("textbox").fill(secret("reopen-reason"));
  await desk.getByRole("dialog").getByRole("button", { name: "Reopen" }).click();
  // The claim is in review again (its approved-claim buttons gone); its publishing card says
  // what the public page says.
  await expect(desk.getByText("Public page says: under review")).toBeVisible();
  await db.claim.update({
    where: { id: claim.id },
    data: { rationale: secret("draft-rationale"), shortText: secret("draft-short-form") },
  });

  const responses = await Promise.all(
    [
      path,
      `${path}/embed`,
      "/fact-checks",
      "/fact-checks?before=not-a-cursor",
      "/fact-checks/feed.xml",
      "/sitemap.xml",
      "/robots.txt",
      "/icon.svg",
      "/ratings",
      "/corrections",
      "/api/v1/fact-checks",
      `/fact-checks/${slugFor(neverPublished.shortText!, neverPublished.id)}`,
    ].map(async (url) => {
      const response = await request.get(url, { headers: { cookie: "" } });
      return { url, status: response.status(), body: (await response.body()).toString("latin1") };
    }),
  );
  expect(responses.filter((r) => r.status !== 200).map((r) => `${r.url} ${r.status}`)).toEqual([
    `/fact-checks/${slugFor(neverPublished.shortText!, neverPublished.id)} 404`,
  ]);
  const page = responses.find((r) => r.url === path)!.body;
  expect(page).toContain(headline);
  expect(page).toContain("Under review");
  for (const { url, body } of responses) {
    for (const what of [
      "comment",
      "submitted-rationale",
      "blind-review",
      "other-comment",
      "other-rationale",
      "reopen-reason",
      "draft-rationale",
      "draft-short-form",
    ]) {
      expect(body, `${url} holds the ${what}`).not.toContain(secret(what));
    }
    for (const name of [reviewer.name, editor.name, reviewer.email, editor.email]) {
      expect(body, `${url} names ${name}`).not.toContain(name);
    }
  }
});
