import type { APIRequestContext, Page } from "@playwright/test";
import { expect, seriousViolations, signedInPage, signIn, test } from "./fixtures";

/** The reviewer's own review, filled in and submitted through their form. */
async function submitOwnReview(page: Page, verdict: string, rationale: string, url: string) {
  const review = page.getByRole("form", { name: "Review" });
  await review.getByLabel("Claimant", { exact: true }).fill(`${rationale.slice(0, 12)} claimant`);
  await review.getByLabel("Proposed verdict").selectOption({ label: verdict });
  await review.getByLabel("Rationale").fill(rationale);
  await review.getByRole("button", { name: "Add evidence" }).click();
  const item = review.getByRole("listitem", { name: "Evidence 1" });
  await item.getByLabel("URL", { exact: true }).fill(url);
  await item.getByLabel("Stance").selectOption("REFUTES");
  await item.getByLabel("Source type").selectOption("PRIMARY");
  await review.getByRole("button", { name: "Submit my review" }).click();
  await expect(review.getByText(/Submitted\. Neither review is shown/)).toBeVisible();
}

/** Everything `client` can fetch about the claim: its page, its history, the API and every export. */
async function everythingAbout(client: APIRequestContext, claimId: string, articleId: string) {
  const bodies = await Promise.all(
    [
      `/claims/${claimId}`,
      `/api/v1/claims?state=ALL&article=${articleId}`,
      ...["csv", "json", "jsonl", "claimreview.json"].map(
        (ext) => `/api/v1/export.${ext}?state=ALL&article=${articleId}`,
      ),
    ].map(async (path) => {
      const response = await client.get(path);
      expect(response.status(), path).toBe(200);
      return response.text();
    }),
  );
  return bodies.join("\n");
}

