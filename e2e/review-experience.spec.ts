import type { Page } from "@playwright/test";
import { expect, signedInPage, test, signIn } from "./fixtures";

/** Where a newcomer stumbled (issue: the review experience), each point as they see it. */

/** Takes a new claim and fills its review up to the first evidence item's stance. */
async function takeAndStartReview(page: Page, claimId: string) {
  await page.goto(`/claims/${claimId}`);
  await page.getByRole("button", { name: "Take this claim" }).click();
  const review = page.getByRole("form", { name: "Review" });
  await expect(review.getByLabel("Rationale")).toBeEnabled();
  await review.getByLabel("Proposed verdict").selectOption({ label: "Mostly false" });
  await review.getByLabel("Rationale").fill("The published budget shows a smaller figure.");
  await review.getByRole("button", { name: "Add evidence" }).click();
  const item = review.getByRole("listitem", { name: "Evidence 1" });
  await item.getByLabel("URL", { exact: true }).fill("https://example.org/budget");
  await item.getByLabel("Stance").selectOption("REFUTES");
  return { review, item };
}

test("the history names states in words, lists only what changed, and a submission does not re-log the verdict", async ({
  browser,
  makeUser,
  makeClaim,
}) => {
  const reviewer = await makeUser("REVIEWER");
  const claim = await makeClaim();
  const page = await signedInPage(browser, reviewer);
  const { review, item } = await takeAndStartReview(page, claim.id);
  await item.getByLabel("Source type").selectOption("PRIMARY");
  await review.getByRole("button", { name: "Save", exact: true }).click();
  await expect(review.getByText("Saved.", { exact: true })).toBeVisible();
  // A save with nothing changed, then the submission.
  await review.getByRole("button", { name: "Save", exact: true }).click();
  await expect(review.getByText("Saved.", { exact: true })).toBeVisible();
  await review.getByRole("button", { name: "Submit for approval" }).click();
  await expect(review.getByText("Submitted for approval.")).toBeVisible();

  await page.getByRole("tab", { name: /History/ }).click();
  const events = page.getByTestId("history-event");
  const submitted = events.filter({ hasText: "submitted it for approval" });
  await expect(submitted).toContainText("state: In review → Submitted");
  await expect(submitted).not.toContainText("proposed verdict");
  await expect(events.filter({ hasText: "saved the review" }).nth(1)).toContainText(
    "No field changed.",
  );
  await expect(page.getByTestId("claim-history")).not.toContainText("IN_REVIEW");
});

test("an evidence item without a source type is refused on submit with the item named, and its required fields are marked", async ({
  browser,
  makeUser,
  makeClaim,
}) => {
  const reviewer = await makeUser("REVIEWER");
  const claim = await makeClaim();
  const page = await signedInPage(browser, reviewer);
  const { review, item } = await takeAndStartReview(page, claim.id);
  for (const label of ["URL", "Stance", "Source type"]) {
    await expect(item.getByLabel(label, { exact: true })).toHaveAttribute("required", "");
  }
  await review.getByRole("button", { name: "Submit for approval" }).click();
  await expect(review.getByRole("alert")).toContainText("Evidence 1: Choose primary or secondary");
  await expect(item.getByLabel("Source type")).toHaveAttribute("aria-invalid", "true");
  // Nothing typed was lost.
  await expect(review.getByLabel("Rationale")).toHaveValue(
    "The published budget shows a smaller figure.",
  );
});

test("an approved claim's verdict is labelled as the verdict, not a proposal", async ({
  page,
  makeUser,
  makeClaim,
}) => {
  const editor = await makeUser("EDITOR");
  const claim = await makeClaim({ state: "APPROVED" });
  await signIn(page, editor);
  await page.goto(`/claims/${claim.id}`);
  const review = page.getByRole("form", { name: "Review" });
  await expect(review.getByLabel("Verdict", { exact: true })).toBeVisible();
  await expect(review.getByLabel("Proposed verdict")).toHaveCount(0);
});

