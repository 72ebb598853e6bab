import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { E2E_DATA_DIR } from "../playwright.config";
import { expect, signIn, test } from "./fixtures";
import { embeddedDatabaseUrl } from "./support/http";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "..");

test("a reviewer sees a fact-check imported by the command on a new claim, marks it the same claim and adds it as evidence", async ({
  page,
  makeUser,
}) => {
  const id = crypto.randomUUID().slice(0, 8);
  const url = `https://checks.example/garlic-${id}`;
  // Another fact-checker's ClaimReview, imported into the library by the command.
  const folder = mkdtempSync(path.join(os.tmpdir(), "claimdesk-e2e-factchecks-"));
  try {
    const file = path.join(folder, "checks.jsonl");
    writeFileSync(
      file,
      `${JSON.stringify({
        "@type": "ClaimReview",
        url,
        claimReviewed: "Eating garlic prevents infection with the new coronavirus.",
        headline: `No, garlic does not protect against COVID-19 (${id})`,
        reviewRating: { "@type": "Rating", alternateName: "False", ratingValue: 1 },
        author: { "@type": "Organization", name: "Health Checkers" },
        datePublished: "2020-03-05",
      })}\n`,
    );
    const imported = await run("npm", ["run", "--silent", "import:factchecks", "--", file], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: embeddedDatabaseUrl(E2E_DATA_DIR) },
    });
    // Its embedding is the command's or, when the app's worker got to it first, the worker's.
    expect(imported.stdout).toContain("fact-checks: 1 added");
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }

  const reviewer = await makeUser("REVIEWER");
  await signIn(page, reviewer);
  await page.goto("/articles/import");
  await page.getByLabel("Title").fill(`Garlic cure ${id}`);
  await page
    .getByLabel("Article text")
    .fill(
      `Health Minister Ana Lima said that eating garlic protects people from catching COVID-19 in 90 percent of cases (${id}).\n\nThe ministry gave no source.`,
    );
  await page.getByRole("button", { name: "Import article" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported 1 article" })).toBeVisible();
  await page.getByRole("link", { name: `Garlic cure ${id}` }).click();
  await page.getByTestId("article-body").locator("[data-claim]", { hasText: "garlic" }).click();
  await expect(page.getByTestId("claim-text")).toContainText("eating garlic");

  // The worker matches the claim against the library after storing the article.
  const card = page.locator("section", {
    has: page.getByRole("heading", { name: /^Checked before/ }),
  });
  await expect(async () => {
    await page.reload();
    await expect(card.getByRole("heading")).toHaveText("Checked before (1)", { timeout: 1000 });
  }).toPass({ timeout: 45_000 });
  const match = card.getByRole("listitem", { name: "Fact-check by Health Checkers" });
  await expect(match).toContainText("Eating garlic prevents infection with the new coronavirus.");
  await expect(match).toContainText("False");
  await expect(match.getByRole("link", { name: /garlic does not protect/ })).toHaveAttribute(
    "href",
    url,
  );

  await match.getByRole("button", { name: "Same claim" }).click();
  await expect(card.getByText("Judgement saved.")).toBeVisible();
  await expect(match.getByRole("button", { name: "Same claim" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(match).toContainText(`Same, said ${reviewer.name}`);

  // Evidence is the reviewer's to add once the claim is theirs.
  await expect(match.getByRole("button", { name: "Add as evidence" })).toHaveCount(0);
  await page.getByRole("button", { name: "Take this claim" }).click();
  await match.getByRole("button", { name: "Add as evidence" }).click();
  await expect(card.getByText("Added to the evidence.")).toBeVisible();
  await expect(match.getByText("In the evidence")).toBeVisible();
  const review = page.getByRole("form", { name: "Review" });
  await expect(
    review.getByRole("listitem", { name: "Evidence 1" }).getByLabel("URL", { exact: true }),
  ).toHaveValue(url);

  await page.getByRole("tab", { name: /History/ }).click();
  const history = page.getByTestId("claim-history");
  await expect(history).toContainText("judged a fact-check it matched");
  await expect(history).toContainText("same claim as the fact-check: — → yes");
});