test("two reviewers review blind, then an editor sees both side by side and adopts one", async ({
  browser,
  makeUser,
  makeClaim,
}) => {
  // Three people and some twenty page loads: over two minutes on a busy machine.
  test.setTimeout(240_000);
  const ann = await makeUser("REVIEWER");
  const bob = await makeUser("REVIEWER");
  const editor = await makeUser("EDITOR");
  const claim = (await makeClaim({
    checkworthiness: 0.99,
    claimantName: "Maria Lopez",
    claimantRole: "Mayor",
  })) as { id: string; articleId: string };
  const { articleId } = claim;
  {
    // The editor marks the claim in the queue (the article's view) as needing two reviews.
    const e = await signedInPage(browser, editor);
    await e.goto(`/claims?article=${articleId}`);
    await expect(e.getByRole("toolbar", { name: "Selected claims" })).toHaveAttribute(
      "data-ready",
      "true",
    );
    await e
      .getByRole("checkbox", { name: /^Select claim:/ })
      .first()
      .check();
    await e
      .getByRole("toolbar", { name: "Selected claims" })
      .getByRole("button", { name: "Two reviews", exact: true })
      .click();
    await expect(e.getByText("1 claim needs two independent reviews.")).toBeVisible();
    await expect(e.getByRole("row").filter({ hasText: "Two reviews" })).toHaveCount(1);
    await e.context().close();
  }

  const annSecret = `ann-blind-${Date.now()}`;
  const a = await signedInPage(browser, ann);
  await a.goto(`/claims/${claim.id}`);
  await expect(a.getByText("Two independent reviews").first()).toBeVisible();
  await a.getByRole("button", { name: "Take this claim" }).click();
  const annsForm = a.getByRole("form", { name: "Review" });
  await expect(annsForm.getByLabel("Rationale")).toBeEnabled();
  // Her form starts from the claimant extraction suggested, as a single review's does.
  await expect(annsForm.getByLabel("Claimant", { exact: true })).toHaveValue("Maria Lopez");
  await expect(annsForm.getByLabel("Role at the time")).toHaveValue("Mayor");
  await submitOwnReview(
    a,
    "False",
    `${annSecret}: the register shows otherwise.`,
    `https://example.org/${annSecret}`,
  );
  await expect(a.getByTestId("blind-reviewers")).toContainText(`${ann.name} (you): submitted`);
  // Submitted, she may not change the claim's text or span while the other reviewer judges it.
  await expect(a.getByTestId("span-frozen")).toContainText(
    "This claim is under two independent reviews",
  );
  await expect(a.getByRole("button", { name: "Save span" })).toHaveCount(0);
  await expect(a.getByRole("button", { name: "Split claim" })).toHaveCount(0);

  // Bob, before he has submitted: nothing of Ann's review anywhere he can look.
  const b = await signedInPage(browser, bob);
  await b.goto(`/claims/${claim.id}`);
  await b.getByRole("button", { name: "Take this claim" }).click();
  const bobsForm = b.getByRole("form", { name: "Review" });
  await expect(bobsForm.getByLabel("Rationale")).toBeEnabled();
  await expect(bobsForm.getByLabel("Rationale")).toHaveValue("");
  // His starts from the extracted claimant too, not from Ann's (which she changed).
  await expect(bobsForm.getByLabel("Claimant", { exact: true })).toHaveValue("Maria Lopez");
  await expect(b.getByTestId("span-frozen")).toBeVisible();
  expect(await seriousViolations(b), "a blind reviewer's page").toEqual([]);
  await expect(b.getByTestId("blind-reviewers")).toContainText(`${ann.name}: submitted`);
  await b.getByRole("tab", { name: /History/ }).click();
  await expect(b.getByTestId("claim-history")).toContainText(ann.name);
  expect(await b.content()).not.toContain(annSecret);
  expect(await (await b.request.get(`/claims/${claim.id}`)).text()).not.toContain(annSecret);
  // The queue tells him the claim is taken, by whom, and nothing of Ann's review.
  await b.goto(`/claims?article=${articleId}`);
  const bobsRow = b.getByRole("row").filter({ hasText: "Two reviews" });
  await expect(bobsRow).toContainText(`${ann.name}, ${bob.name}`);
  expect(await b.content()).not.toContain(annSecret);
  await b.goto(`/claims/${claim.id}`);
  // Nor may an editor (over HTTP: the page, the API and every export) see it yet.
  const e = await signedInPage(browser, editor);
  expect(await everythingAbout(e.request, claim.id, articleId)).not.toContain(annSecret);
  // The editor's queue names both reviewers, and finds the claim under each of them.
  await e.goto(`/claims?article=${articleId}&assignee=${ann.id}`);
  await expect(e.getByRole("row").filter({ hasText: "Two reviews" })).toContainText(
    `${ann.name}, ${bob.name}`,
  );
  expect(await e.content()).not.toContain(annSecret);
  await e.goto(`/claims?article=${articleId}&assignee=unassigned`);
  await expect(e.getByRole("row").filter({ hasText: "Two reviews" })).toHaveCount(0);
  await e.goto(`/claims/${claim.id}`);
  await expect(e.getByText("Each review stays hidden, from editors too")).toBeVisible();
  expect(await e.content()).not.toContain(annSecret);

  const bobSecret = `bob-blind-${Date.now()}`;
  await b.getByRole("tab", { name: "Review" }).click();
  await submitOwnReview(
    b,
    "Mostly false",
    `${bobSecret}: partly right on the dates.`,
    `https://example.org/${bobSecret}`,
  );
  // Both are in: each sees the other's, side by side.
  await b.reload();
  const comparison = b.getByTestId("review-comparison");
  await expect(comparison).toContainText(annSecret);
  await expect(comparison).toContainText(bobSecret);

  // The editor reconciles: the differences marked, then adopts Ann's review.
  await e.goto("/approvals");
  await expect(e.getByTestId("reconcile-list")).toContainText(`${ann.name}: False`);
  await e.goto(`/claims/${claim.id}`);
  const table = e.getByTestId("review-comparison");
  await expect(table.getByRole("row", { name: /Verdict differs/ })).toContainText("Mostly false");
  await expect(table.getByRole("row", { name: /Evidence differs/ })).toContainText("only here");
  expect(await seriousViolations(e), "the reconciliation page").toEqual([]);
  await e.getByRole("button", { name: `Adopt ${ann.name}’s review (False)` }).click();
  await expect(e.getByText(`Approved as False by ${editor.name}`)).toBeVisible();
  await expect(e.getByTestId("reconciliation")).toContainText(`adopted ${ann.name}’s review`);

  // The exports: JSON Lines carry both reviews and the decision, CSV the final verdict only.
  const line = JSON.parse(
    await (await e.request.get(`/api/v1/export.jsonl?article=${articleId}`)).text(),
  ) as {
    verdictLabel: string;
    doubleReview: { reviews: Array<{ reviewer: string }>; reconciliation: { outcome: string } };
  };
  expect(line.verdictLabel).toBe("False");
  expect(line.doubleReview.reviews.map((r) => r.reviewer)).toEqual([ann.name, bob.name]);
  expect(line.doubleReview.reconciliation.outcome).toBe("ADOPT");
  const csv = await (await e.request.get(`/api/v1/export.csv?article=${articleId}`)).text();
  expect(csv).toContain(annSecret);
  expect(csv).not.toContain(bobSecret);

  // The overview: this pair's agreement, on one claim, with its interval, and a warning
  // that so few claims say little; the pairs behind it as CSV.
  await e.goto("/");
  await expect(e.getByText("Too few claims to read")).toBeVisible();
  await expect(e.getByTestId("agreement-overall")).toContainText("95% interval");
  await expect(e.getByTestId("agreement-overall")).toContainText("Krippendorff’s alpha");
  const pairsCsv = await (await e.request.get("/api/v1/agreement.csv")).text();
  expect(pairsCsv).toContain(`${claim.id},`);
  expect(pairsCsv).toContain(`,${ann.name},`);
  const pair = e
    .getByRole("table", { name: "Agreement per reviewer pair" })
    .getByRole("row")
    .filter({ hasText: ann.name });
  await expect(pair).toContainText(bob.name);
  await expect(pair).toContainText("0%");
  await expect(pair).toContainText("too few to read");
  await expect(e.getByRole("table", { name: /verdict by verdict/ })).toContainText("Mostly false");
  expect(await seriousViolations(e), "the overview").toEqual([]);
});

