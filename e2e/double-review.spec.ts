import type { APIRequestContext, Page } from "@playwright/test";
import { expect, seriousViolations, signedInPage, test } from "./fixtures";

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
  test.setTimeout(120_000);
  const ann = await makeUser("REVIEWER");
  const bob = await makeUser("REVIEWER");
  const editor = await makeUser("EDITOR");
  const claim = (await makeClaim({ checkworthiness: 0.99 })) as { id: string; articleId: string };
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
  await expect(a.getByRole("form", { name: "Review" }).getByLabel("Rationale")).toBeEnabled();
  await submitOwnReview(
    a,
    "False",
    `${annSecret}: the register shows otherwise.`,
    `https://example.org/${annSecret}`,
  );
  await expect(a.getByTestId("blind-reviewers")).toContainText(`${ann.name} (you): submitted`);

  // Bob, before he has submitted: nothing of Ann's review anywhere he can look.
  const b = await signedInPage(browser, bob);
  await b.goto(`/claims/${claim.id}`);
  await b.getByRole("button", { name: "Take this claim" }).click();
  const bobsForm = b.getByRole("form", { name: "Review" });
  await expect(bobsForm.getByLabel("Rationale")).toBeEnabled();
  await expect(bobsForm.getByLabel("Rationale")).toHaveValue("");
  expect(await seriousViolations(b), "a blind reviewer's page").toEqual([]);
  await expect(b.getByTestId("blind-reviewers")).toContainText(`${ann.name}: submitted`);
  await b.getByRole("tab", { name: /History/ }).click();
  await expect(b.getByTestId("claim-history")).toContainText(ann.name);
  expect(await b.content()).not.toContain(annSecret);
  expect(await (await b.request.get(`/claims/${claim.id}`)).text()).not.toContain(annSecret);
  // Nor may an editor (over HTTP: the page, the API and every export) see it yet.
  const e = await signedInPage(browser, editor);
  expect(await everythingAbout(e.request, claim.id, articleId)).not.toContain(annSecret);
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

  // The overview: this pair's agreement, on one claim.
  await e.goto("/");
  const pair = e
    .getByRole("table", { name: "Agreement per reviewer pair" })
    .getByRole("row")
    .filter({ hasText: ann.name });
  await expect(pair).toContainText(bob.name);
  await expect(pair).toContainText("0%");
  expect(await seriousViolations(e), "the overview").toEqual([]);
});