test("a decision whose request fails says so beside the item, and the page stays", async ({
  browser,
  makeUser,
  makeClaim,
}) => {
  const reviewer = await makeUser("REVIEWER");
  const editor = await makeUser("EDITOR");
  const claim = await makeClaim({ state: "SUBMITTED", assigneeId: reviewer.id });
  const page = await signedInPage(browser, editor);
  await page.goto(`/claims/${claim.id}`);
  // The server action's request dies on the way (the server down, a proxy failing).
  await page.route("**/*", (route) =>
    route.request().method() === "POST" && route.request().headers()["next-action"]
      ? route.abort("failed")
      : route.continue(),
  );
  await page.getByRole("button", { name: "Return…" }).click();
  await page.getByRole("dialog").getByLabel("Reason").fill("Needs a primary source.");
  await page.getByRole("dialog").getByRole("button", { name: "Return" }).click();
  await expect(
    page.getByRole("dialog").getByRole("alert").filter({ hasText: "could not be reached" }),
  ).toBeVisible();
  await expect(page.getByText("This page couldn’t load")).toHaveCount(0);
  await expect(page.getByTestId("claim-text")).toBeVisible();
});

test("pasting an article without a title names it by its first line", async ({
  page,
  makeUser,
}) => {
  const user = await makeUser("REVIEWER");
  await signIn(page, user);
  await page.goto("/articles/import");
  const first = `Council votes on the bridge ${crypto.randomUUID().slice(0, 8)}`;
  await page
    .getByLabel("Article text")
    .fill(`${first}\n\nThe mayor said the bridge cost $4 million.`);
  await page.getByRole("button", { name: "Import article" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported 1 article" })).toBeVisible();
  await expect(page.getByRole("link", { name: first })).toBeVisible();
});

test("the span preview shows the article's text as it is, with no quotation marks added", async ({
  page,
  makeUser,
  makeClaim,
}) => {
  const user = await makeUser("REVIEWER");
  const claim = await makeClaim();
  await signIn(page, user);
  await page.goto(`/claims/${claim.id}`);
  const text = (await page.getByTestId("claim-text").textContent())!.trim();
  await expect(page.getByTestId("span-preview")).toHaveText(text);
});

test("small things: a favicon, one main landmark on Not allowed, a copy button for a new token", async ({
  browser,
  page,
  makeUser,
}) => {
  expect((await page.request.get("/favicon.ico")).status()).toBe(200);

  const reviewer = await makeUser("REVIEWER");
  await signIn(page, reviewer);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(page.getByRole("main")).toHaveCount(1);

  const admin = await makeUser("ADMIN");
  const context = await browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const adminPage = await context.newPage();
  await signIn(adminPage, admin);
  await adminPage.goto("/admin/tokens");
  await adminPage.getByLabel("Name").fill("copy test");
  await adminPage.getByRole("button", { name: "Create token" }).click();
  const secret = (await adminPage.getByTestId("token-secret").textContent())!.trim();
  await adminPage.getByRole("button", { name: "Copy" }).click();
  await expect(adminPage.getByText("Copied to the clipboard.")).toBeVisible();
  expect(await adminPage.evaluate(() => navigator.clipboard.readText())).toBe(secret);
});

test("the queue fits 1280 px: the sort is readable, and a queue of one article does not repeat its title", async ({
  page,
  makeUser,
  makeClaim,
  db,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const user = await makeUser("REVIEWER");
  const claim = await makeClaim();
  const { articleId } = await db.claim.findUniqueOrThrow({
    where: { id: claim.id },
    select: { articleId: true },
  });
  await signIn(page, user);
  await page.goto(`/claims?article=${articleId}`);
  const sort = page.getByLabel("Sort");
  // The chosen option's text, in the select's font, plus its left padding and the arrow's
  // room (pr-8), fits inside the select.
  const fits = await sort.evaluate((el: HTMLSelectElement) => {
    const style = getComputedStyle(el);
    const probe = document.createElement("span");
    probe.style.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    probe.style.whiteSpace = "nowrap";
    probe.textContent = el.options[el.selectedIndex]!.text;
    document.body.append(probe);
    const needed = probe.getBoundingClientRect().width + parseFloat(style.paddingLeft) + 32;
    probe.remove();
    return needed <= el.clientWidth;
  });
  expect(fits).toBe(true);
  await expect(page.getByRole("columnheader", { name: "Article", exact: true })).toHaveCount(0);
  await expect(page.getByRole("columnheader", { name: "Claim", exact: true })).toBeVisible();
});

test("the claim as reviewed: what is claimed without its attribution, a short form with its counter, and ClaimReview uses it", async ({
  browser,
  makeUser,
  makeClaim,
  db,
}) => {
  const reviewer = await makeUser("REVIEWER");
  const claim = await makeClaim();
  await db.claim.update({
    where: { id: claim.id },
    data: {
      text: '"The budget fell by a third," the minister told reporters.',
      content: '"The budget fell by a third,"',
    },
  });
  const page = await signedInPage(browser, reviewer);
  await page.goto(`/claims/${claim.id}`);
  await page.getByRole("button", { name: "Take this claim" }).click();
  const review = page.getByRole("form", { name: "Review" });
  await expect(review.getByTestId("claim-content")).toHaveText('"The budget fell by a third,"');
  await review.getByLabel("Short form").fill("Budget cut by a third");
  await expect(review.getByText("21 / 75")).toBeVisible();
  await review.getByRole("button", { name: "Save", exact: true }).click();
  await expect(review.getByText("Saved.", { exact: true })).toBeVisible();

  const { articleId } = await db.claim.findUniqueOrThrow({
    where: { id: claim.id },
    select: { articleId: true },
  });
  const editor = await makeUser("EDITOR");
  const e = await signedInPage(browser, editor);
  const exported = (await (
    await e.request.get(`/api/v1/export.claimreview.json?state=ALL&article=${articleId}`)
  ).json()) as Array<{ claimReviewed: string; url: string }>;
  expect(exported.map((r) => r.claimReviewed)).toEqual(["Budget cut by a third"]);
  const json = (await (
    await e.request.get(`/api/v1/export.json?state=ALL&article=${articleId}`)
  ).json()) as Array<{ text: string; content: string; shortText: string }>;
  expect(json[0]).toMatchObject({
    text: '"The budget fell by a third," the minister told reporters.',
    content: '"The budget fell by a third,"',
    shortText: "Budget cut by a third",
  });
});

test("the export page says before download what the export will warn about, with links to fix each", async ({
  page,
  makeUser,
  makeClaim,
  db,
}) => {
  const editor = await makeUser("EDITOR");
  const claim = await makeClaim({ state: "APPROVED" });
  const long = `The council spent four million on the bridge, twice what it said (${crypto.randomUUID()}).`;
  await db.claim.update({ where: { id: claim.id }, data: { text: long, claimantName: null } });
  const { articleId } = await db.claim.findUniqueOrThrow({
    where: { id: claim.id },
    select: { articleId: true },
  });
  await signIn(page, editor);
  await page.goto(`/export?state=APPROVED&article=${articleId}`);
  const warnings = page.getByTestId("export-warnings");
  await expect(warnings.locator('[data-warning="tooLong"]')).toContainText(
    "1 claim is longer than 75 characters and has no short form",
  );
  await expect(warnings.locator('[data-warning="noClaimant"]')).toContainText(
    "1 claim has no claimant",
  );
  await warnings.locator('[data-warning="tooLong"]').getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/claims/${claim.id}$`));
});

test("a reviewer adjusts the span by selecting text in the article, the offsets tucked away", async ({
  page,
  makeUser,
  makeClaim,
}) => {
  const user = await makeUser("REVIEWER");
  const claim = await makeClaim();
  await signIn(page, user);
  await page.goto(`/claims/${claim.id}`);
  const original = (await page.getByTestId("claim-text").textContent())!.trim();
  // Select part of the claim as shown in its article.
  const selected = await page.getByTestId("claim-context-text").evaluate((root) => {
    const text = root.querySelector("mark")!.firstChild as Text;
    const range = document.createRange();
    range.setStart(text, 4);
    range.setEnd(text, 30);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    return range.toString();
  });
  await page.getByRole("button", { name: "Use the text selected in the article" }).click();
  await expect(page.getByTestId("span-preview")).toHaveText(selected.trim());
  await expect(page.getByText("Offsets (advanced)")).toBeVisible();
  await expect(page.getByLabel("Start offset")).toBeHidden();
  await page.getByRole("button", { name: "Save span" }).click();
  await expect(page.getByText("Span saved.")).toBeVisible();
  await expect(page.getByTestId("claim-text")).toHaveText(selected.trim());
  expect(selected.trim()).not.toBe(original);
});

test("a reviewer corrects a misspelled speaker once for the claims of the article, and the history says so", async ({
  page,
  makeUser,
  makeClaim,
  db,
}) => {
  const user = await makeUser("REVIEWER");
  const claim = await makeClaim();
  const { articleId } = await db.claim.findUniqueOrThrow({
    where: { id: claim.id },
    select: { articleId: true },
  });
  const misspelled = `Vasily Nebezia ${crypto.randomUUID().slice(0, 4)}`;
  const speaker = await db.speaker.create({ data: { articleId: articleId!, name: misspelled } });
  await db.claim.update({
    where: { id: claim.id },
    data: { speakerId: speaker.id, claimantName: misspelled },
  });
  await signIn(page, user);
  await page.goto(`/claims/${claim.id}`);
  await expect(page.getByTestId("claim-speaker")).toHaveText(misspelled);
  await page.getByRole("button", { name: "Correct the name…" }).click();
  const corrected = misspelled.replace("Nebezia", "Nebenzia");
  await page.getByRole("dialog").getByLabel("Name").fill(corrected);
  await page.getByRole("dialog").getByRole("button", { name: "Rename" }).click();
  await expect(page.getByText("Renamed. 1 claim takes the new name.")).toBeVisible();
  await expect(page.getByTestId("claim-speaker")).toHaveText(corrected);
  await expect(
    page.getByRole("form", { name: "Review" }).getByLabel("Claimant", { exact: true }),
  ).toHaveValue(corrected);
  await page.getByRole("tab", { name: /History/ }).click();
  await expect(
    page.getByTestId("history-event").filter({ hasText: "corrected the speaker's name" }),
  ).toContainText(`claimant: ${misspelled} → ${corrected}`);
});

test("a field reached by keyboard scrolls clear of the sticky Save bar", async ({
  page,
  makeUser,
  makeClaim,
}) => {
  await page.setViewportSize({ width: 1280, height: 700 });
  const user = await makeUser("REVIEWER");
  const claim = await makeClaim({ state: "IN_REVIEW", assigneeId: user.id });
  await signIn(page, user);
  await page.goto(`/claims/${claim.id}`);
  const review = page.getByRole("form", { name: "Review" });
  const field = review.getByLabel("Claimant", { exact: true });
  await expect(field).toBeEnabled();
  // Scroll so the field sits under the bar at the bottom of the window, then reach it.
  await field.evaluate((el) => {
    window.scrollBy(0, el.getBoundingClientRect().top - (window.innerHeight - 30));
  });
  await field.evaluate((el) => (el as HTMLElement).focus());
  const fieldBox = (await field.boundingBox())!;
  const barBox = (await review.getByRole("button", { name: "Submit for approval" }).boundingBox())!;
  expect(fieldBox.y + fieldBox.height).toBeLessThanOrEqual(barBox.y);
});

test("an action after the session ended (logged out elsewhere) goes to the login page, not an error", async ({
  page,
  makeUser,
  makeClaim,
  db,
}) => {
  const user = await makeUser("REVIEWER");
  const claim = await makeClaim();
  await signIn(page, user);
  await page.goto(`/claims/${claim.id}`);
  // Logged out in another tab: every copy of the session stops.
  await db.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
  await page.getByRole("button", { name: "Take this claim" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText("could not be reached")).toHaveCount(0);
});