test("an editor asks for two reviews on the claim page, and goes back to one", async ({
  page,
  makeUser,
  makeClaim,
}) => {
  test.setTimeout(90_000);
  const editor = await makeUser("EDITOR");
  const claim = await makeClaim();
  await signIn(page, editor);
  await page.goto(`/claims/${claim.id}`);
  await page.getByRole("button", { name: "Ask for two reviews" }).click();
  await expect(page.getByText("This claim now needs two independent reviews.")).toBeVisible();
  await expect(page.getByText("Two independent reviews").first()).toBeVisible();
  await expect(page.getByTestId("blind-reviewers")).toContainText("First reviewer: not taken yet");
  await page.getByRole("button", { name: "Back to one review" }).click();
  await expect(page.getByText("This claim now needs one review.")).toBeVisible();
  await expect(page.getByTestId("blind-reviewers")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Ask for two reviews" })).toBeVisible();
});

test("'Require two reviews' says how many claims and which filters, asks, and can be undone", async ({
  page,
  makeUser,
  makeClaim,
}) => {
  test.setTimeout(90_000);
  const editor = await makeUser("EDITOR");
  const first = (await makeClaim({ checkworthiness: 0.9 })) as { id: string; articleId: string };
  await makeClaim({ articleId: first.articleId, checkworthiness: 0.8 });
  await signIn(page, editor);
  await page.goto(`/claims?article=${first.articleId}`);
  const rows = page.getByRole("row").filter({ hasText: "Two reviews" });
  await page.getByRole("button", { name: "Require two reviews…" }).click();
  const dialog = page.getByRole("dialog", { name: "Require two reviews" });
  await expect(dialog.getByTestId("review-mode-confirm")).toHaveText(
    "2 new claims matching these filters will need two independent reviews.",
  );
  await expect(dialog).toContainText("Filters: article: “");
  // Cancel changes nothing.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(rows).toHaveCount(0);
  await page.getByRole("button", { name: "Require two reviews…" }).click();
  await dialog.getByRole("button", { name: "Require two reviews for 2 new claims" }).click();
  await expect(page.getByText("2 new claims now need two independent reviews.")).toBeVisible();
  await expect(rows).toHaveCount(2);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText("Undone: 2 new claims need one review again.")).toBeVisible();
  await expect(rows).toHaveCount(0);
});

test("an editor changes the span of a claim under two reviews: a reason is asked and the reviewer's review comes back with it", async ({
  browser,
  makeUser,
  makeClaim,
}) => {
  test.setTimeout(150_000);
  const editor = await makeUser("EDITOR");
  const reviewer = await makeUser("REVIEWER");
  const claim = await makeClaim();
  const e = await signedInPage(browser, editor);
  await e.goto(`/claims/${claim.id}`);
  await e.getByRole("button", { name: "Ask for two reviews" }).click();
  await expect(e.getByText("This claim now needs two independent reviews.")).toBeVisible();

  const r = await signedInPage(browser, reviewer);
  await r.goto(`/claims/${claim.id}`);
  await r.getByRole("button", { name: "Take this claim" }).click();
  await expect(r.getByTestId("span-frozen")).toBeVisible();

  await e.reload();
  await e.getByText("Offsets (advanced)").click();
  const end = e.getByLabel("End offset");
  await end.fill(String(Number(await end.inputValue()) - 1));
  await e.getByRole("button", { name: "Save span" }).click();
  await expect(e.getByText("Give a reason for both reviewers")).toBeVisible();
  await e.getByLabel("Reason for both reviewers").fill("The quote stops before the full stop.");
  await e.getByRole("button", { name: "Save span" }).click();
  await expect(e.getByText("Span saved.")).toBeVisible();

  await r.reload();
  await expect(r.getByRole("alert").filter({ hasText: "Your review was returned" })).toContainText(
    "an editor changed this claim’s text or span. The quote stops before the full stop.",
  );
});
