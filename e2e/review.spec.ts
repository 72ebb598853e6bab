import { expect, test, signIn } from "./fixtures";

test("a new reviewer takes the most check-worthy claim of the sample article, reviews it and submits it", async ({
  page,
  makeUser,
}) => {
  const reviewer = await makeUser("REVIEWER");
  await signIn(page, reviewer);

  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Articles" })
    .click();
  await page.getByRole("link", { name: /Kremlin rejects US position/ }).click();
  await page.getByRole("link", { name: "Claims of this article in the queue" }).click();
  await expect(page).toHaveURL(/\/claims\?article=/);

  // Most check-worthy first by default: take the top row.
  const top = page.getByTestId("queue-row").first();
  const claimId = await top.getAttribute("data-claim-id");
  await top.getByRole("button", { name: "Take" }).click();
  await expect(top).toContainText("In review");
  await top.getByRole("link").first().click();
  await expect(page).toHaveURL(`/claims/${claimId}`);

  const review = page.getByRole("form", { name: "Review" });
  await review.getByLabel("Claimant", { exact: true }).fill("Rex Tillerson");
  await review.getByLabel("Role at the time").fill("US Secretary of State");
  await review.getByLabel("Claimant type").selectOption("PERSON");
  await review.getByLabel("Where it appeared (URL)").fill("https://www.state.gov/remarks");
  await review.getByLabel("Proposed verdict").selectOption({ label: "Unproven" });
  await review
    .getByLabel("Rationale")
    .fill("The OPCW had not yet attributed the attack when the statement was made.");

  await review.getByRole("button", { name: "Add evidence" }).click();
  const first = review.getByRole("listitem", { name: "Evidence 1" });
  await first.getByLabel("URL", { exact: true }).fill("https://www.opcw.org/media-centre/news");
  await first.getByLabel("Title").fill("OPCW statement");
  await first.getByLabel("Stance").selectOption("CONTEXT");
  await first.getByLabel("Source type").selectOption("PRIMARY");

  await review.getByRole("button", { name: "Add evidence" }).click();
  const second = review.getByRole("listitem", { name: "Evidence 2" });
  await second.getByLabel("URL", { exact: true }).fill("javascript:alert(1)");
  await second.getByLabel("Stance").selectOption("SUPPORTS");
  await second.getByLabel("Source type").selectOption("SECONDARY");
  await review.getByRole("button", { name: "Submit for approval" }).click();
  await expect(
    second.getByText("Evidence URL must be a web address starting with http:// or https://"),
  ).toBeVisible();

  await second
    .getByLabel("URL", { exact: true })
    .fill("https://www.reuters.com/world/middle-east/");
  await review.getByRole("button", { name: "Submit for approval" }).click();
  await expect(review.getByText("Submitted for approval.")).toBeVisible();

  await page.getByRole("tab", { name: /History/ }).click();
  const history = page.getByTestId("claim-history");
  await expect(history.getByTestId("history-event")).toHaveCount(3);
  await expect(history).toContainText(`${reviewer.name} took the claim`);
  await expect(history).toContainText(`${reviewer.name} saved the review`);
  await expect(history).toContainText(`${reviewer.name} submitted it for approval`);

  await page.goto("/claims?assignee=mine&state=SUBMITTED");
  const row = page.locator(`[data-claim-id="${claimId}"]`);
  await expect(row).toContainText("Submitted");
  await expect(row).toContainText("Unproven");
});

test("two people editing one claim: the second save is refused and loses nothing", async ({
  browser,
  makeUser,
  makeClaim,
}) => {
  const reviewer = await makeUser("REVIEWER");
  const editor = await makeUser("EDITOR");
  const claim = await makeClaim({ state: "IN_REVIEW", assigneeId: reviewer.id });

  const first = await (await browser.newContext()).newPage();
  const second = await (await browser.newContext()).newPage();
  for (const [page, user] of [
    [first, reviewer],
    [second, editor],
  ] as const) {
    await signIn(page, user);
    await page.goto(`/claims/${claim.id}`);
    await expect(page.getByRole("form", { name: "Review" })).toBeVisible();
  }

  await first.getByLabel("Rationale").fill("The reviewer's rationale, saved first.");
  await first.getByRole("button", { name: "Save", exact: true }).click();
  await expect(first.getByText("Saved.")).toBeVisible();

  await second.getByLabel("Rationale").fill("The editor's rationale, saved second.");
  await second.getByRole("button", { name: "Save", exact: true }).click();
  const refusal = second.getByRole("form", { name: "Review" }).getByRole("alert");
  await expect(refusal).toContainText(
    `${reviewer.name} saved this claim after you opened it: rationale`,
  );
  await expect(second.getByLabel("Rationale")).toHaveValue("The editor's rationale, saved second.");

  await first.reload();
  await expect(first.getByLabel("Rationale")).toHaveValue("The reviewer's rationale, saved first.");
});

test("the queue works from the keyboard: j/k move, e opens, ? lists the shortcuts", async ({
  page,
  makeUser,
}) => {
  const user = await makeUser("EDITOR");
  await signIn(page, user);
  await page.goto("/claims");
  await expect(page.getByTestId("queue-row").nth(1)).toBeVisible();
  await expect(page.locator("[role=toolbar][data-ready]")).toBeVisible();
  await page.locator("body").press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await page.keyboard.press("Escape");
  await page.locator("body").press("j");
  const second = page.getByTestId("queue-row").nth(1);
  await expect(second).toBeFocused();
  const id = await second.getAttribute("data-claim-id");
  await page.keyboard.press("e");
  await expect(page).toHaveURL(`/claims/${id}`);
});
